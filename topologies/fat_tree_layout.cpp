#include "topologies/fat_tree_layout.hpp"

#include <algorithm>
#include <cmath>

namespace ppusim {

namespace {

int whole_links(double capacity, double link_bandwidth) {
  // A hair of tolerance so that 12.8 Tb/s over 400 Gb/s links is 32 links, not 33.
  return std::max(1, static_cast<int>(std::ceil(capacity / link_bandwidth - 1e-9)));
}

}  // namespace

FatTreeLayout make_fat_tree_layout(const Scenario& scenario) {
  const TopologySpec& topo = scenario.topology;
  FatTreeLayout layout;
  static_cast<TopologyLayout&>(layout) = topology_grouping(scenario);
  layout.planes = topo.planes;
  layout.design_leaves_per_pod = layout.has_core ? topo.leaves_per_pod : layout.leaves;
  // Rail-style leaf groups: one leaf switch per NIC and plane.
  layout.switches_per_leaf_group = scenario.node.nics_per_node * topo.planes;
  const double link_bw = topo.link_bandwidth_bytes_per_s;
  const double leaf_down = topo.nodes_per_leaf * layout.node_nic_bandwidth;
  layout.leaf_uplinks = whole_links(leaf_down / topo.leaf_oversubscription, link_bw);
  layout.leaf_uplink_bandwidth = layout.leaf_uplinks * link_bw;
  if (layout.has_core) {
    const double pod_down = layout.design_leaves_per_pod * layout.leaf_uplink_bandwidth;
    layout.pod_uplinks = whole_links(pod_down / topo.pod_oversubscription, link_bw);
    layout.pod_uplink_bandwidth = layout.pod_uplinks * link_bw;
  }
  return layout;
}

}  // namespace ppusim
