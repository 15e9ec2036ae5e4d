#include "topologies/direct_network_analysis.hpp"

#include <algorithm>
#include <functional>
#include <set>

#include "topologies/fabric_metrics.hpp"

namespace ppusim {

namespace {

/// Capacity of the cables between the nodes' routers on either side of a cut, one direction.
/// `side(router)` is true for the routers of the first half.
double cut_capacity(const PhysicalDirectNetwork& net, const std::function<bool(int router)>& side) {
  const FabricGraph& g = net.graph;
  double sum = 0;
  for (const auto& e : boost::make_iterator_range(edges(g))) {
    const FabricVertex& u = g[source(e, g)];
    const FabricVertex& v = g[target(e, g)];
    if (u.kind == VertexKind::Router && v.kind == VertexKind::Router && side(u.index) != side(v.index)) {
      sum += g[e].bandwidth_bytes_per_s;
    }
  }
  return sum;
}

double router_fabric_capacity(const FabricGraph& g, FabricVertexId router) {
  double sum = 0;
  for (const auto& e : boost::make_iterator_range(out_edges(router, g))) {
    if (g[e].tier >= 2) sum += g[e].bandwidth_bytes_per_s;
  }
  return sum;
}

/// A node cable, a router, and the first router-to-router cable of each tier, from node 0's
/// router: every router of a dragonfly or torus is wired alike.
std::vector<FailureImpact> single_failures(const PhysicalDirectNetwork& net) {
  const FabricGraph& g = net.graph;
  const int n = net.layout.nodes;
  std::vector<FailureImpact> out;
  const FabricVertexId node0 = net.node_vertex(0);
  const FabricVertexId router0 = net.router_vertex(0);
  const FabricEdgeId nic_cable = *first_edge_of_tier(g, node0, 1);
  out.push_back(failure_impact(g, n, "node-router cable", "node 0, NIC 0", {std::nullopt, nic_cable}, 1,
                               g[nic_cable].bandwidth_bytes_per_s / node_bandwidth(g, node0),
                               "the node's NIC bandwidth"));
  std::set<FabricVertexId> attached_nodes;  // a node's parallel NIC cables name it several times
  for (FabricVertexId v : boost::make_iterator_range(adjacent_vertices(router0, g))) {
    if (g[v].kind == VertexKind::Node) attached_nodes.insert(v);
  }
  const auto attached = static_cast<std::int64_t>(attached_nodes.size());
  // Its attached nodes lose everything; the fraction is of the fabric's router capacity.
  double fabric = 0;
  for (int r = 0; r < net.routers; ++r) fabric += router_fabric_capacity(g, net.router_vertex(r));
  out.push_back(failure_impact(g, n, "router", "router 0", {router0, std::nullopt}, attached,
                               router_fabric_capacity(g, router0) / fabric,
                               "the fabric's router-to-router capacity"));
  for (std::size_t tier = 2; tier <= net.tier_names.size(); ++tier) {
    if (const auto cable = first_edge_of_tier(g, router0, static_cast<int>(tier))) {
      out.push_back(failure_impact(g, n, net.tier_names[tier - 1] + " cable", "router 0, first one",
                                   {std::nullopt, *cable}, attached,
                                   g[*cable].bandwidth_bytes_per_s / router_fabric_capacity(g, router0),
                                   "router 0's fabric capacity"));
    }
  }
  return out;
}

PathDiversity path_diversity(const PhysicalDirectNetwork& net, int to_node, std::string relation) {
  PathDiversity d;
  d.to_node = to_node;
  d.relation = std::move(relation);
  const ShortestPaths sp = shortest_paths_from(net.graph, net.node_vertex(0));
  d.hops = sp.hops[to_node];
  d.shortest_paths = sp.paths[to_node];
  return d;
}

}  // namespace

TopologyAnalysis analyse_direct_network(const PhysicalDirectNetwork& net, const Scenario& scenario,
                                        const AnalysisOptions& options) {
  const FabricGraph& g = net.graph;
  const TopologyLayout& layout = net.layout;
  const TopologySpec& topo = scenario.topology;
  TopologyAnalysis a;
  a.kind = topo.kind;
  a.tiers = static_cast<int>(net.tier_names.size());
  a.nodes = layout.nodes;
  a.ppus = a.nodes * scenario.node.ppus_per_node;
  a.leaf_groups = layout.leaves;
  a.pods = layout.pods;
  a.routers = net.routers;
  a.switches = net.routers;
  for (int r = 0; r < net.routers; ++r) {
    a.max_switch_ports_used =
        std::max(a.max_switch_ports_used, static_cast<int>(out_degree(net.router_vertex(r), g)));
  }
  a.switch_radix = a.max_switch_ports_used;  // a router has exactly the ports its wiring needs
  a.radix_derived = true;
  a.link_tiers = link_tiers(g, net.tier_names);
  for (const TierSummary& tier : a.link_tiers) a.cables += tier.links;

  const double node_bw = node_bandwidth(g, net.node_vertex(0));
  const double half_nodes = static_cast<double>(a.nodes / 2);
  double cut = 0;
  int to_node = layout.nodes - 1;
  std::string relation = "same router";
  if (topo.family == TopologySpec::Kind::Dragonfly) {
    const DragonflySpec& d = topo.dragonfly;
    // Global links are optical (two transceivers); local links stay within a group's cabinets
    // (copper), node cables are priced with the node.
    a.transceivers = 2 * a.link_tiers[2].links;
    // Bisection: the first ⌊g/2⌋ groups against the rest (a balanced dragonfly is symmetric
    // under group permutations, so every such cut is alike); one group: its first half of routers.
    if (d.groups > 1) {
      cut = cut_capacity(net, [&](int r) { return r / d.routers_per_group < d.groups / 2; });
    } else {
      cut = cut_capacity(net, [&](int r) { return r < d.routers_per_group / 2; });
    }
    // Router: node capacity in over fabric capacity out; group: its nodes over its global links.
    const double router_down = d.hosts_per_router * node_bw;
    a.leaf_oversubscription = router_down / router_fabric_capacity(g, net.router_vertex(0));
    if (d.groups > 1) {
      a.pod_oversubscription =
          d.routers_per_group * router_down /
          (d.routers_per_group * d.global_links_per_router * topo.link_bandwidth_bytes_per_s);
      to_node = layout.first_node_of_leaf(layout.first_leaf_of_pod(1));
      relation = "different groups";
    } else if (d.routers_per_group > 1) {
      to_node = d.hosts_per_router;
      relation = "different routers";
    }
  } else {
    const TorusSpec& t = topo.torus;
    // Torus links are counted as cables without transceivers: which ones are optical depends on
    // how the torus is cut into racks or cubes, which the scenario does not say.
    // Bisection: cut the largest dimension in half (the smallest cut for a torus).
    const int size[3] = {t.x, t.y, t.z};
    const int stride[3] = {1, t.x, t.x * t.y};
    const int dim = static_cast<int>(std::max_element(size, size + 3) - size);
    cut = cut_capacity(net, [&](int r) { return r / stride[dim] % size[dim] < size[dim] / 2; });
    if (layout.nodes > 1) {
      // The node opposite node 0 in every dimension: the torus's farthest node.
      to_node = (t.x / 2) + t.x * ((t.y / 2) + t.y * (t.z / 2));
      relation = "farthest node";
    }
  }
  // The cut cannot carry more than half the nodes inject.
  a.bisection_bytes_per_s = std::min(cut, half_nodes * node_bw);
  a.bisection_per_ppu_bytes_per_s =
      half_nodes > 0 ? a.bisection_bytes_per_s / (half_nodes * scenario.node.ppus_per_node) : 0;
  a.hops = hop_statistics(g, layout.nodes, options);
  a.path_diversity = path_diversity(net, to_node, relation);
  a.failures = single_failures(net);
  a.capex = network_capex(a.switches, a.transceivers, a.ppus, options);
  return a;
}

}  // namespace ppusim
