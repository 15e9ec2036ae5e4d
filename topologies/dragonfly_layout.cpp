// Dragonfly as the aggregated hierarchy (topology_layout.hpp).
//
// A router's traffic to anywhere else leaves through its fabric ports: a − 1 local links to
// the other routers of its group and h global links. Traffic between groups is limited by the
// global links it can use:
//  - minimal routing takes the direct global links between the two groups, ⌊a·h / (g − 1)⌋
//    of them for the worst pair. A job's ring crosses from one group to the next, so each
//    cross-group ring edge gets that pair's capacity;
//  - Valiant routing sends each packet through a random intermediate group, so a group's
//    traffic is spread over all its a·h global links but crosses two of them: a·h / 2.
#include <algorithm>

#include "topologies/topology_layout.hpp"

namespace ppusim {

int dragonfly_links_per_group_pair(const DragonflySpec& d) {
  if (d.groups <= 1) return 0;
  return static_cast<int>(static_cast<long long>(d.routers_per_group) * d.global_links_per_router /
                          (d.groups - 1));
}

FatTreeLayout make_dragonfly_layout(const Scenario& scenario) {
  const DragonflySpec& d = scenario.topology.dragonfly;
  const double link_bw = scenario.topology.link_bandwidth_bytes_per_s;
  FatTreeLayout layout = make_hierarchy(scenario);
  layout.leaf_uplinks = std::max(1, d.routers_per_group - 1 + d.global_links_per_router);
  layout.leaf_uplink_bandwidth = layout.leaf_uplinks * link_bw;
  if (layout.has_core) {
    if (d.routing == DragonflySpec::Routing::Minimal) {
      layout.pod_uplinks = dragonfly_links_per_group_pair(d);
      layout.pod_uplink_bandwidth = layout.pod_uplinks * link_bw;
    } else {
      layout.pod_uplinks = d.routers_per_group * d.global_links_per_router;
      layout.pod_uplink_bandwidth = layout.pod_uplinks * link_bw / 2;
    }
  }
  return layout;
}

}  // namespace ppusim
