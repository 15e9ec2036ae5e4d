#include "topologies/physical_direct_network.hpp"

#include <array>

#include "topologies/dragonfly_layout.hpp"
#include "topologies/torus_layout.hpp"

namespace ppusim {

namespace {

/// Nodes and routers as vertices, and each node's NICs cabled to `router_of(node)`.
template <typename RouterOf>
void add_nodes_and_routers(const Scenario& scenario, PhysicalDirectNetwork& net, RouterOf router_of) {
  FabricGraph& g = net.graph;
  const TopologyLayout& layout = net.layout;
  for (int i = 0; i < layout.nodes; ++i)
    add_vertex({VertexKind::Node, 0, i, layout.pod_of_leaf(layout.leaf_of_node(i))}, g);
  for (int r = 0; r < net.routers; ++r) add_vertex({VertexKind::Router, 1, r, -1}, g);
  const double nic_bw = scenario.node.nic_bandwidth_bytes_per_s;
  for (int i = 0; i < layout.nodes; ++i) {
    const FabricVertexId router = net.router_vertex(router_of(i));
    g[router].pod = g[net.node_vertex(i)].pod;
    for (int nic = 0; nic < scenario.node.nics_per_node; ++nic)
      add_edge(net.node_vertex(i), router, FabricLink{nic_bw, 1}, g);
  }
}

}  // namespace

PhysicalDirectNetwork build_physical_dragonfly(const Scenario& scenario) {
  const DragonflyLayout layout = make_dragonfly_layout(scenario);
  const DragonflySpec& d = layout.dragonfly;
  const double link_bw = scenario.topology.link_bandwidth_bytes_per_s;
  PhysicalDirectNetwork net;
  net.layout = layout;
  net.routers = layout.routers();
  net.tier_names = {"node-router", "local", "global"};
  add_nodes_and_routers(scenario, net, [&](int node) { return layout.router_of_node(node); });

  FabricGraph& g = net.graph;
  const int a = d.routers_per_group;
  for (int group = 0; group < d.groups; ++group) {
    for (int r = 0; r < a; ++r) {
      for (int s = r + 1; s < a; ++s)
        add_edge(net.router_vertex(group * a + r), net.router_vertex(group * a + s), FabricLink{link_bw, 2},
                 g);
    }
  }
  if (d.groups > 1) {
    // Port j of group G faces group G + 1 + (j mod (g − 1)). Seen from that group, G is at
    // offset g − 2 − (j mod (g − 1)); the link is added once, from the lower-numbered group,
    // to the other group's port with the same round (j div (g − 1)) and the mirrored offset.
    const int ports = a * d.global_links_per_router;
    const int others = d.groups - 1;
    for (int group = 0; group < d.groups; ++group) {
      for (int j = 0; j < ports; ++j) {
        const int offset = j % others;
        const int peer = (group + 1 + offset) % d.groups;
        const int peer_port = (j / others) * others + (others - 1 - offset);
        if (peer_port >= ports || peer < group) continue;  // unmatched port, or added from the peer
        const int router = group * a + j / d.global_links_per_router;
        const int peer_router = peer * a + peer_port / d.global_links_per_router;
        add_edge(net.router_vertex(router), net.router_vertex(peer_router), FabricLink{link_bw, 3}, g);
      }
    }
  }
  return net;
}

PhysicalDirectNetwork build_physical_torus(const Scenario& scenario) {
  const TorusLayout layout = make_torus_layout(scenario);
  const double link_bw = scenario.topology.link_bandwidth_bytes_per_s;
  PhysicalDirectNetwork net;
  net.layout = layout;
  net.routers = layout.nodes;
  net.tier_names = {"node-router", "router-router"};
  add_nodes_and_routers(scenario, net, [](int node) { return node; });

  FabricGraph& g = net.graph;
  const std::array<int, 3> size = layout.sizes();
  const std::array<int, 3> stride = layout.strides();
  for (int node = 0; node < layout.nodes; ++node) {
    for (int dim = 0; dim < 3; ++dim) {
      const int coordinate = layout.coordinate(node, dim);
      // Size 1: no link. Size 2: the +1 and −1 neighbours coincide, one link, added from 0.
      if (size[dim] < 2 || (size[dim] == 2 && coordinate == 1)) continue;
      const int next = node + ((coordinate + 1) % size[dim] - coordinate) * stride[dim];
      add_edge(net.router_vertex(node), net.router_vertex(next), FabricLink{link_bw, 2}, g);
    }
  }
  return net;
}

}  // namespace ppusim
