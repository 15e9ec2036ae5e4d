#include "sim/inference/request_router.hpp"

#include <cstdint>

namespace ppusim {

int RequestRouter::choose(const std::vector<const ReplicaBatcher*>& batchers,
                          const std::vector<bool>& serving) {
  const std::size_t count = batchers.size();
  if (policy_ == RoutingPolicy::RoundRobin) {
    for (std::size_t step = 0; step < count; ++step) {
      const std::size_t candidate = (next_ + step) % count;
      if (serving[candidate]) {
        next_ = candidate + 1;
        return static_cast<int>(candidate);
      }
    }
    return -1;
  }
  int best = -1;
  std::int64_t best_load = 0;
  for (std::size_t i = 0; i < count; ++i) {
    if (!serving[i]) continue;
    const std::int64_t load = policy_ == RoutingPolicy::LeastOutstandingTokens
                                  ? batchers[i]->outstanding_tokens()
                                  : batchers[i]->outstanding_requests();
    if (best < 0 || load < best_load) {
      best = static_cast<int>(i);
      best_load = load;
    }
  }
  return best;
}

}  // namespace ppusim
