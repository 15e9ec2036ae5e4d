// What a job asks of the cluster besides its PPUs (docs/config.md, "Requests"): the pools it may
// run in, the order it tries them in, and the CPU cores and memory it needs of its nodes' hosts.
#pragma once

#include <cstdint>
#include <span>

#include "sim/scheduler/host_resources.hpp"

namespace ppusim {

/// The pools a job may run in: bit k for pool k.
using PoolMask = std::uint64_t;
constexpr PoolMask kAnyPool = ~PoolMask{0};

struct PlacementRequest {
  PoolMask pools = kAnyPool;
  /// The pools it may use in the order it tries them (scheduler.pool_choice "fastest"); empty:
  /// the listed order. The engine owns the indices for as long as the job may be placed.
  std::span<const std::uint8_t> order;
  HostRequest host;  // for the whole job (split evenly over its nodes when it takes whole nodes)
};

}  // namespace ppusim
