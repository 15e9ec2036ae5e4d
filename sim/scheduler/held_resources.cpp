#include "sim/scheduler/held_resources.hpp"

#include <cmath>

#include "sim/scheduler/resource_pool.hpp"

namespace ppusim {

namespace {
constexpr double kMilli = 1000;

std::int64_t millicores(double cores) { return std::llround(cores * kMilli); }
std::int64_t bytes(double memory_bytes) { return std::llround(memory_bytes); }
}  // namespace

HeldResources held_resources(const Allocation& allocation, const ResourcePool& pools) {
  HeldResources held;
  if (allocation.is_fractional()) {
    held.ppu_milli = allocation.ppu_milli;
  } else {
    held.ppu_milli = static_cast<std::int64_t>(allocation.held_ppus()) * static_cast<std::int64_t>(kMilli);
  }
  if (allocation.whole_nodes) {
    // Nobody else lands on its nodes: their hosts are its, whatever it asked. A job spanning
    // pools holds nodes of pools whose CPU and memory may differ: each node counts its own.
    double cores = 0;
    double memory = 0;
    for (int node : allocation.nodes) {
      const HostResources& host =
          pools.pool(allocation.spanned_pools != 0 ? pools.pool_of_node(node) : allocation.pool).hosts();
      cores += host.cpu_cores_of(node).value_or(0);
      memory += host.memory_bytes_of(node).value_or(0);
    }
    held.cpu_millicores = millicores(cores);
    held.memory_bytes = bytes(memory);
  } else {
    held.cpu_millicores = millicores(allocation.host_held.cpu_cores);
    held.memory_bytes = bytes(allocation.host_held.memory_bytes);
  }
  return held;
}

}  // namespace ppusim
