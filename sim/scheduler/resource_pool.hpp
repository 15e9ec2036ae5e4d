// The cluster's free resources: one NodePool per node pool (node_pool.hpp), each a range of the
// cluster's nodes of one server and chip (docs/config.md, "Node pools"). A job may use the pools
// its request allows (a bit mask); it is placed in the first of them, in the order its request
// gives (the listed order unless it names one, or least allocated first with pool_choice
// "least-allocated"), where it fits now, and runs within that one pool.
// With spanning allowed (scheduler.span_pools), a job of several whole nodes that no single pool
// places now may take whole nodes of several pools of one chip (a span group): docs/models.md,
// section (f), "Spanning pools". Their servers may differ; where they differ in PPUs per node
// the job takes whole nodes until their PPUs hold it, the most free PPUs first, and holds every
// PPU of them (Allocation::mixed_shape_ppus). With one pool every call goes straight to it, so
// a one-pool cluster places exactly as a NodePool does.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "sim/config/scenario.hpp"
#include "sim/scheduler/node_pool.hpp"
#include "sim/scheduler/placement_request.hpp"

namespace ppusim {

class ResourcePool {
 public:
  /// One pool over every node of the layout (tests, and clusters of one pool).
  ResourcePool(const TopologyLayout& layout, int ppus_per_node, PlacementPolicy placement,
               const PlacementInputs& inputs = {});
  /// The scenario's pools, in order, over the layout's nodes.
  ResourcePool(const TopologyLayout& layout, const std::vector<PoolSpec>& pools, PlacementPolicy placement,
               const PlacementInputs& inputs = {});

  int pool_count() const { return static_cast<int>(pools_.size()); }
  const NodePool& pool(int index) const { return pools_[index]; }
  /// The pool that holds `node`.
  int pool_of_node(int node) const;
  /// Lets jobs span the pools of a span group (scheduler.span_pools). Without
  /// `across_server_shapes` a span group holds only pools of one chip and one server (the rule
  /// with tenants: docs/models.md, "Limitations").
  void allow_spanning(bool across_server_shapes = true);
  bool spanning_allowed() const { return spanning_; }
  /// A job whose request names no order tries its pools least allocated first
  /// (scheduler.pool_choice "least-allocated"), rather than in the listed order.
  void prefer_least_allocated() { least_allocated_first_ = true; }
  /// With FGD placement: a job whose request names no order tries first the pool where FGD's
  /// expected fragmentation grows the least (scheduler.pool_choice "fgd"), as the paper scores
  /// every node of the cluster rather than one pool's.
  void prefer_least_fragmenting() { least_fragmenting_first_ = true; }
  /// The pools whose chip is pool `index`'s (itself included; with spanning only within one
  /// server shape, also its server): those a job may span.
  PoolMask span_group(int index) const { return span_group_[index]; }
  /// The pools whose chip is pool `index`'s, whatever their servers.
  PoolMask same_chip(int index) const { return same_chip_[index]; }
  /// Whether the pools of `group` have one number of PPUs per node (then a span is counted in
  /// nodes, else in PPUs).
  bool one_node_size(PoolMask group) const;
  /// Whether a job of `ppus` PPUs takes whole nodes of every pool of `group`: it needs more
  /// than the largest of their servers holds. Only such a job spans.
  bool spans_whole_nodes(PoolMask group, int ppus) const;
  /// Whether whole nodes free now in the pools of `pools` that share a span group hold a job
  /// of `ppus` PPUs that needs more than one node (false unless spanning is allowed). Counts
  /// PPUs only: a filter before allocate_across, which also checks the hosts' CPU and memory.
  bool span_fits_now(PoolMask pools, int ppus) const;
  /// Free nodes now in the pools of `group`.
  long long free_nodes_in(PoolMask group) const;
  /// The pools of `group` (of several node sizes) whose empty nodes hold their share of a
  /// spanning job's CPU cores and memory `host`: a node of p PPUs holds p / H of it, H >= `ppus`
  /// the PPUs the job holds, so at most p / ppus of it.
  PoolMask pools_holding_host_share(PoolMask group, int ppus, const HostRequest& host) const;
  /// PPUs of the nodes wholly free now in the pools of `group`.
  long long free_whole_node_ppus_in(PoolMask group) const;
  /// The PPUs `allocation` holds on `node`, one of its nodes.
  int ppus_held_on(const Allocation& allocation, int node) const {
    return allocation.spans_several_node_sizes() ? pools_[pool_of_node(node)].ppus_per_node()
                                                 : allocation.ppus_per_node;
  }
  /// The nodes of `allocation` that pool `k` holds (all of them unless it spans pools).
  std::vector<int> nodes_in(const Allocation& allocation, int k) const;

