#include "sim/scheduler/resource_pool.hpp"

#include <algorithm>

#include "sim/core/random.hpp"

namespace ppusim {

ResourcePool::ResourcePool(const TopologyLayout& layout, int ppus_per_node, PlacementPolicy placement,
                           const PlacementInputs& inputs)
    : total_nodes_(layout.nodes) {
  pools_.emplace_back(layout, ppus_per_node, placement, inputs);
}

ResourcePool::ResourcePool(const TopologyLayout& layout, const std::vector<PoolSpec>& pools,
                           PlacementPolicy placement, const PlacementInputs& inputs)
    : total_nodes_(layout.nodes) {
  pools_.reserve(pools.size());
  for (std::size_t i = 0; i < pools.size(); ++i) {
    const PoolSpec& spec = pools[i];
    PlacementInputs own = inputs;
    // Pool 0 keeps the scenario's placement stream (a one-pool cluster draws as before); each
    // other pool draws from a stream of its own.
    if (i > 0) own.seed = stream_seed(inputs.seed, i);
    pools_.emplace_back(layout, spec.node.ppus_per_node, placement, own,
                        NodeRange{spec.first_node, spec.nodes},
                        HostResources(layout.nodes, spec.cpu_cores, spec.memory_bytes));
  }
}

int ResourcePool::pool_of_node(int node) const {
  if (pools_.size() == 1) return 0;
  for (std::size_t i = 1; i < pools_.size(); ++i) {
    if (node < pools_[i].first_node()) return static_cast<int>(i) - 1;
  }
  return static_cast<int>(pools_.size()) - 1;
}

int ResourcePool::free_node_count() const {
  if (pools_.size() == 1) return pools_.front().free_node_count();
  int free = 0;
  for (const NodePool& pool : pools_) free += pool.free_node_count();
  return free;
}

long long ResourcePool::free_ppus() const {
  if (pools_.size() == 1) return pools_.front().free_ppus();
  long long free = 0;
  for (const NodePool& pool : pools_) free += pool.free_ppus();
  return free;
}

int ResourcePool::most_free_on_one_node() const {
  if (pools_.size() == 1) return pools_.front().most_free_on_one_node();
  int most = 0;
  for (const NodePool& pool : pools_) most = std::max(most, pool.most_free_on_one_node());
  return most;
}

namespace {
const AllocationLimits kNoLimits;  // what a pool other than the limits' own is asked with
}  // namespace

std::optional<Allocation> ResourcePool::allocate(int ppus, const AllocationLimits& limits, int ppu_milli,
                                                 double expected_end_s, const PlacementRequest& request) {
  for (std::size_t i = 0; i < pools_.size(); ++i) {
    if ((request.pools >> i & 1U) == 0) continue;
    NodePool& pool = pools_[i];
    if (!pool.ever_fits(ppus)) continue;
    const bool limited = limits.pool < 0 || limits.pool == static_cast<int>(i);
    std::optional<Allocation> allocation =
        pool.allocate(ppus, limited ? limits : kNoLimits, ppu_milli, expected_end_s, request.host);
    if (allocation) {
      allocation->pool = static_cast<int>(i);
      return allocation;
    }
  }
  return std::nullopt;
}

}  // namespace ppusim
