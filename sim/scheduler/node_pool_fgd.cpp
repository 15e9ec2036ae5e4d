// FGD placement (fragmentation_gradient.hpp): a job that shares a node goes where the
// workload's expected fragmentation grows the least. The growth depends only on the free
// PPUs of the node (or the room of the shared PPU) the job lands on, so the candidates are one
// node per free count (the first the limits allow, as pack would order them), not every node.
// Ties go to the fewest free PPUs (best fit), and for a fraction to an open shared PPU before
// opening a new one. Jobs of whole nodes are packed: their placement moves no node's measure.
#include "sim/scheduler/node_pool.hpp"

namespace ppusim {

std::optional<int> NodePool::fgd_shared_node(int ppus, const AllocationLimits& limits) const {
  std::optional<int> best;
  double best_growth = 0;
  for (int free = ppus; free <= ppus_per_node_; ++free) {
    const std::optional<int> node = first_node_with_free(free, limits);
    if (!node) continue;
    const double growth = gradient_.growth_taking_ppus(free, ppus);
    if (!best || growth < best_growth) {
      best = node;
      best_growth = growth;
    }
  }
  return best;
}

std::optional<NodePool::FractionTarget> NodePool::fgd_fraction_target(int milli,
                                                                      const AllocationLimits& limits) const {
  std::optional<FractionTarget> best;
  double best_growth = 0;
  auto consider = [&](FractionTarget target, double growth) {
    if (!best || growth < best_growth) {
      best = target;
      best_growth = growth;
    }
  };
  for (int shared : fractional_.first_fit_per_room(milli, limits)) {
    consider({shared, fractional_.node_of(shared)},
             gradient_.growth_sharing_open_ppu(fractional_.free_milli(shared), milli));
  }
  for (int free = 1; free <= ppus_per_node_; ++free) {
    if (const std::optional<int> node = first_node_with_free(free, limits))
      consider({-1, *node}, gradient_.growth_opening_shared_ppu(free, milli));
  }
  return best;
}

}  // namespace ppusim