  // The questions a policy asks of the cluster. Those of one node shape (ppus_per_node,
  // whole_nodes_needed, ever_fits, fractional_ppus) are pool 0's: a policy that must be right
  // with several pools asks each pool (pool(k)) instead.
  int ppus_per_node() const { return pools_.front().ppus_per_node(); }
  int total_nodes() const { return total_nodes_; }
  int free_node_count() const;
  int free_ppus_on(int node) const { return pools_[pool_of_node(node)].free_ppus_on(node); }
  int jobs_on(int node) const { return pools_[pool_of_node(node)].jobs_on(node); }
  long long free_ppus() const;
  int most_free_on_one_node() const;
  int whole_nodes_needed(int ppus) const { return pools_.front().whole_nodes_needed(ppus); }
  bool ever_fits(int ppus) const { return pools_.front().ever_fits(ppus); }
  const FractionalPpus& fractional_ppus() const { return pools_.front().fractional_ppus(); }

  /// Places the job in the first pool `request` allows, in its order, where it fits now
  /// (NodePool::allocate); `limits` hold in the pool they name (AllocationLimits::pool), or in
  /// every pool. Failing that, with spanning allowed and no limits, across a span group.
  std::optional<Allocation> allocate(int ppus, const AllocationLimits& limits = {}, int ppu_milli = 1000,
                                     double expected_end_s = -1, const PlacementRequest& request = {});
  /// Whole nodes for a job across pools, `nodes` of each (pool, nodes): the split conservative
  /// backfilling reserved for it. nullopt, taking nothing, if a pool cannot give its part now.
  std::optional<Allocation> allocate_split(const std::vector<std::pair<int, int>>& take,
                                           const PlacementRequest& request);
  void release(const Allocation& allocation);
  int withdraw_free(int node) { return pools_[pool_of_node(node)].withdraw_free(node); }
  void restore(int node, int ppus) { pools_[pool_of_node(node)].restore(node, ppus); }

 private:
  std::optional<Allocation> allocate_in(std::size_t index, int ppus, const AllocationLimits& limits,
                                        int ppu_milli, double expected_end_s,
                                        const PlacementRequest& request);
  /// Whole nodes of several pools of one span group, for a job no single pool places now.
  std::optional<Allocation> allocate_across(int ppus, const PlacementRequest& request);
  /// How many whole nodes of each pool of `group` (of several node sizes) a job of `ppus` PPUs
  /// takes now: the pools with the most free PPUs first, ties to the listed order, each until
  /// the job's PPUs are held. Empty if their free nodes do not hold it.
  std::vector<std::pair<int, int>> mixed_shape_split(PoolMask group, int ppus) const;
  /// One allocation over the parts a spanning job took of several pools.
  Allocation join_parts(const std::vector<Allocation>& parts) const;
  /// Every pool's bit.
  PoolMask all_pools() const { return pools_.size() >= 64 ? kAnyPool : (PoolMask{1} << pools_.size()) - 1; }
  /// Every pool, by the share of its PPUs not free now (held or down), least first; ties in
  /// the listed order.
  std::vector<std::uint8_t> pools_least_allocated_first() const;
  /// The pools `request` allows, by FGD's growth for this job, least first; pools where it does
  /// not fit now last; ties in the listed order.
  std::vector<std::uint8_t> pools_least_fragmenting_first(int ppus, const AllocationLimits& limits,
                                                          int ppu_milli,
                                                          const PlacementRequest& request) const;

  std::vector<NodePool> pools_;
  std::vector<PoolMask> span_group_;   // per pool: same_chip_ or same_server_
  std::vector<PoolMask> same_chip_;    // per pool: the pools of its chip
  std::vector<PoolMask> same_server_;  // per pool: the pools of its chip and its server
  bool spanning_ = false;
  bool least_allocated_first_ = false;
  bool least_fragmenting_first_ = false;
  int total_nodes_ = 0;
};

}  // namespace ppusim
