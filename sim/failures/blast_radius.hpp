// What a component failure takes down (docs/failures.md), on the fat-tree of
// topologies/topology_layout.hpp:
//   PPU, HBM, NIC, node  → its node, out of service until repaired or swapped for a spare;
//   leaf switch          → every node of its leaf group, until repaired (no spare for it);
//   leaf uplink (link)   → no node, but every job with a node in that leaf group whose ring
//                          leaves the group is interrupted (its collective breaks); the
//                          aggregated uplink keeps its capacity (the other links reroute);
//   spot preemption      → its node, until the provider gives it back.
#pragma once

#include <vector>

#include "sim/failures/failure_process.hpp"
#include "topologies/topology_layout.hpp"

namespace ppusim {

struct BlastRadius {
  std::vector<int> nodes_down;
  int broken_uplink_leaf = -1;     // link failures: the leaf group whose uplinks lost a link
  bool spare_can_replace = false;  // a spare node can stand in for the failed one
};

BlastRadius blast_radius(const ComponentFailure& failure, const TopologyLayout& layout, const NodeSpec& node);

}  // namespace ppusim
