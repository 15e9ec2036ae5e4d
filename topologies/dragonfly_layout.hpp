// The dragonfly (Kim et al., ISCA'08: g groups of a routers, p nodes and h global links per
// router) as the simulation's hierarchy (topology_layout.hpp): leaf group = router, pod = group.
//
// A router's traffic to anywhere else leaves through its fabric ports: a − 1 local links to
// the other routers of its group and h global links. Traffic between groups is limited by the
// global links it can use:
//  - minimal routing takes the direct global links between the two groups, ⌊a·h / (g − 1)⌋
//    of them for the worst pair. A job's ring crosses from one group to the next, so each
//    cross-group ring edge gets that pair's capacity;
//  - Valiant routing sends each packet through a random intermediate group, so a group's
//    traffic is spread over all its a·h global links but crosses two of them: a·h / 2.
#pragma once

#include "sim/config/scenario.hpp"
#include "topologies/topology_layout.hpp"

namespace ppusim {

struct DragonflyLayout : TopologyLayout {
  DragonflySpec dragonfly;  // groups, routers per group, nodes and global links per router, routing

  int routers() const { return dragonfly.groups * dragonfly.routers_per_group; }
  int router_of_node(int node) const { return leaf_of_node(node); }  // a leaf group is one router
};

DragonflyLayout make_dragonfly_layout(const Scenario& scenario);

/// Global links between one pair of groups of a dragonfly when the a·h global ports of each
/// group are spread evenly over the other g − 1 groups: ⌊a·h / (g − 1)⌋ (the worst pair).
int dragonfly_links_per_group_pair(const DragonflySpec& dragonfly);

}  // namespace ppusim
