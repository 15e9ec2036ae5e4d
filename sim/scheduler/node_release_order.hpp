// When each busy node is expected to be wholly free again, kept up to date as jobs start and
// end, so that EASY finds its head job's shadow time in O(log n) per scheduling pass instead of
// walking the running jobs by expected end (docs/performance.md, "Scheduler").
//
// Running jobs are expected to end in the order of their key (expected end, id). A node is
// wholly free once every running job on it has ended, so its release key is the largest key
// among its jobs, and busy nodes in order of release key are the order in which the running
// jobs' ends free them. The keys are held with the number of nodes each one releases in an
// order-statistics tree: "the k-th node to come free" and "how many nodes are free once every
// job up to key K has ended" are then O(log n) questions.
#pragma once

#include <ext/pb_ds/assoc_container.hpp>
#include <ext/pb_ds/tree_policy.hpp>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

namespace ppusim {

/// A running job's place in the order jobs are expected to end: (expected end, job id).
using EndKey = std::pair<double, int>;

namespace detail {
/// pb_ds node update: each tree node holds the sum of the mapped counts in its subtree.
template <class NodeCItr, class NodeItr, class CmpFn, class Alloc>
struct SubtreeCount {
  using metadata_type = long long;
  void operator()(NodeItr it, NodeCItr end_it) {
    long long sum = (*it)->second;
    const NodeItr left = it.get_l_child();
    const NodeItr right = it.get_r_child();
    if (left != end_it) sum += left.get_metadata();
    if (right != end_it) sum += right.get_metadata();
    const_cast<long long&>(it.get_metadata()) = sum;
  }
  virtual NodeCItr node_begin() const = 0;
  virtual NodeCItr node_end() const = 0;
  virtual ~SubtreeCount() = default;
};
}  // namespace detail

class NodeReleaseOrder {
 public:
  /// A job with this key started on these nodes (distinct).
  void add(const EndKey& key, const std::vector<int>& nodes);
  /// The job with this key left these nodes.
  void remove(const EndKey& key, const std::vector<int>& nodes);

  /// Nodes with at least one running job.
  long long busy_nodes() const;
  /// The release key of the k-th busy node to come wholly free, 1 <= k <= busy_nodes().
  EndKey kth_release(long long k) const;
  /// Busy nodes wholly free once every job up to and including `key` has ended.
  long long released_by(const EndKey& key) const;
  /// A node's release key; nullopt while no job runs on it.
  std::optional<EndKey> release_of(int node) const;

 private:
  using Tree =
      __gnu_pbds::tree<EndKey, long long, std::less<EndKey>, __gnu_pbds::rb_tree_tag, detail::SubtreeCount>;
  void move_node(const std::optional<EndKey>& from, const std::optional<EndKey>& to);
  void add_count(const EndKey& key, long long delta);

  Tree nodes_by_release_;  // release key -> how many nodes it releases (> 0)
  // Per node, the keys of its running jobs (one for a whole-node job) and their maximum.
  std::vector<std::vector<EndKey>> jobs_on_;
  std::vector<std::optional<EndKey>> latest_;
};

/// The same questions over the busy nodes of several pools, each with its own order (a span
/// group: docs/models.md, section f). Busy nodes wholly free once every job up to `key` ended:
long long released_by_among(const std::vector<const NodeReleaseOrder*>& orders, const EndKey& key);
/// The release key of the k-th of their busy nodes to come wholly free, 1 <= k <= the sum of
/// their busy_nodes(): O(p² log² n) for p pools.
EndKey kth_release_among(const std::vector<const NodeReleaseOrder*>& orders, long long k);

/// The same, each node weighted by its pool's PPUs per node (`weights`, one per order): a span
/// group of servers of different sizes, whose head needs PPUs rather than nodes. PPUs of the
/// busy nodes wholly free once every job up to `key` ended:
long long released_ppus_among(const std::vector<const NodeReleaseOrder*>& orders,
                              const std::vector<int>& weights, const EndKey& key);
/// The least release key by which at least `ppus` PPUs of their busy nodes come wholly free,
/// 1 <= ppus <= the PPUs of all their busy nodes.
EndKey release_freeing_ppus_among(const std::vector<const NodeReleaseOrder*>& orders,
                                  const std::vector<int>& weights, long long ppus);

}  // namespace ppusim
