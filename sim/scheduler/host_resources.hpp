// The CPU cores and memory each node of a pool offers besides its PPUs (docs/config.md, "Node
// pools"), and what the jobs sharing a node hold of them. A pool that does not model them keeps
// nothing here, and every request fits.
#pragma once

#include <optional>
#include <vector>

#include "sim/config/scenario.hpp"

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
  /// A pool's hosts: of the layout's `layout_nodes` nodes, those from `first_node` on have the
  /// sizes in order (docs/config.md, "Node pools": `hosts`); no sizes: not modelled.
  HostResources(int layout_nodes, int first_node, const std::vector<HostSize>& sizes);

  bool modelled() const { return modelled_; }
  /// What `node` offers (absent: not modelled).
  std::optional<double> cpu_cores_of(int node) const;
  std::optional<double> memory_bytes_of(int node) const;
  /// What all its nodes offer together (0 for a resource not modelled).
  HostRequest total() const { return total_; }
  /// Whether the largest host, empty, holds the request: a job sharing a node may fit somewhere.
  bool fits_largest_empty_node(const HostRequest& request) const { return holds(largest_, request); }
  /// Whether every host, empty, holds the request: a job of whole nodes, which takes free nodes
  /// without asking their hosts, fits whichever it gets.
  bool fits_every_empty_node(const HostRequest& request) const { return holds(smallest_, request); }
  /// How many of its nodes, empty, hold the request (0 when not modelled: ask modelled() first).
  long long empty_nodes_holding(const HostRequest& request) const;
  /// Whether `node`, empty, holds the request.
  bool empty_node_holds(int node, const HostRequest& request) const;
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
  bool limits_cpu_ = false;
  bool limits_memory_ = false;
  HostRequest smallest_, largest_, total_;  // over its nodes, per resource
  std::vector<HostSize> sizes_;             // as given, counts included
  std::vector<double> cpu_capacity_;        // per node of the layout (its own nodes set)
  std::vector<double> memory_capacity_;
  std::vector<double> free_cpu_;
  std::vector<double> free_memory_;
};

}  // namespace ppusim
