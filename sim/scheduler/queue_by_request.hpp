// The queue indexed by what each job asks for, so that a greedy pass (first-fit, SJF) visits
// only jobs that can fit now instead of the whole queue.
//
// A job asks for one of three kinds of room (the pool's allocation rule, resource_pool.hpp):
// whole nodes (more PPUs than a node has), PPUs on one node (at most a node's), or thousandths
// of one shared PPU. Within a kind, jobs are grouped by size ("class"), and each class is kept
// in the policy's order (submission order, or estimate then submission order). A class fits
// now exactly when the pool's free capacity of its kind holds its size:
//   whole nodes n      fits iff n <= free nodes
//   p PPUs on a node   fits iff p <= the most PPUs free on any one node
//   m thousandths      fits iff m <= the most free thousandths of an open shared PPU, or a
//                      PPU is free anywhere (a new shared PPU can be opened)
// and, within a pass, free capacity only shrinks: a class that stops fitting stays unfit
// until the pass ends. The classes that fit are the smallest ones of each kind, a prefix of
// each ordered map.
#pragma once

#include <compare>
#include <list>
#include <map>
#include <optional>
#include <vector>

#include "sim/scheduler/scheduling_policy.hpp"

namespace ppusim {

class QueueByRequest {
 public:
  using Entry = std::list<PendingJob>::iterator;

  /// A job's place in the policy's order: by `primary` (0 for submission order, the estimate
  /// for SJF), then by `sequence` (submission order; a job queued at the head gets a number
  /// below every other).
  struct OrderKey {
    double primary = 0;
    long long sequence = 0;
    auto operator<=>(const OrderKey&) const = default;
  };

  enum class Kind { WholeNodes, PpusOnNode, Thousandths };

  /// A class of jobs that ask for the same room: its kind and its size in that kind's units.
  struct RequestClass {
    Kind kind = Kind::WholeNodes;
    int size = 0;
  };

  /// The class of `job` on `pool` (only ppus_per_node matters).
  static RequestClass class_of(const PendingJob& job, const ResourcePool& pool);

  void add(Entry job, const OrderKey& key, const RequestClass& request);
  /// Removes the first job (in the policy's order) of a class and returns it.
  Entry pop_first(const RequestClass& request);
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }

  /// The first job of every class that fits the pool now, with its key: where a pass starts.
  struct Head {
    OrderKey key;
    RequestClass request;
  };
  std::vector<Head> fitting_heads(const ResourcePool& pool) const;
  /// The key of a class's first job; the class must not be empty.
  std::optional<OrderKey> first_key(const RequestClass& request) const;
  /// Whether a job of this class fits the pool now (the rule above).
  static bool fits(const RequestClass& request, const ResourcePool& pool);

 private:
  using Class = std::map<OrderKey, Entry>;
  using ClassesBySize = std::map<int, Class>;
  ClassesBySize& classes(Kind kind) { return by_kind_[static_cast<int>(kind)]; }
  const ClassesBySize& classes(Kind kind) const { return by_kind_[static_cast<int>(kind)]; }
  static int capacity(Kind kind, const ResourcePool& pool);

  ClassesBySize by_kind_[3];
  std::size_t size_ = 0;
};

}  // namespace ppusim
