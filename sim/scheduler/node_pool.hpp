// Which PPUs of one node pool are free, indexed so that placement questions are cheap at
// 12,500 nodes. A pool is a range of the cluster's nodes, all of one server and chip
// (docs/config.md, "Node pools"); resource_pool.hpp asks the pools of a cluster in turn.
//
// Allocation rule (gang allocation, docs/models.md section (e)): a job of at most one node's PPUs
// shares a node with others and takes exactly its PPUs on one node; a larger job takes
// ceil(P / ppus_per_node) whole nodes for itself. The pool keeps
//   - free PPUs per node, and partially used nodes bucketed by their free count (best fit);
//   - fully free nodes per leaf group, with per-leaf and per-pod counts (packing);
//   - PPUs shared by fractional jobs (fractional_ppus.hpp), each held as a one-PPU allocation;
//   - with fragmentation-aware placement, when each node's sharing jobs are expected to end
//     (node_release_times.hpp);
//   - with random placement, its random stream (node_pool_random.cpp); with FGD, the
//     workload's request mix (fragmentation_gradient.hpp, node_pool_fgd.cpp).
#pragma once

#include <optional>
#include <set>
#include <vector>

#include "sim/config/scenario.hpp"
#include "sim/core/random.hpp"
#include "sim/scheduler/fractional_ppus.hpp"
#include "sim/scheduler/fragmentation_gradient.hpp"
#include "sim/scheduler/free_nodes_by_leaf.hpp"
#include "sim/scheduler/host_resources.hpp"
#include "sim/scheduler/node_release_times.hpp"
#include "topologies/topology_layout.hpp"

namespace ppusim {

struct Allocation {
  std::vector<int> nodes;  // in ring order: grouped by leaf, leaves in placement order
  int ppus_per_node = 0;   // PPUs held on each of those nodes; spanning servers of different
                           // shapes: on each node of the smallest server among them
  bool whole_nodes = false;
  /// A fractional job's shared PPU (FractionalPpus id) and its thousandths of it; it holds no
  /// whole PPU itself (ppus_per_node 0): the shared PPU is the pool's until its last job ends.
  int shared_ppu = -1;
  int ppu_milli = 0;
  /// A node-sharing job's expected end, when fragmentation-aware placement tracks it; else -1.
  double expected_end_s = -1;
  int pool = 0;  // the node pool it came from (resource_pool.hpp); spanning pools: the first
  /// A job spanning pools whose servers differ in PPUs per node (resource_pool.hpp) holds each
  /// node whole: the PPUs it holds beyond nodes × ppus_per_node, on the larger servers. 0
  /// otherwise. held_ppus() counts them, so whatever the job does not use of them shows as held
  /// and not busy (docs/models.md, section f, "Spanning servers of different shapes").
  int mixed_shape_ppus = 0;
  /// A job spanning pools (resource_pool.hpp): bit k for each pool k it holds nodes of; 0 when
  /// it runs within `pool` alone.
  std::uint64_t spanned_pools = 0;
  /// CPU cores and memory it holds on its node, when it shares the node with others and the
  /// pool models them (a job on whole nodes holds the nodes' hosts whole).
  HostRequest host_held;

  int held_ppus() const { return static_cast<int>(nodes.size()) * ppus_per_node + mixed_shape_ppus; }
  bool spans_several_node_sizes() const { return mixed_shape_ppus > 0; }
  bool is_fractional() const { return shared_ppu >= 0; }
  /// PPUs' worth held, for utilization and cost: thousandths / 1000 for a fractional job.
  double allocated_ppus() const { return is_fractional() ? ppu_milli / 1000.0 : held_ppus(); }
};

/// A set of nodes, asked one node at a time (EASY's reserved nodes: easy_backfill_policy.hpp).
class NodeSet {
 public:
  virtual ~NodeSet() = default;
  virtual bool contains(int node) const = 0;
};

/// What a backfilled job may not take, so that it does not delay the reserved head job.
struct AllocationLimits {
  /// The node pools they apply to (bit k: pool k), those the reservation is in
  /// (ResourcePool::allocate); every pool unless set.
  std::uint64_t pools = ~std::uint64_t{0};
  /// Nodes the head job's reservation counts on: a shared job may not land on them.
  const NodeSet* excluded_nodes = nullptr;
  int max_free_nodes_consumed = -1;  // fully free nodes it may take; -1 = no limit
  /// The node's host must also hold this much free (set by the pool when it models hosts).
  const HostResources* hosts = nullptr;
  HostRequest host_request;

