// Structural metrics of the physical fat-tree (physical_fat_tree.hpp): sizes, cables and
// optics, bisection bandwidth, hop counts, oversubscription, path diversity, the impact of a
// single failure, and network capex. Every metric is defined in docs/topologies.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "topologies/physical_fat_tree.hpp"

namespace ppusim {

struct TierSummary {
  std::string name;                 // "node-leaf", "leaf-spine", "spine-core"
  std::int64_t links = 0;           // cables
  double capacity_bytes_per_s = 0;  // summed, one direction
};

struct HopStatistics {
  int diameter = 0;    // most hops between two nodes, over the sources searched
  double average = 0;  // mean hops from a source to every other node
  int sources = 0;     // nodes searched from
  bool exact = false;  // every node a source; else evenly spaced sample
};

struct PathDiversity {
  int from_node = 0;
  int to_node = 0;
  int hops = 0;
  double shortest_paths = 0;
  std::string relation;  // "different pods", "different leaf groups", "same leaf group"
};

struct FailureImpact {
  std::string element;  // what failed
  std::string which;    // the instance analysed
  std::int64_t nodes_disconnected = 0;
  std::int64_t nodes_degraded = 0;    // still connected, but lost a NIC rail or capacity above
  double capacity_lost_fraction = 0;  // of `capacity_scope`
  std::string capacity_scope;
};

struct NetworkCapex {
  double switch_price_usd = 0;
  double optic_price_usd = 0;
  double switches_usd = 0;
  double optics_usd = 0;
  double total_usd = 0;
  double per_ppu_usd = 0;
};

struct TopologyAnalysis {
  std::string kind = "fat-tree";
  int planes = 1;            // rail-optimized: NIC ports per NIC, each in its own plane
  int tiers = 0;             // fat-tree: switch tiers; dragonfly/torus: cable tiers
  std::int64_t routers = 0;  // dragonfly, torus: one router per vertex that forwards
  std::int64_t nodes = 0;
  std::int64_t ppus = 0;
  int switch_radix = 0;
  bool radix_derived = false;
  std::int64_t leaf_switches = 0, spine_switches = 0, core_switches = 0, switches = 0;
  int spines_per_pod = 0;
  int leaf_groups = 0, pods = 0;
  int max_switch_ports_used = 0;  // the busiest switch's cable count: above the radix is a warning
  std::vector<TierSummary> link_tiers;
  std::int64_t cables = 0;
  std::int64_t transceivers = 0;
  double leaf_oversubscription = 0;  // worst leaf group: node capacity in / capacity to the spines
  double pod_oversubscription = 0;   // worst pod: leaf capacity in / capacity to the core (3 tiers)
  double bisection_bytes_per_s = 0;
  double bisection_per_ppu_bytes_per_s = 0;  // over the PPUs of one half
  HopStatistics hops;
  PathDiversity path_diversity;
  std::vector<FailureImpact> failures;
  std::optional<NetworkCapex> capex;
};

struct AnalysisOptions {
  /// With at most this many nodes every node is a BFS source; above, `sample_sources` evenly
  /// spaced nodes are (deterministic: the same scenario gives the same numbers).
  int exact_hops_max_nodes = 2048;
  int sample_sources = 64;
  std::optional<double> switch_price_usd;
  std::optional<double> optic_price_usd;
};

TopologyAnalysis analyse_topology(const PhysicalFatTree& tree, std::int64_t ppus_per_node,
                                  const AnalysisOptions& options = {});

}  // namespace ppusim
