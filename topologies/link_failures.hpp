// Link and switch failures from the scenario (`topology.failures`) as capacity changes of the
// simulation's aggregated links (docs/topologies.md, "Failures during a run").
//
// The simulation has one SimGrid link per leaf group's uplinks and one per pod's uplinks
// (topology_layout.hpp). A failed cable or switch takes its share of that aggregate away, and
// ECMP (or adaptive routing) spreads the traffic over what is left, so the link's capacity
// drops by the failed share:
//   leaf-uplink, count c    C_leaf · (U_leaf − failed cables) / U_leaf
//   pod-uplink,  count c    C_pod  · (U_pod − failed cables) / U_pod
//   leaf-switch             the leaf group's uplink capacity also scales by (S − failed) / S,
//                           S = its leaf switches (NICs per node × planes)
// A failure that would leave a leaf group or pod with no uplink (or a node with no switch) cuts
// nodes off. Interrupting the jobs on them is the failure model's job (engineer F's
// sim/failures, not merged yet), so such a scenario is rejected as input for now.
#pragma once

#include <string>
#include <vector>

#include "sim/config/scenario.hpp"
#include "topologies/fat_tree_layout.hpp"

namespace ppusim {

struct LinkCapacityChange {
  double time_s = 0;
  std::string link;                  // the platform's split-duplex link: "leaf<i>.up" or "pod<p>.up"
  double bandwidth_bytes_per_s = 0;  // new capacity, each direction
};

/// The capacity changes the scenario's failures cause, in time order. Throws InputError
/// (naming /topology/failures/<i>) for a failure that disconnects nodes or names a component
/// the topology kind does not have.
std::vector<LinkCapacityChange> plan_link_failures(const Scenario& scenario, const FatTreeLayout& layout);

}  // namespace ppusim