  bool excludes(int node) const;
};

/// What the random and FGD placements need besides the cluster.
struct PlacementInputs {
  std::uint64_t seed = 0;  // random placement's stream
  RequestMix workload;     // FGD's target workload
};

/// Where FGD would place a job, and how much the expected fragmentation grows there.
template <typename Target>
struct FgdChoice {
  Target target;
  double growth = 0;
};

/// The nodes of the layout a pool holds: [first, first + count); count -1: every node.
struct NodeRange {
  int first = 0;
  int count = -1;
};

class NodePool {
 public:
  NodePool(const TopologyLayout& layout, int ppus_per_node, PlacementPolicy placement,
           const PlacementInputs& inputs = {}, NodeRange range = {},
           const HostResources& hosts = HostResources(0, std::nullopt, std::nullopt));

  int ppus_per_node() const { return ppus_per_node_; }
  int total_nodes() const { return node_count_; }
  int first_node() const { return first_node_; }
  /// Whether the nodes' CPU cores or memory limit what fits (host_resources.hpp).
  bool models_hosts() const { return hosts_.modelled(); }
  /// Its nodes' CPU cores and memory, and what the jobs sharing a node hold of them.
  const HostResources& hosts() const { return hosts_; }
  int free_node_count() const { return free_node_count_; }
  /// The wholly free nodes whose hosts hold `share` (all of them when every host does).
  int free_nodes_holding(const HostRequest& share) const;
  int free_ppus_on(int node) const { return free_ppus_[node]; }
  int jobs_on(int node) const { return jobs_on_node_[node]; }
  long long free_ppus() const { return free_ppus_total_; }
  /// The most PPUs free on any one node: the largest job that shares a node and fits now.
  int most_free_on_one_node() const { return free_node_count_ > 0 ? ppus_per_node_ : most_partial_free_; }

  /// Whole nodes a job of `ppus` PPUs needs, or 0 when it shares a node.
  int whole_nodes_needed(int ppus) const;
  /// Whether the job could ever run on this pool when it is empty.
  bool ever_fits(int ppus) const;
  /// Whether an empty node holds a job's CPU and memory request (split over its whole nodes).
  bool host_ever_fits(int ppus, const HostRequest& job_host) const;

  /// A job of `ppus` PPUs, or with ppu_milli < 1000 a fractional job of one PPU, expected to end
  /// at expected_end_s (used by fragmentation-aware placement; -1: unknown).
  /// `job_host`: the job's CPU and memory request, for the whole job (split evenly over its
  /// nodes when it takes whole nodes).
  std::optional<Allocation> allocate(int ppus, const AllocationLimits& limits = {}, int ppu_milli = 1000,
                                     double expected_end_s = -1, const HostRequest& job_host = {});
  /// `count` whole free nodes for a part of a job spanning pools (resource_pool.hpp), each
  /// node's host holding `per_node_host`; none when fewer are free or the hosts cannot hold it.
  std::optional<Allocation> allocate_whole_nodes(int count, const HostRequest& per_node_host);
  void release(const Allocation& allocation);
  /// With FGD placement: how much the expected fragmentation would grow where allocate() would
  /// place the job now (0 for a job of whole nodes, which is packed); none when it fits nowhere.
  /// Lets the pool choice compare pools (scheduler.pool_choice "fgd").
  std::optional<double> fgd_least_growth(int ppus, const AllocationLimits& limits = {}, int ppu_milli = 1000,
                                         const HostRequest& job_host = {}) const;
  const FractionalPpus& fractional_ppus() const { return fractional_; }
  /// Takes a failed (or taken back) node's free PPUs out of service, so that nothing new lands
  /// there; returns how many. `restore` gives them back. Jobs on the node keep their PPUs.
  int withdraw_free(int node);
  void restore(int node, int ppus);

