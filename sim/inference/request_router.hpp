// Which serving replica a new request goes to (docs/inference.md): round-robin over the
// serving replicas, or the one with the fewest outstanding tokens (prompt and output tokens not
// yet processed) or outstanding requests, ties to the lowest index.
#pragma once

#include <cstddef>
#include <vector>

#include "sim/inference/replica_batcher.hpp"
#include "sim/inference/service_spec.hpp"

namespace ppusim {

class RequestRouter {
 public:
  explicit RequestRouter(RoutingPolicy policy) : policy_(policy) {}

  /// Index into `batchers` among those flagged in `serving`; -1 when none serves.
  int choose(const std::vector<const ReplicaBatcher*>& batchers, const std::vector<bool>& serving);

 private:
  RoutingPolicy policy_;
  std::size_t next_ = 0;  // round-robin cursor
};

}  // namespace ppusim
