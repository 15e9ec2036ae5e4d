#include "topologies/dragonfly_layout.hpp"

#include <algorithm>

namespace ppusim {

int dragonfly_links_per_group_pair(const DragonflySpec& d) {
  if (d.groups <= 1) return 0;
  return static_cast<int>(static_cast<long long>(d.routers_per_group) * d.global_links_per_router /
                          (d.groups - 1));
}

DragonflyLayout make_dragonfly_layout(const Scenario& scenario) {
  const DragonflySpec& d = scenario.topology.dragonfly;
  const double link_bw = scenario.topology.link_bandwidth_bytes_per_s;
  DragonflyLayout layout;
  static_cast<TopologyLayout&>(layout) = topology_grouping(scenario);
  layout.dragonfly = d;
  layout.switches_per_leaf_group = 1;  // the router
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
