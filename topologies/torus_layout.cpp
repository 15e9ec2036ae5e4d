#include "topologies/torus_layout.hpp"

namespace ppusim {

TorusLayout make_torus_layout(const Scenario& scenario) {
  const TorusSpec& t = scenario.topology.torus;
  const double link_bw = scenario.topology.link_bandwidth_bytes_per_s;
  TorusLayout layout;
  static_cast<TopologyLayout&>(layout) = topology_grouping(scenario);
  layout.torus = t;
  layout.switches_per_leaf_group = 0;  // a line has no switch of its own: each node routes
  layout.leaf_uplinks = t.x;
  layout.leaf_uplink_bandwidth = layout.leaf_uplinks * link_bw;
  if (layout.has_core) {
    layout.pod_uplinks = t.x * t.y;
    layout.pod_uplink_bandwidth = layout.pod_uplinks * link_bw;
  }
  return layout;
}

}  // namespace ppusim
