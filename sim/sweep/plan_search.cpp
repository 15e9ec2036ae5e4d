#include "sim/sweep/plan_search.hpp"

#include <stdexcept>

namespace ppusim {

PlanSearchResult find_smallest_passing(std::int64_t low, std::int64_t high,
                                       const std::function<bool(std::int64_t)>& passes) {
  if (low > high) throw std::invalid_argument("plan search: empty range");
  PlanSearchResult result;
  const auto evaluate = [&](std::int64_t value) {
    result.tried.push_back(value);
    return passes(value);
  };
  if (!evaluate(high)) return result;
  if (low == high || evaluate(low)) {
    result.smallest_passing = low == high ? high : low;
    return result;
  }
  // Invariant: `failing` fails, `passing` passes.
  std::int64_t failing = low, passing = high;
  while (passing - failing > 1) {
    const std::int64_t middle = failing + (passing - failing) / 2;
    (evaluate(middle) ? passing : failing) = middle;
  }
  result.smallest_passing = passing;
  return result;
}

std::optional<std::size_t> find_cheapest_passing(const std::vector<CostedCandidate>& candidates) {
  std::optional<std::size_t> cheapest;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const CostedCandidate& c = candidates[i];
    if (!c.passes || !c.cost) continue;
    if (!cheapest || *c.cost < *candidates[*cheapest].cost) cheapest = i;  // strict: ties keep the first
  }
  return cheapest;
}

}  // namespace ppusim
