// A machine list's groups: what their machines' hosts add up to.
#include <algorithm>

#include "workloads/importers/imported_trace.hpp"

namespace ppusim {

MachineHost ClusterInventory::Group::smallest_host() const {
  MachineHost smallest = hosts.empty() ? MachineHost{} : hosts.front().host;
  for (const HostCount& count : hosts) {
    smallest.cpu_cores = std::min(smallest.cpu_cores, count.host.cpu_cores);
    smallest.memory_gib = std::min(smallest.memory_gib, count.host.memory_gib);
  }
  return smallest;
}

MachineHost ClusterInventory::Group::largest_host() const {
  MachineHost largest;
  for (const HostCount& count : hosts) {
    largest.cpu_cores = std::max(largest.cpu_cores, count.host.cpu_cores);
    largest.memory_gib = std::max(largest.memory_gib, count.host.memory_gib);
  }
  return largest;
}

double ClusterInventory::Group::mean_cpu_cores() const {
  double core_nodes = 0;
  for (const HostCount& count : hosts) core_nodes += count.host.cpu_cores * static_cast<double>(count.nodes);
  return nodes > 0 ? core_nodes / static_cast<double>(nodes) : 0;
}

}  // namespace ppusim
