// The queue indexed by what each job asks for, so that a greedy pass (first-fit, SJF) visits
// only jobs that can fit now instead of the whole queue.
//
// Jobs are grouped into classes of the same request (placement_request.hpp): the same pools
// allowed, the same PPUs (or thousandths of one shared PPU), the same CPU cores and memory.
// Jobs of one class are placed alike, so once one of them finds no room in a pass, none does
// for the rest of that pass (free capacity only shrinks within a pass). Each class is kept in
// the policy's order (submission order, or estimate then submission order).
//
// Whether a class may fit now is first asked of the pools' free counts, a necessary
// condition: in some pool k it allows,
//   P PPUs, more than a node of k has    ceil(P / ppus_per_node_k) <= free nodes of k
//   P PPUs, at most a node of k has      P <= the most PPUs free on one node of k
//   m thousandths                        a PPU of k is free (a new shared PPU can be opened),
//                                        or an open shared PPU of k has m free
// The pool's allocation is the final answer (it also checks CPU and memory). Within a group of
// classes that allow the same pools, the condition only gets harder as P (or m) grows, so the
// sizes that pass it are a prefix of each group's sizes in ascending order.
#pragma once

#include <compare>
#include <list>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "sim/scheduler/scheduling_policy.hpp"

namespace ppusim {

class QueueByRequest {
 public:
  using Entry = JobQueue::const_iterator;

  /// A job's place in the policy's order: by `primary` (0 for submission order, the estimate
  /// for SJF), then by `sequence` (submission order; a job queued at the head gets a number
  /// below every other).
  struct OrderKey {
    double primary = 0;
    long long sequence = 0;
    auto operator<=>(const OrderKey&) const = default;
  };

  /// A class of jobs that ask for the same thing.
  struct RequestClass {
    PoolMask pools = kAnyPool;
    bool fractional = false;
    int size = 0;  // PPUs; for a fractional job, thousandths of one PPU
    double cpu_cores = 0;
    double memory_bytes = 0;
    auto operator<=>(const RequestClass&) const = default;
  };

  static RequestClass class_of(const PendingJob& job);

  void add(Entry job, const OrderKey& key, const RequestClass& request);
  /// Removes the first job (in the policy's order) of a class and returns it.
  Entry pop_first(const RequestClass& request);
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }

  /// The first job of every class that may fit the pools now, with its key: where a pass starts.
  struct Head {
    OrderKey key;
    RequestClass request;
  };
  std::vector<Head> fitting_heads(const ResourcePool& pool) const;
  /// The key of a class's first job; nullopt when the class is empty.
  std::optional<OrderKey> first_key(const RequestClass& request) const;
  /// Whether a job of this class may fit now, by the pools' free counts (the rule above).
  static bool may_fit(const RequestClass& request, const ResourcePool& pool);

 private:
  using Class = std::map<OrderKey, Entry>;
  using ByHost = std::map<std::pair<double, double>, Class>;  // by (CPU cores, memory)
  using BySize = std::map<int, ByHost>;
  /// The classes that allow the same pools: whole-PPU and fractional ones by size.
  struct Group {
    BySize whole;
    BySize fractional;
  };
  static BySize& sizes(Group& group, bool fractional) { return fractional ? group.fractional : group.whole; }
  static bool size_may_fit(PoolMask pools, bool fractional, int size, const ResourcePool& pool);

  std::map<PoolMask, Group> groups_;
  std::size_t size_ = 0;
};

}  // namespace ppusim
