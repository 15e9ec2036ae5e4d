#include "topologies/topology_analysis.hpp"

#include <algorithm>
#include <set>

#include "topologies/fabric_metrics.hpp"

namespace ppusim {

namespace {

struct Capacity {
  double down = 0;  // towards the nodes
  double up = 0;    // towards the core
};

/// A switch's cables split by direction: a cable is "up" when its upper end is above the switch.
Capacity switch_capacity(const FabricGraph& g, FabricVertexId v) {
  Capacity c;
  for (const auto& e : boost::make_iterator_range(out_edges(v, g))) {
    (g[e].tier > g[v].tier ? c.up : c.down) += g[e].bandwidth_bytes_per_s;
  }
  return c;
}

/// Nodes under the leaf switches in `leaves` (vertex ids).
std::int64_t nodes_under(const PhysicalFatTree& tree, const std::set<FabricVertexId>& leaves) {
  std::set<FabricVertexId> nodes;
  for (FabricVertexId leaf : leaves) {
    for (FabricVertexId v : boost::make_iterator_range(adjacent_vertices(leaf, tree.graph))) {
      if (tree.graph[v].kind == VertexKind::Node) nodes.insert(v);
    }
  }
  return static_cast<std::int64_t>(nodes.size());
}

std::set<FabricVertexId> neighbours_of_kind(const FabricGraph& g, FabricVertexId v, VertexKind kind) {
  std::set<FabricVertexId> out;
  for (FabricVertexId w : boost::make_iterator_range(adjacent_vertices(v, g))) {
    if (g[w].kind == kind) out.insert(w);
  }
  return out;
}

double pod_core_capacity(const PhysicalFatTree& tree, int pod) {
  double sum = 0;
  for (int s = 0; s < tree.spines_per_pod; ++s)
    sum += switch_capacity(tree.graph, tree.spine_vertex(pod, s)).up;
  return sum;
}

/// One instance of each failure class, the first of its kind: in a fat-tree every switch of a
/// tier is wired alike, so the first is representative (a partly filled last group or pod can
/// only lose less).
std::vector<FailureImpact> single_failures(const PhysicalFatTree& tree) {
  const FabricGraph& g = tree.graph;
  std::vector<FailureImpact> out;
  const FabricVertexId node0 = tree.node_vertex(0);
  const FabricVertexId leaf0 = tree.leaf_vertex(0, 0);

  const FabricEdgeId nic_cable = *first_edge_of_tier(g, node0, 1);
  out.push_back(failure_impact(
      tree.graph, tree.layout.nodes, "node-leaf cable", "node 0, rail 0", {std::nullopt, nic_cable}, 1,
      g[nic_cable].bandwidth_bytes_per_s / node_bandwidth(g, node0), "the node's NIC bandwidth"));

  out.push_back(
      failure_impact(tree.graph, tree.layout.nodes, "leaf switch", "leaf group 0, rail 0",
                     {leaf0, std::nullopt}, nodes_under(tree, {leaf0}),
                     g[*first_edge_of_tier(g, node0, 1)].bandwidth_bytes_per_s / node_bandwidth(g, node0),
                     "each attached node's NIC bandwidth"));

  double group_up = 0;
  std::set<FabricVertexId> group_leaves;
  for (int r = 0; r < tree.rails; ++r) {
    group_up += switch_capacity(g, tree.leaf_vertex(0, r)).up;
    group_leaves.insert(tree.leaf_vertex(0, r));
  }
  if (const auto uplink = first_edge_of_tier(g, leaf0, 2)) {
    out.push_back(failure_impact(tree.graph, tree.layout.nodes, "leaf-spine cable",
                                 "leaf group 0, rail 0, first uplink", {std::nullopt, *uplink},
                                 nodes_under(tree, group_leaves), g[*uplink].bandwidth_bytes_per_s / group_up,
                                 "the leaf group's uplink capacity"));
  }

  const FabricVertexId spine0 = tree.spine_vertex(0, 0);
  const std::int64_t spine_nodes = nodes_under(tree, neighbours_of_kind(g, spine0, VertexKind::LeafSwitch));
  if (tree.layout.has_core) {
    const double pod_up = pod_core_capacity(tree, 0);
    out.push_back(failure_impact(tree.graph, tree.layout.nodes, "spine switch", "pod 0, spine 0",
                                 {spine0, std::nullopt}, spine_nodes, switch_capacity(g, spine0).up / pod_up,
                                 "the pod's uplink capacity to the core"));
    if (const auto uplink = first_edge_of_tier(g, spine0, 3)) {
      out.push_back(failure_impact(tree.graph, tree.layout.nodes, "spine-core cable",
                                   "pod 0, spine 0, first uplink", {std::nullopt, *uplink}, spine_nodes,
                                   g[*uplink].bandwidth_bytes_per_s / pod_up,
                                   "the pod's uplink capacity to the core"));
    }
    const FabricVertexId core0 = tree.core_vertex(0);
    std::vector<double> lost(tree.layout.pods, 0.0);
    std::set<FabricVertexId> leaves;
    for (const auto& e : boost::make_iterator_range(out_edges(core0, g))) {
      const FabricVertexId spine = target(e, g);
      lost[g[spine].pod] += g[e].bandwidth_bytes_per_s;
      for (FabricVertexId l : neighbours_of_kind(g, spine, VertexKind::LeafSwitch)) leaves.insert(l);
    }
    double worst = 0;
    for (int p = 0; p < tree.layout.pods; ++p) worst = std::max(worst, lost[p] / pod_core_capacity(tree, p));
    out.push_back(failure_impact(tree.graph, tree.layout.nodes, "core switch", "core 0",
                                 {core0, std::nullopt}, nodes_under(tree, leaves), worst,
                                 "the most affected pod's uplink capacity to the core"));
  } else {
    double fabric = 0;
    for (int s = 0; s < tree.spines_per_pod; ++s) fabric += switch_capacity(g, tree.spine_vertex(0, s)).down;
    out.push_back(failure_impact(
        tree.graph, tree.layout.nodes, "spine switch", "spine 0", {spine0, std::nullopt}, spine_nodes,
        switch_capacity(g, spine0).down / fabric, "the fabric's leaf-to-spine capacity"));
  }
  return out;
}

PathDiversity path_diversity(const PhysicalFatTree& tree) {
  const FatTreeLayout& layout = tree.layout;
  PathDiversity d;
  if (layout.pods > 1) {
    d.to_node = layout.first_node_of_leaf(layout.first_leaf_of_pod(1));
    d.relation = "different pods";
  } else if (layout.leaves > 1) {
    d.to_node = layout.first_node_of_leaf(1);
    d.relation = "different leaf groups";
  } else {
    d.to_node = layout.nodes - 1;
    d.relation = layout.nodes > 1 ? "same leaf group" : "single node";
  }
  const ShortestPaths sp = shortest_paths_from(tree.graph, tree.node_vertex(0));
  d.hops = sp.hops[d.to_node];
  d.shortest_paths = sp.paths[d.to_node];
  return d;
}

}  // namespace

TopologyAnalysis analyse_topology(const PhysicalFatTree& tree, std::int64_t ppus_per_node,
                                  const AnalysisOptions& options) {
  const FabricGraph& g = tree.graph;
  const FatTreeLayout& layout = tree.layout;
  TopologyAnalysis a;
  a.kind = tree.kind;
  a.planes = tree.planes;
  a.tiers = layout.has_core ? 3 : 2;
  a.nodes = layout.nodes;
  a.ppus = a.nodes * ppus_per_node;
  a.switch_radix = tree.switch_radix;
  a.radix_derived = tree.radix_derived;
  a.leaf_groups = layout.leaves;
  a.pods = layout.pods;
  a.spines_per_pod = tree.spines_per_pod;

  std::vector<std::string> tier_names = {"node-leaf", "leaf-spine"};
  if (layout.has_core) tier_names.push_back("spine-core");
  a.link_tiers = link_tiers(g, tier_names);
  // Every cable is one cable; a switch-to-switch cable is optical with a transceiver at each end.
  // Node-to-leaf cables are copper (DAC/AEC) within the rack, or their optics are in the node's price.
  for (const TierSummary& tier : a.link_tiers) a.cables += tier.links;
  a.transceivers = 2 * (a.cables - a.link_tiers[0].links);

  for (const auto v : boost::make_iterator_range(vertices(g))) {
    switch (g[v].kind) {
      case VertexKind::Node:
        continue;
      case VertexKind::LeafSwitch:
        ++a.leaf_switches;
        break;
      case VertexKind::SpineSwitch:
        ++a.spine_switches;
        break;
      case VertexKind::CoreSwitch:
        ++a.core_switches;
        break;
      case VertexKind::Router:  // not in a fat-tree
        break;
    }
    a.max_switch_ports_used = std::max(a.max_switch_ports_used, static_cast<int>(out_degree(v, g)));
  }
  a.switches = a.leaf_switches + a.spine_switches + a.core_switches;

  // Oversubscription as the worst group sees it: a partly filled group has fewer nodes under the
  // same uplinks, so the maximum is the design ratio.
  for (int group = 0; group < layout.leaves; ++group) {
    Capacity c;
    for (int r = 0; r < tree.rails; ++r) {
      const Capacity s = switch_capacity(g, tree.leaf_vertex(group, r));
      c.down += s.down;
      c.up += s.up;
    }
    a.leaf_oversubscription = std::max(a.leaf_oversubscription, c.down / c.up);
  }
  if (layout.has_core) {
    for (int pod = 0; pod < layout.pods; ++pod) {
      Capacity c;
      for (int s = 0; s < tree.spines_per_pod; ++s) {
        const Capacity sc = switch_capacity(g, tree.spine_vertex(pod, s));
        c.down += sc.down;
        c.up += sc.up;
      }
      a.pod_oversubscription = std::max(a.pod_oversubscription, c.down / c.up);
    }
  }

  // Bisection of a fat-tree: cut the nodes into two halves along the boundaries of one tier (whole
  // leaf groups, or whole pods). The cut is then that tier's uplinks of one half, i.e. half the
  // nodes times each node's share of that tier's uplinks: B_nic, B_nic / o_leaf,
  // B_nic / (o_leaf · o_pod). The worst tier is the bisection.
  double taper = std::max(1.0, a.leaf_oversubscription);
  if (layout.has_core) taper = std::max(taper, a.leaf_oversubscription * a.pod_oversubscription);
  const double half_nodes = static_cast<double>(a.nodes / 2);
  a.bisection_bytes_per_s = half_nodes * node_bandwidth(g, tree.node_vertex(0)) / taper;
  a.bisection_per_ppu_bytes_per_s =
      half_nodes > 0 ? a.bisection_bytes_per_s / (half_nodes * ppus_per_node) : 0;

  a.hops = hop_statistics(g, layout.nodes, options);
  a.path_diversity = path_diversity(tree);
  a.failures = single_failures(tree);

  a.capex = network_capex(a.switches, a.transceivers, a.ppus, options);
  return a;
}

}  // namespace ppusim
