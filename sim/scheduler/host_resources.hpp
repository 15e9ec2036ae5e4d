// The CPU cores and memory each node of a pool offers besides its PPUs (docs/config.md, "Node
// pools"), and what the jobs sharing a node hold of them. A pool that does not model them keeps
// nothing here, and every request fits.
#pragma once

#include <optional>
#include <vector>

namespace ppusim {

/// What a job asks of a node's host: CPU cores and bytes of memory.
struct HostRequest {
  double cpu_cores = 0;
  double memory_bytes = 0;

  bool empty() const { return cpu_cores <= 0 && memory_bytes <= 0; }
  HostRequest per_node(int nodes) const { return {cpu_cores / nodes, memory_bytes / nodes}; }
};

class HostResources {
 public:
  /// `nodes` nodes of `cpu_cores` and `memory_bytes` each (absent: not limited).
  HostResources(int nodes, std::optional<double> cpu_cores, std::optional<double> memory_bytes);

  bool modelled() const { return modelled_; }
  /// What one node offers (absent: not modelled).
  std::optional<double> cpu_cores_per_node() const { return cpu_capacity_; }
  std::optional<double> memory_bytes_per_node() const { return memory_capacity_; }
  /// Whether a node with nothing on it holds the request.
  bool fits_empty_node(const HostRequest& request) const;
  /// Whether `node` has the request free now.
  bool fits(int node, const HostRequest& request) const { return fits_after_release(node, request, {}); }
  /// Whether `node` would have the request free once jobs holding `released` of it left.
  bool fits_after_release(int node, const HostRequest& request, const HostRequest& released) const;
  /// What `node` has free now (each unmodelled resource: infinite).
  HostRequest free_on(int node) const;
  /// Whether a node with `free` left holds the request, with the slack the other checks allow.
  bool holds(const HostRequest& free, const HostRequest& request) const;
  void take(int node, const HostRequest& request);
  void give_back(int node, const HostRequest& request);

 private:
  bool modelled_ = false;
  std::optional<double> cpu_capacity_;
  std::optional<double> memory_capacity_;
  std::vector<double> free_cpu_;
  std::vector<double> free_memory_;
};

}  // namespace ppusim
