#include "sim/scheduler/held_resources.hpp"

#include <cmath>

namespace ppusim {

namespace {
constexpr double kMilli = 1000;

std::int64_t millicores(double cores) { return std::llround(cores * kMilli); }
std::int64_t bytes(double memory_bytes) { return std::llround(memory_bytes); }
}  // namespace

HeldResources held_resources(const Allocation& allocation, const NodePool& pool) {
  HeldResources held;
  if (allocation.is_fractional()) {
    held.ppu_milli = allocation.ppu_milli;
  } else {
    held.ppu_milli = static_cast<std::int64_t>(allocation.held_ppus()) * static_cast<std::int64_t>(kMilli);
  }
  if (allocation.whole_nodes) {
    // Nobody else lands on its nodes: their hosts are its, whatever it asked.
    const auto nodes = static_cast<double>(allocation.nodes.size());
    held.cpu_millicores = millicores(nodes * pool.hosts().cpu_cores_per_node().value_or(0));
    held.memory_bytes = bytes(nodes * pool.hosts().memory_bytes_per_node().value_or(0));
  } else {
    held.cpu_millicores = millicores(allocation.host_held.cpu_cores);
    held.memory_bytes = bytes(allocation.host_held.memory_bytes);
  }
  return held;
}

}  // namespace ppusim
