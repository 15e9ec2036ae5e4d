// FGD placement (fragmentation_gradient.hpp): a job that shares a node goes where the
// workload's expected fragmentation grows the least. The growth depends only on the free
// PPUs of the node (or the room of the shared PPU) the job lands on, so the candidates are one
// node per free count (the first the limits allow, as pack would order them), not every node.
// Ties go to the fewest free PPUs (best fit), and for a fraction to an open shared PPU before
// opening a new one. Jobs of whole nodes are packed: their placement moves no node's measure.
//
// When the pool models hosts and the workload asks for CPU or memory, the measure reads each
// node's free cores and memory too (fragmentation_gradient.hpp), so every node that holds the
// job is read: O(nodes × request kinds) a placement, where the bucket scan is O(PPUs per node).
#include <algorithm>

#include "sim/scheduler/node_pool.hpp"

namespace ppusim {

namespace {
/// The candidate whose growth is least so far; ties keep the first considered.
template <typename Target>
struct LeastGrowth {
  std::optional<FgdChoice<Target>> best;
  void consider(const Target& target, double growth) {
    if (!best || growth < best->growth) best = FgdChoice<Target>{target, growth};
  }
};
}  // namespace

std::optional<FgdChoice<int>> NodePool::fgd_shared_node(int ppus, const AllocationLimits& limits) const {
  if (fgd_reads_hosts()) return fgd_shared_node_with_host(ppus, limits);
  LeastGrowth<int> least;
  for (int free = ppus; free <= ppus_per_node_; ++free) {
    if (const std::optional<int> node = first_node_with_free(free, limits))
      least.consider(*node, gradient_.growth_taking_ppus(free, ppus));
  }
  return least.best;
}

std::optional<FgdChoice<NodePool::FractionTarget>> NodePool::fgd_fraction_target(
    int milli, const AllocationLimits& limits) const {
  if (fgd_reads_hosts()) return fgd_fraction_target_with_host(milli, limits);
  LeastGrowth<FractionTarget> least;
  auto consider = [&](FractionTarget target, double growth) { least.consider(target, growth); };
  for (int shared : fractional_.first_fit_per_room(milli, limits)) {
    consider({shared, fractional_.node_of(shared)},
             gradient_.growth_sharing_open_ppu(fractional_.free_milli(shared), milli));
  }
  for (int free = 1; free <= ppus_per_node_; ++free) {
    if (const std::optional<int> node = first_node_with_free(free, limits))
      consider({-1, *node}, gradient_.growth_opening_shared_ppu(free, milli));
  }
  return least.best;
}

double NodePool::fgd_growth_with_host(int node, const NodeChange& change) const {
  std::vector<int> rooms;
  const std::vector<int>& shared_ppus = fractional_.open_on(node);
  for (int shared : shared_ppus) rooms.push_back(fractional_.free_milli(shared));
  const HostRequest free = hosts_.free_on(node);
  const double before = gradient_.fragmentation_with_host(free_ppus_[node], rooms, free, hosts_);
  if (change.shared_ppu >= 0) {
    const auto at =
        std::find(shared_ppus.begin(), shared_ppus.end(), change.shared_ppu) - shared_ppus.begin();
    rooms[at] -= change.milli;
  }
  if (change.opened_room >= 0) rooms.push_back(change.opened_room);
  const HostRequest free_after{free.cpu_cores - change.host.cpu_cores,
                               free.memory_bytes - change.host.memory_bytes};
  return gradient_.fragmentation_with_host(free_ppus_[node] - change.ppus, rooms, free_after, hosts_) -
         before;
}

std::optional<FgdChoice<int>> NodePool::fgd_shared_node_with_host(int ppus,
                                                                  const AllocationLimits& limits) const {
  // Partly used nodes by free PPUs, then the first wholly free node (all such nodes are alike):
  // ties stay with the fewest free PPUs, as best fit.
  const NodeChange change{ppus, -1, 0, -1, limits.host_request};
  LeastGrowth<int> least;
  auto consider = [&](int node) { least.consider(node, fgd_growth_with_host(node, change)); };
  for (int free = ppus; free <= most_partial_free_; ++free) {
    for (int node : nodes_by_free_[free]) {
      if (!limits.excludes(node)) consider(node);
    }
  }
  if (const std::optional<int> node = first_node_with_free(ppus_per_node_, limits)) consider(*node);
  return least.best;
}

std::optional<FgdChoice<NodePool::FractionTarget>> NodePool::fgd_fraction_target_with_host(
    int milli, const AllocationLimits& limits) const {
  LeastGrowth<FractionTarget> least;
  auto consider = [&](FractionTarget target, const NodeChange& change) {
    least.consider(target, fgd_growth_with_host(target.node, change));
  };
  for (int shared : fractional_.fitting(milli, limits)) {
    consider({shared, fractional_.node_of(shared)}, {0, shared, milli, -1, limits.host_request});
  }
  const NodeChange opening{1, -1, 0, FractionalPpus::kWhole - milli, limits.host_request};
  for (int free = 1; free <= most_partial_free_; ++free) {
    for (int node : nodes_by_free_[free]) {
      if (!limits.excludes(node)) consider({-1, node}, opening);
    }
  }
  if (const std::optional<int> node = first_node_with_free(ppus_per_node_, limits))
    consider({-1, *node}, opening);
  return least.best;
}

std::optional<double> NodePool::fgd_least_growth(int ppus, const AllocationLimits& given_limits,
                                                 int ppu_milli, const HostRequest& job_host) const {
  const int whole = ppu_milli < FractionalPpus::kWhole ? 0 : whole_nodes_needed(ppus);
  if (whole > 0) {
    // Packed whole nodes leave every node's measure as it was (0 before and after).
    if (hosts_.modelled() && !job_host.empty() && !host_ever_fits(ppus, job_host)) return std::nullopt;
    return whole <= free_node_count_ ? std::optional<double>(0.0) : std::nullopt;
  }
  const AllocationLimits limits = limits_with_host(given_limits, whole, job_host);
  if (ppu_milli < FractionalPpus::kWhole) {
    const auto choice = fgd_fraction_target(ppu_milli, limits);
    return choice ? std::optional<double>(choice->growth) : std::nullopt;
  }
  const auto choice = fgd_shared_node(ppus, limits);
  return choice ? std::optional<double>(choice->growth) : std::nullopt;
}

}  // namespace ppusim
