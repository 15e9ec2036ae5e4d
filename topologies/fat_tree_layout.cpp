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

int FatTreeLayout::nodes_in_leaf(int leaf) const {
  return std::min(nodes_per_leaf, nodes - first_node_of_leaf(leaf));
}

int FatTreeLayout::leaves_in_pod(int pod) const {
  return std::min(leaves_per_pod, leaves - first_leaf_of_pod(pod));
}

FatTreeLayout make_hierarchy(const Scenario& scenario) {
  const TopologySpec& topo = scenario.topology;
  FatTreeLayout layout;
  layout.nodes = scenario.cluster.nodes;
  layout.nodes_per_leaf = std::min(topo.nodes_per_leaf, layout.nodes);
  layout.leaves = (layout.nodes + layout.nodes_per_leaf - 1) / layout.nodes_per_leaf;
  layout.has_core = topo.tiers >= 3;
  layout.leaves_per_pod = layout.has_core ? std::min(topo.leaves_per_pod, layout.leaves) : layout.leaves;
  layout.pods = (layout.leaves + layout.leaves_per_pod - 1) / layout.leaves_per_pod;
  layout.node_nic_bandwidth = scenario.node.node_nic_bandwidth_bytes_per_s();
  layout.link_latency_s = topo.link_latency_s;
  return layout;
}

FatTreeLayout make_fat_tree_layout(const Scenario& scenario) {
  const TopologySpec& topo = scenario.topology;
  FatTreeLayout layout = make_hierarchy(scenario);
  const double link_bw = topo.link_bandwidth_bytes_per_s;
  // Switches are sized for the design (nodes_per_leaf, leaves_per_pod), not for how many
  // nodes happen to fill the last leaf or pod.
  const double leaf_down = topo.nodes_per_leaf * layout.node_nic_bandwidth;
  layout.leaf_uplinks = whole_links(leaf_down / topo.leaf_oversubscription, link_bw);
  layout.leaf_uplink_bandwidth = layout.leaf_uplinks * link_bw;
  if (layout.has_core) {
    const double pod_down = topo.leaves_per_pod * layout.leaf_uplink_bandwidth;
    layout.pod_uplinks = whole_links(pod_down / topo.pod_oversubscription, link_bw);
    layout.pod_uplink_bandwidth = layout.pod_uplinks * link_bw;
  }
  return layout;
}

}  // namespace ppusim
