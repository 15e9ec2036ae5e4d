// The fat-tree (and the rail-optimized fabric, a fat-tree whose leaf groups are segments:
// planes and rails change which switch a cable lands on, not the capacities of the tiers) as
// the simulation's hierarchy (topology_layout.hpp). Switches are sized for the design
// (nodes_per_leaf, leaves_per_pod), not for how many nodes happen to fill the last leaf group
// or pod, and uplinks are whole links: a tier's downlink capacity divided by its
// oversubscription, rounded up to at least one link.
#pragma once

#include "sim/config/scenario.hpp"
#include "topologies/topology_layout.hpp"

namespace ppusim {

struct FatTreeLayout : TopologyLayout {
  int planes = 1;                 // NIC ports per NIC, each to its own plane's leaf switch
  int design_leaves_per_pod = 0;  // what a pod's spines are sized for; the last pod may hold fewer
};

FatTreeLayout make_fat_tree_layout(const Scenario& scenario);

}  // namespace ppusim
