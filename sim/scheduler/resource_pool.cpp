#include "sim/scheduler/resource_pool.hpp"

#include <algorithm>
#include <bit>
#include <limits>

#include "sim/core/random.hpp"

namespace ppusim {

ResourcePool::ResourcePool(const TopologyLayout& layout, int ppus_per_node, PlacementPolicy placement,
                           const PlacementInputs& inputs)
    : span_group_{PoolMask{1}},
      same_chip_{PoolMask{1}},
      same_server_{PoolMask{1}},
      total_nodes_(layout.nodes) {
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
                        HostResources(layout.nodes, spec.first_node, spec.hosts));
  }
  // A span group: the pools of one chip. Their servers may differ: the engine times a job across
  // servers of different shapes on the weakest of them (docs/models.md, f). Until spanning is
  // allowed, and with it only within one server shape, the groups are those of one chip and one
  // server.
  same_chip_.assign(pools.size(), 0);
  same_server_.assign(pools.size(), 0);
  for (std::size_t i = 0; i < pools.size(); ++i) {
    for (std::size_t j = 0; j < pools.size(); ++j) {
      if (pools[i].ppu != pools[j].ppu) continue;
      same_chip_[i] |= PoolMask{1} << j;
      if (pools[i].node == pools[j].node) same_server_[i] |= PoolMask{1} << j;
    }
  }
  span_group_ = same_server_;
}

void ResourcePool::allow_spanning(bool across_server_shapes) {
  spanning_ = true;
  span_group_ = across_server_shapes ? same_chip_ : same_server_;
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

/// Calls `visit(k)` for each bit k of `mask`, lowest first.
template <typename Visit>
void for_each_pool(PoolMask mask, Visit visit) {
  for (; mask != 0; mask &= mask - 1) visit(std::countr_zero(mask));
}

}  // namespace

std::optional<Allocation> ResourcePool::allocate_in(std::size_t index, int ppus,
                                                    const AllocationLimits& limits, int ppu_milli,
                                                    double expected_end_s, const PlacementRequest& request) {
  if (index >= pools_.size() || (request.pools >> index & 1U) == 0) return std::nullopt;
  NodePool& pool = pools_[index];
  if (!pool.ever_fits(ppus)) return std::nullopt;
  const bool limited = (limits.pools >> index & 1U) != 0;
  std::optional<Allocation> allocation =
      pool.allocate(ppus, limited ? limits : kNoLimits, ppu_milli, expected_end_s, request.host);
  if (allocation) allocation->pool = static_cast<int>(index);
  return allocation;
}

std::vector<std::uint8_t> ResourcePool::pools_least_allocated_first() const {
  std::vector<std::uint8_t> order(pools_.size());
  for (std::size_t k = 0; k < pools_.size(); ++k) order[k] = static_cast<std::uint8_t>(k);
  // held_a / total_a < held_b / total_b, compared as exact integer products.
  const auto held_share_below = [&](std::uint8_t a, std::uint8_t b) {
    const auto total = [&](std::uint8_t k) {
      return static_cast<long long>(pools_[k].total_nodes()) * pools_[k].ppus_per_node();
    };
    const auto held = [&](std::uint8_t k) { return total(k) - pools_[k].free_ppus(); };
    return held(a) * total(b) < held(b) * total(a);
  };
  std::stable_sort(order.begin(), order.end(), held_share_below);
  return order;
}

