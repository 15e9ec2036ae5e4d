#include "topologies/topology_layout.hpp"

#include "topologies/topology_kinds.hpp"

namespace ppusim {

TopologyLayout topology_grouping(const Scenario& scenario) {
  const TopologySpec& topo = scenario.topology;
  TopologyLayout layout;
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

TopologyLayout make_topology_layout(const Scenario& scenario) {
  return topology_kind(scenario.topology.family).layout(scenario);
}

}  // namespace ppusim
