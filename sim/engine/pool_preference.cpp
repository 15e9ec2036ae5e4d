#include "sim/engine/pool_preference.hpp"

#include <algorithm>
#include <bit>
#include <utility>

#include "sim/engine/job_plan.hpp"
#include "workloads/job_performance.hpp"

namespace ppusim {

std::vector<std::uint8_t> pools_fastest_first(const JobSpec& job, PoolMask pools,
                                              const ResourcePool& resources,
                                              const std::function<const Scenario&(int)>& seen_from) {
  if (std::popcount(pools) < 2) return {};
  // (estimate, pool); pools of one chip and one server share an estimate.
  std::vector<std::pair<double, int>> ranked;
  for (int k = 0; k < resources.pool_count(); ++k) {
    if ((pools >> k & 1U) == 0) continue;
    const auto same_shape = std::find_if(ranked.begin(), ranked.end(), [&](const std::pair<double, int>& r) {
      const Scenario& other = seen_from(r.second);
      const Scenario& here = seen_from(k);
      return other.ppu == here.ppu && other.node == here.node;
    });
    if (same_shape != ranked.end()) {
      ranked.emplace_back(same_shape->first, k);
      continue;
    }
    const Scenario& seen = seen_from(k);
    ranked.emplace_back(estimate_runtime_s(job, derive_job_work(job, seen), seen), k);
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  const bool listed = std::is_sorted(ranked.begin(), ranked.end(),
                                     [](const auto& a, const auto& b) { return a.second < b.second; });
  if (listed) return {};
  std::vector<std::uint8_t> order;
  order.reserve(ranked.size());
  for (const auto& [estimate, k] : ranked) order.push_back(static_cast<std::uint8_t>(k));
  return order;
}

}  // namespace ppusim
