// Link and switch failures from the scenario (`topology.failures`) as what the simulation does
// with them (docs/topologies.md, "Failures during a run").
//
// The simulation has one SimGrid link per leaf group's uplinks and one per pod's uplinks
// (topology_layout.hpp). A failed cable or switch takes its share of that aggregate away, and
// ECMP (or adaptive routing) reroutes the traffic over the surviving parallel links, so the
// link's capacity drops by the failed share:
//   leaf-uplink, count c    C_leaf · (U_leaf − failed cables) / U_leaf
//   pod-uplink,  count c    C_pod  · (U_pod − failed cables) / U_pod
//   leaf-switch             the leaf group's uplink capacity also scales by (S − failed) / S,
//                           S = its leaf switches (NICs per node × planes; a dragonfly router: 1)
// When the last uplink of a leaf group or pod fails, or its last leaf switch (a dragonfly's
// router), there is nothing left to reroute over: its nodes are cut off from the rest of the
// fabric and from storage. That is a disconnection, handed to the engine's failure path
// (cluster_manager_failures.cpp), which interrupts the jobs on those nodes and keeps the nodes
// out of service until the repair. A repair (`repair_after_s`) gives the capacity back.
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "sim/config/scenario.hpp"
#include "topologies/topology_layout.hpp"

namespace ppusim {

struct LinkCapacityChange {
  double time_s = 0;
  std::string link;                  // the platform's split-duplex link: "leaf<i>.up" or "pod<p>.up"
  double bandwidth_bytes_per_s = 0;  // new capacity, each direction
};

/// Nodes first_node .. first_node + node_count − 1 (one leaf group or one pod) cut off from
/// the rest of the fabric and from storage from `from_s` until `until_s`.
struct NodeDisconnection {
  double from_s = 0;
  double until_s = std::numeric_limits<double>::infinity();  // the repair; infinity: never
  int first_node = 0;
  int node_count = 0;
  ComponentKind cause = ComponentKind::Link;  // Link: uplink cables; Switch: leaf switches, router
};

struct TopologyFailurePlan {
  std::vector<LinkCapacityChange> capacity_changes;  // time order
  std::vector<NodeDisconnection> disconnections;     // by from_s
};

/// What the scenario's topology failures do, in time order. Throws InputError (naming
/// /topology/failures/<i>) for a component the topology kind does not have.
TopologyFailurePlan plan_topology_failures(const Scenario& scenario, const TopologyLayout& layout);

}  // namespace ppusim
