#include "sim/scheduler/host_resources.hpp"

#include <limits>

namespace ppusim {

namespace {
/// Requests and capacities are sums of decimal figures: a request equal to what is free must
/// fit although the subtraction left a rounding error of a few ulps.
constexpr double kSlack = 1e-9;
}  // namespace

HostResources::HostResources(int nodes, std::optional<double> cpu_cores, std::optional<double> memory_bytes)
    : modelled_(cpu_cores.has_value() || memory_bytes.has_value()),
      cpu_capacity_(cpu_cores),
      memory_capacity_(memory_bytes) {
  if (!modelled_) return;
  free_cpu_.assign(nodes, cpu_cores.value_or(0));
  free_memory_.assign(nodes, memory_bytes.value_or(0));
}

bool HostResources::fits_empty_node(const HostRequest& request) const {
  if (cpu_capacity_ && request.cpu_cores > *cpu_capacity_ * (1 + kSlack)) return false;
  return !memory_capacity_ || request.memory_bytes <= *memory_capacity_ * (1 + kSlack);
}

bool HostResources::fits_after_release(int node, const HostRequest& request,
                                       const HostRequest& released) const {
  if (!modelled_) return true;
  return holds({free_cpu_[node] + released.cpu_cores, free_memory_[node] + released.memory_bytes}, request);
}

HostRequest HostResources::free_on(int node) const {
  constexpr double kUnlimited = std::numeric_limits<double>::infinity();
  if (!modelled_) return {kUnlimited, kUnlimited};
  return {cpu_capacity_ ? free_cpu_[node] : kUnlimited, memory_capacity_ ? free_memory_[node] : kUnlimited};
}

bool HostResources::holds(const HostRequest& free, const HostRequest& request) const {
  if (!modelled_) return true;
  if (cpu_capacity_ && request.cpu_cores > free.cpu_cores + kSlack * *cpu_capacity_) return false;
  return !memory_capacity_ || request.memory_bytes <= free.memory_bytes + kSlack * *memory_capacity_;
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
