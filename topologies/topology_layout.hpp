// Every topology kind as the one hierarchy the simulation reads (FatTreeLayout): nodes in
// leaf groups, leaf groups in pods, pods joined by a core, with one aggregated uplink per
// leaf group and per pod (docs/topologies.md, "One hierarchy for every kind").
//
//   kind            leaf group               leaf uplink capacity          pod             pod uplink
//   capacity fat-tree        leaf switches            down / leaf oversubscription  spine pod       down /
//   pod oversubscription rail-optimized  segment (ToR per rail    same, per segment             pod (agg.)
//   same, to the core
//                   and plane)
//   dragonfly       router (p nodes)         (a − 1 + h) links: every      group (a        minimal: the
//   global links
//                                            fabric port of the router     routers)        between two
//                                            groups;
//                                                                                          Valiant: a·h / 2
//                                                                                          links
//   torus           X-line (X nodes)         X links: the cut between      XY-plane        X·Y links: the cut
//   between
//                                            two neighbouring lines                        two neighbouring
//                                            planes
//
// The simulation gives each leaf group and pod one SimGrid link of that capacity, so the
// same platform, placement and job model serve every kind.
#pragma once

#include "sim/config/scenario.hpp"
#include "topologies/fat_tree_layout.hpp"

namespace ppusim {

/// The layout of the scenario's topology, whatever its kind.
FatTreeLayout make_topology_layout(const Scenario& scenario);

/// Dragonfly: leaf group = router, pod = group (dragonfly_layout.cpp).
FatTreeLayout make_dragonfly_layout(const Scenario& scenario);

/// 3D torus: leaf group = X-line, pod = XY-plane (torus_layout.cpp).
FatTreeLayout make_torus_layout(const Scenario& scenario);

/// Global links between one pair of groups of a dragonfly when the a·h global ports of each
/// group are spread evenly over the other g − 1 groups: ⌊a·h / (g − 1)⌋ (the worst pair).
int dragonfly_links_per_group_pair(const DragonflySpec& dragonfly);

}  // namespace ppusim