 private:
  std::optional<Allocation> allocate_fraction(int milli, const AllocationLimits& limits,
                                              double expected_end_s);
  /// Where a fractional job goes: an open shared PPU (and its node), or a node to open one on.
  struct FractionTarget {
    int shared_ppu = -1;
    int node = -1;
  };
  std::optional<FractionTarget> pick_fraction_target(int milli, const AllocationLimits& limits,
                                                     double expected_end_s);
  void release_fraction(const Allocation& allocation);
  /// The job sharing the allocation's node holds its host request there until released.
  void hold_host(Allocation& allocation, const HostRequest& job_host);
  /// Takes `ppus` PPUs on `node` (which has them free) for a job that shares the node.
  Allocation take_on_node(int node, int ppus, double expected_end_s);
  std::optional<int> pick_shared_node(int ppus, const AllocationLimits& limits, double expected_end_s);
  std::optional<int> pick_partial_node_by_release(int ppus, const AllocationLimits& limits,
                                                  double expected_end_s) const;
  bool tracks_release(double expected_end_s) const {
    return placement_ == PlacementPolicy::FragmentationAware && expected_end_s >= 0;
  }
  std::vector<int> pick_whole_nodes(int count);
  /// Takes `whole` free nodes by the placement's rule, unless the limits forbid them.
  std::optional<Allocation> take_whole_nodes(int whole, const AllocationLimits& limits);
  /// Takes `whole` free nodes whose hosts each hold `per_node_host`, by pack's leaf rule.
  std::optional<Allocation> take_whole_nodes_holding(int whole, const AllocationLimits& limits,
                                                     const HostRequest& per_node_host);
  /// Marks the free `nodes` as one whole-node job's.
  Allocation commit_whole_nodes(std::vector<int> nodes);
  /// The first node the limits allow among the partly used nodes with exactly `free` PPUs
  /// free, or (free == ppus_per_node) among the free nodes, by pack's leaf rule.
  std::optional<int> first_node_with_free(int free, const AllocationLimits& limits) const;

  // Random placement (node_pool_random.cpp): uniform among the nodes that fit.
  std::optional<int> random_shared_node(int ppus, const AllocationLimits& limits);
  std::optional<int> random_shared_ppu(int milli, const AllocationLimits& limits);
  std::vector<int> random_whole_nodes(int count);
  std::size_t random_index(std::size_t count) { return static_cast<std::size_t>(rng_.uniform01() * count); }
  bool may_take(int node, int ppus, const AllocationLimits& limits) const;

  // FGD placement (node_pool_fgd.cpp): where the expected fragmentation grows the least.
  std::optional<FgdChoice<int>> fgd_shared_node(int ppus, const AllocationLimits& limits) const;
  std::optional<FgdChoice<FractionTarget>> fgd_fraction_target(int milli,
                                                               const AllocationLimits& limits) const;
  /// With hosts in the measure, nodes of equal free PPUs differ: every node that fits is read.
  bool fgd_reads_hosts() const { return hosts_.modelled() && gradient_.reads_hosts(); }
  /// What a placement changes on one node, for the host-aware measure.
  struct NodeChange {
    int ppus = 0;         // whole PPUs taken (1 when a shared PPU is opened)
    int shared_ppu = -1;  // an open shared PPU `milli` of which is taken
    int milli = 0;
    int opened_room = -1;  // >= 0: a shared PPU is opened, with this room left
    HostRequest host;
  };
  double fgd_growth_with_host(int node, const NodeChange& change) const;
  std::optional<FgdChoice<int>> fgd_shared_node_with_host(int ppus, const AllocationLimits& limits) const;
  std::optional<FgdChoice<FractionTarget>> fgd_fraction_target_with_host(
      int milli, const AllocationLimits& limits) const;
  /// The limits a job that shares a node places under: `given`, and its host request when the
  /// pool models hosts (every picker then skips the nodes whose host cannot hold it).
  AllocationLimits limits_with_host(const AllocationLimits& given, int whole_nodes,
                                    const HostRequest& job_host) const;
  std::vector<int> pack_whole_nodes(int count) const;
  std::vector<int> spread_whole_nodes(int count) const;
  int pick_leaf_for_one_node(const AllocationLimits& limits) const;

  void take_free_node(int node);
  void return_free_node(int node);
  void set_partial(int node, int old_free, int new_free);

  TopologyLayout layout_;
  int ppus_per_node_;
  int first_node_;
  int node_count_;
  HostResources hosts_;
  PlacementPolicy placement_;

  std::vector<int> free_ppus_;
  std::vector<int> jobs_on_node_;
  long long free_ppus_total_ = 0;
  // nodes_by_free_[f]: partially used nodes with exactly f free PPUs, 1 <= f < ppus_per_node.
  std::vector<std::set<int>> nodes_by_free_;
  int most_partial_free_ = 0;  // the largest f with nodes_by_free_[f] not empty (0: none)
  FreeNodesByLeaf free_nodes_in_leaf_;
  std::vector<int> free_nodes_in_pod_;
  int free_node_count_ = 0;
  FractionalPpus fractional_;
  NodeReleaseTimes release_times_;
  Rng rng_;
  FragmentationGradient gradient_;
};

}  // namespace ppusim
