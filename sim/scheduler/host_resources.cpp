#include "sim/scheduler/host_resources.hpp"

#include <algorithm>
#include <limits>

namespace ppusim {

namespace {
/// Requests and capacities are sums of decimal figures: a request equal to what is free must
/// fit although the subtraction left a rounding error of a few ulps (relative to the largest
/// host, so that the slack does not depend on the node).
constexpr double kSlack = 1e-9;
constexpr double kUnlimited = std::numeric_limits<double>::infinity();
}  // namespace

HostResources::HostResources(int nodes, std::optional<double> cpu_cores, std::optional<double> memory_bytes)
    : HostResources(nodes, 0,
                    cpu_cores || memory_bytes ? std::vector<HostSize>{{nodes, cpu_cores, memory_bytes}}
                                              : std::vector<HostSize>{}) {}

HostResources::HostResources(int layout_nodes, int first_node, const std::vector<HostSize>& sizes)
    : modelled_(!sizes.empty()) {
  if (!modelled_) return;
  sizes_ = sizes;
  limits_cpu_ = sizes.front().cpu_cores.has_value();
  limits_memory_ = sizes.front().memory_bytes.has_value();
  cpu_capacity_.assign(layout_nodes, 0);
  memory_capacity_.assign(layout_nodes, 0);
  smallest_ = {kUnlimited, kUnlimited};
  largest_ = {0, 0};
  int node = first_node;
  for (const HostSize& size : sizes) {
    const double cores = size.cpu_cores.value_or(0);
    const double bytes = size.memory_bytes.value_or(0);
    for (int i = 0; i < size.nodes && node < layout_nodes; ++i, ++node) {
      cpu_capacity_[node] = cores;
      memory_capacity_[node] = bytes;
    }
    smallest_ = {std::min(smallest_.cpu_cores, cores), std::min(smallest_.memory_bytes, bytes)};
    largest_ = {std::max(largest_.cpu_cores, cores), std::max(largest_.memory_bytes, bytes)};
    total_.cpu_cores += cores * size.nodes;
    total_.memory_bytes += bytes * size.nodes;
  }
  free_cpu_ = cpu_capacity_;
  free_memory_ = memory_capacity_;
}

std::optional<double> HostResources::cpu_cores_of(int node) const {
  return limits_cpu_ ? std::optional<double>(cpu_capacity_[node]) : std::nullopt;
}

std::optional<double> HostResources::memory_bytes_of(int node) const {
  return limits_memory_ ? std::optional<double>(memory_capacity_[node]) : std::nullopt;
}

bool HostResources::fits_after_release(int node, const HostRequest& request,
                                       const HostRequest& released) const {
  if (!modelled_) return true;
  return holds({free_cpu_[node] + released.cpu_cores, free_memory_[node] + released.memory_bytes}, request);
}

long long HostResources::empty_nodes_holding(const HostRequest& request) const {
  long long nodes = 0;
  for (const HostSize& size : sizes_) {
    if (holds({size.cpu_cores.value_or(kUnlimited), size.memory_bytes.value_or(kUnlimited)}, request))
      nodes += size.nodes;
  }
  return nodes;
}

bool HostResources::empty_node_holds(int node, const HostRequest& request) const {
  if (!modelled_) return true;
  return holds(
      {limits_cpu_ ? cpu_capacity_[node] : kUnlimited, limits_memory_ ? memory_capacity_[node] : kUnlimited},
      request);
}

HostRequest HostResources::free_on(int node) const {
  if (!modelled_) return {kUnlimited, kUnlimited};
  return {limits_cpu_ ? free_cpu_[node] : kUnlimited, limits_memory_ ? free_memory_[node] : kUnlimited};
}

bool HostResources::holds(const HostRequest& free, const HostRequest& request) const {
  if (!modelled_) return true;
  if (limits_cpu_ && request.cpu_cores > free.cpu_cores + kSlack * largest_.cpu_cores) return false;
  return !limits_memory_ || request.memory_bytes <= free.memory_bytes + kSlack * largest_.memory_bytes;
}

void HostResources::take(int node, const HostRequest& request) {
  if (!modelled_) return;
  free_cpu_[node] -= request.cpu_cores;
  free_memory_[node] -= request.memory_bytes;
}

void HostResources::give_back(int node, const HostRequest& request) {
  if (!modelled_) return;
  free_cpu_[node] += request.cpu_cores;
  free_memory_[node] += request.memory_bytes;
}

}  // namespace ppusim