std::vector<std::uint8_t> ResourcePool::pools_least_fragmenting_first(int ppus,
                                                                      const AllocationLimits& limits,
                                                                      int ppu_milli,
                                                                      const PlacementRequest& request) const {
  constexpr double kFitsNowhere = std::numeric_limits<double>::infinity();
  std::vector<std::pair<double, std::uint8_t>> by_growth;
  for (std::size_t k = 0; k < pools_.size(); ++k) {
    if ((request.pools >> k & 1U) == 0) continue;
    const bool limited = (limits.pools >> k & 1U) != 0;
    const std::optional<double> growth =
        pools_[k].fgd_least_growth(ppus, limited ? limits : kNoLimits, ppu_milli, request.host);
    by_growth.emplace_back(growth.value_or(kFitsNowhere), static_cast<std::uint8_t>(k));
  }
  std::stable_sort(by_growth.begin(), by_growth.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::uint8_t> order;
  for (const auto& [growth, k] : by_growth) order.push_back(k);
  return order;
}

std::optional<Allocation> ResourcePool::allocate(int ppus, const AllocationLimits& limits, int ppu_milli,
                                                 double expected_end_s, const PlacementRequest& request) {
  if ((least_allocated_first_ || least_fragmenting_first_) && request.order.empty() && pools_.size() > 1) {
    const std::vector<std::uint8_t> order =
        least_fragmenting_first_ ? pools_least_fragmenting_first(ppus, limits, ppu_milli, request)
                                 : pools_least_allocated_first();
    if (!order.empty()) {
      PlacementRequest ordered = request;
      ordered.order = order;
      return allocate(ppus, limits, ppu_milli, expected_end_s, ordered);
    }
  }
  if (request.order.empty()) {
    for (std::size_t i = 0; i < pools_.size(); ++i) {
      if (auto allocation = allocate_in(i, ppus, limits, ppu_milli, expected_end_s, request))
        return allocation;
    }
  } else {
    for (const std::uint8_t i : request.order) {
      if (auto allocation = allocate_in(i, ppus, limits, ppu_milli, expected_end_s, request))
        return allocation;
    }
  }
  // Spanning is for jobs of whole nodes placed without a reservation's limits: EASY places a
  // job under limits only when it would run past the head's shadow time, and such a job stays
  // within one pool (conservative backfilling spans through allocate_split instead).
  const bool unlimited = limits.excluded_nodes == nullptr && limits.max_free_nodes_consumed < 0;
  if (spanning_ && ppu_milli >= FractionalPpus::kWhole && unlimited) return allocate_across(ppus, request);
  return std::nullopt;
}

long long ResourcePool::free_nodes_in(PoolMask group) const {
  long long free = 0;
  for_each_pool(group, [&](int k) { free += pools_[k].free_node_count(); });
  return free;
}

long long ResourcePool::free_whole_node_ppus_in(PoolMask group) const {
  long long free = 0;
  for_each_pool(group, [&](int k) {
    free += static_cast<long long>(pools_[k].free_node_count()) * pools_[k].ppus_per_node();
  });
  return free;
}

bool ResourcePool::one_node_size(PoolMask group) const {
  bool one = true;
  const int first = pools_[std::countr_zero(group)].ppus_per_node();
  for_each_pool(group, [&](int k) { one = one && pools_[k].ppus_per_node() == first; });
  return one;
}

bool ResourcePool::spans_whole_nodes(PoolMask group, int ppus) const {
  bool whole = true;
  for_each_pool(group, [&](int k) { whole = whole && pools_[k].whole_nodes_needed(ppus) > 0; });
  return whole;
}

PoolMask ResourcePool::pools_holding_host_share(PoolMask group, int ppus, const HostRequest& host) const {
  PoolMask holding = 0;
  for_each_pool(group, [&](int k) {
    const double share = static_cast<double>(pools_[k].ppus_per_node()) / ppus;
    if (pools_[k].hosts().fits_every_empty_node({host.cpu_cores * share, host.memory_bytes * share}))
      holding |= PoolMask{1} << k;
  });
  return holding;
}

std::vector<std::pair<int, int>> ResourcePool::mixed_shape_split(PoolMask group, int ppus) const {
  if (free_whole_node_ppus_in(group) < ppus) return {};
  std::vector<int> members;
  for_each_pool(group, [&](int k) { members.push_back(k); });
  const auto free_ppus = [this](int k) { return free_whole_node_ppus_in(PoolMask{1} << k); };
  std::stable_sort(members.begin(), members.end(), [&](int a, int b) { return free_ppus(a) > free_ppus(b); });
  std::vector<std::pair<int, int>> take;
  long long left = ppus;
  for (const int k : members) {
    const int per_node = pools_[k].ppus_per_node();
    const long long nodes =
        std::min<long long>((left + per_node - 1) / per_node, pools_[k].free_node_count());
    if (nodes == 0) continue;
    take.emplace_back(k, static_cast<int>(nodes));
    left -= nodes * per_node;
    if (left <= 0) break;
  }
  return take;
}

bool ResourcePool::span_fits_now(PoolMask pools, int ppus) const {
  if (!spanning_) return false;
  PoolMask seen = 0;
  bool fits = false;
  for_each_pool(pools & all_pools(), [&](int k) {
    if (fits || (seen >> k & 1U)) return;
    const PoolMask group = span_group_[k] & pools;
    seen |= group;
    if (std::popcount(group) < 2) return;
    if (!one_node_size(group)) {
      fits = spans_whole_nodes(group, ppus) && free_whole_node_ppus_in(group) >= ppus;
      return;
    }
    const int whole = pools_[k].whole_nodes_needed(ppus);
    fits = whole > 0 && free_nodes_in(group) >= whole;
  });
  return fits;
}

std::optional<Allocation> ResourcePool::allocate_across(int ppus, const PlacementRequest& request) {
  const PoolMask allowed = request.pools & all_pools();
  // The span groups in the order the job tries its pools.
  std::vector<int> tries;
  if (request.order.empty()) {
    for_each_pool(allowed, [&](int k) { tries.push_back(k); });
  } else {
    tries.assign(request.order.begin(), request.order.end());
  }
  PoolMask seen = 0;
  for (const int first : tries) {
    if ((allowed >> first & 1U) == 0 || (seen >> first & 1U)) continue;
    const PoolMask group = span_group_[first] & allowed;
    seen |= group;
    if (std::popcount(group) > 1 && !one_node_size(group)) {
      // Servers of different sizes: whole nodes until their PPUs hold the job, of the pools
      // whose hosts hold their share of its CPU cores and memory.
      if (!spans_whole_nodes(group, ppus)) continue;
      const PoolMask holding = pools_holding_host_share(group, ppus, request.host);
      if (std::popcount(holding) < 2) continue;
      const std::vector<std::pair<int, int>> take = mixed_shape_split(holding, ppus);
      if (take.empty()) continue;
      if (std::optional<Allocation> spanned = allocate_split(take, request)) return spanned;
      continue;
    }
    const int whole = pools_[first].whole_nodes_needed(ppus);
    if (std::popcount(group) < 2 || whole == 0 || free_nodes_in(group) < whole) continue;
    // The pools with the most free nodes first, so that the job spans as few pools as it can;
    // ties to the listed order.
    std::vector<int> members;
    for_each_pool(group, [&](int k) { members.push_back(k); });
    std::stable_sort(members.begin(), members.end(), [this](int a, int b) {
      return pools_[a].free_node_count() > pools_[b].free_node_count();
    });
    const HostRequest per_node = request.host.per_node(whole);
    std::vector<Allocation> parts;
    int left = whole;
    for (const int k : members) {
      const int take = std::min(left, pools_[k].free_node_count());
      if (take == 0) continue;
      std::optional<Allocation> part = pools_[k].allocate_whole_nodes(take, per_node);
      if (!part) continue;  // its hosts cannot hold the job's share: the next pool
      part->pool = k;
      parts.push_back(std::move(*part));
      left -= take;
      if (left == 0) break;
    }
    if (left > 0) {
      for (const Allocation& part : parts) pools_[part.pool].release(part);
      continue;
    }
    return join_parts(parts);
  }
  return std::nullopt;
}

Allocation ResourcePool::join_parts(const std::vector<Allocation>& parts) const {
  // Its nodes in node order: grouped by leaf group, leaf groups in the topology's order, which
  // is the ring order (job_plan.hpp).
  Allocation spanned;
  spanned.ppus_per_node = pools_[parts.front().pool].ppus_per_node();
  spanned.whole_nodes = true;
  spanned.pool = parts.front().pool;
  for (const Allocation& part : parts) {
    spanned.pool = std::min(spanned.pool, part.pool);
    spanned.ppus_per_node = std::min(spanned.ppus_per_node, part.ppus_per_node);
    spanned.spanned_pools |= PoolMask{1} << part.pool;
    spanned.nodes.insert(spanned.nodes.end(), part.nodes.begin(), part.nodes.end());
  }
  // Servers of different sizes: the PPUs of the larger nodes beyond the smallest's count.
  for (const Allocation& part : parts) {
    spanned.mixed_shape_ppus +=
        static_cast<int>(part.nodes.size()) * (part.ppus_per_node - spanned.ppus_per_node);
  }
  std::sort(spanned.nodes.begin(), spanned.nodes.end());
  if (parts.size() == 1) spanned.spanned_pools = 0;
  return spanned;
}

std::optional<Allocation> ResourcePool::allocate_split(const std::vector<std::pair<int, int>>& take,
                                                       const PlacementRequest& request) {
  int whole = 0;
  long long held_ppus = 0;
  for (const auto& [k, nodes] : take) {
    whole += nodes;
    held_ppus += static_cast<long long>(nodes) * pools_[k].ppus_per_node();
  }
  if (whole == 0 || take.empty()) return std::nullopt;
  // One node size: the job's CPU cores and memory split evenly over its nodes; several: in
  // proportion to each node's PPUs.
  const bool one_size = std::all_of(take.begin(), take.end(), [&](const auto& part) {
    return pools_[part.first].ppus_per_node() == pools_[take.front().first].ppus_per_node();
  });
  const auto host_share = [&](int k) {
    if (one_size) return request.host.per_node(whole);
    const double share = static_cast<double>(pools_[k].ppus_per_node()) / static_cast<double>(held_ppus);
    return HostRequest{request.host.cpu_cores * share, request.host.memory_bytes * share};
  };
  std::vector<Allocation> parts;
  for (const auto& [k, nodes] : take) {
    if (nodes == 0) continue;
    std::optional<Allocation> part = pools_[k].allocate_whole_nodes(nodes, host_share(k));
    if (!part) {
      for (const Allocation& taken : parts) pools_[taken.pool].release(taken);
      return std::nullopt;
    }
    part->pool = k;
    parts.push_back(std::move(*part));
  }
  return join_parts(parts);
}

std::vector<int> ResourcePool::nodes_in(const Allocation& allocation, int k) const {
  if (std::popcount(allocation.spanned_pools) < 2) return allocation.nodes;
  const NodePool& pool = pools_[k];
  std::vector<int> nodes;
  for (const int node : allocation.nodes) {
    if (node >= pool.first_node() && node < pool.first_node() + pool.total_nodes()) nodes.push_back(node);
  }
  return nodes;
}

void ResourcePool::release(const Allocation& allocation) {
  if (std::popcount(allocation.spanned_pools) < 2) {
    pools_[allocation.pool].release(allocation);
    return;
  }
  // Each pool takes back its own nodes.
  for_each_pool(allocation.spanned_pools, [&](int k) {
    Allocation part;
    part.ppus_per_node = pools_[k].ppus_per_node();
    part.whole_nodes = true;
    part.pool = k;
    part.nodes = nodes_in(allocation, k);
    pools_[k].release(part);
  });
}

}  // namespace ppusim
