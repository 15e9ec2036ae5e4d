#include "topologies/physical_fat_tree.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace ppusim {

namespace {

int ceil_div(std::int64_t a, std::int64_t b) { return static_cast<int>((a + b - 1) / b); }

/// Uplinks of leaf switch `rail` of a group. At least one: a leaf switch without uplinks
/// would strand its rail inside the group.
int leaf_switch_uplinks(const FatTreeLayout& layout, int rails, int rail) {
  return std::max(1, share_of_links(layout.leaf_uplinks, rails, rail));
}

}  // namespace

int share_of_links(int total, int slots, int slot) { return total / slots + (slot < total % slots ? 1 : 0); }

PhysicalFatTree build_physical_fat_tree(const Scenario& scenario, std::optional<int> switch_radix) {
  const TopologySpec& topo = scenario.topology;
  PhysicalFatTree tree;
  tree.layout = make_fat_tree_layout(scenario);
  const FatTreeLayout& layout = tree.layout;
  // Rail-optimized, multi-plane (HPN): each NIC has one port per plane, each to the leaf
  // (ToR) switch of its rail in that plane; a fat-tree has one plane.
  tree.kind = topo.kind;
  tree.planes = layout.planes;
  tree.rails = layout.switches_per_leaf_group;
  tree.leaf_switches = layout.leaves * tree.rails;

  int leaf_uplinks_per_group = 0;
  int max_leaf_switch_uplinks = 0;
  for (int rail = 0; rail < tree.rails; ++rail) {
    leaf_uplinks_per_group += leaf_switch_uplinks(layout, tree.rails, rail);
    max_leaf_switch_uplinks =
        std::max(max_leaf_switch_uplinks, leaf_switch_uplinks(layout, tree.rails, rail));
  }
  // Default radix: one switch model everywhere, the one the leaf needs (design downlinks plus
  // uplinks). For a k-ary fat-tree that is k, which gives k/2 spines per pod and k²/4 cores.
  if (!switch_radix) switch_radix = topo.switch_radix;
  tree.radix_derived = !switch_radix.has_value();
  tree.switch_radix = switch_radix.value_or(topo.nodes_per_leaf + max_leaf_switch_uplinks);
  if (tree.switch_radix < 2) throw std::invalid_argument("switch radix must be at least 2");

  // A spine with d ports down and u up has d/u = the pod's oversubscription; with two tiers
  // there is nothing above the spines, so every port faces the leaves.
  if (layout.has_core) {
    const double o = topo.pod_oversubscription;
    tree.spine_down_ports =
        std::clamp(static_cast<int>(tree.switch_radix * o / (1 + o) + 1e-9), 1, tree.switch_radix - 1);
  } else {
    tree.spine_down_ports = tree.switch_radix;
  }
  // Sized for the design pod, like the layout's uplinks: a partly filled last pod keeps them.
  tree.spines_per_pod =
      ceil_div(static_cast<std::int64_t>(layout.design_leaves_per_pod) * leaf_uplinks_per_group,
               tree.spine_down_ports);
  tree.spine_switches = layout.pods * tree.spines_per_pod;
  const std::int64_t pod_uplinks_total = static_cast<std::int64_t>(layout.pods) * layout.pod_uplinks;
  tree.core_switches = layout.has_core ? ceil_div(pod_uplinks_total, tree.switch_radix) : 0;

  FabricGraph& g = tree.graph;
  for (int i = 0; i < layout.nodes; ++i)
    add_vertex({VertexKind::Node, 0, i, layout.pod_of_leaf(layout.leaf_of_node(i))}, g);
  for (int group = 0; group < layout.leaves; ++group) {
    for (int rail = 0; rail < tree.rails; ++rail) {
      add_vertex({VertexKind::LeafSwitch, 1, group * tree.rails + rail, layout.pod_of_leaf(group)}, g);
    }
  }
  for (int pod = 0; pod < layout.pods; ++pod) {
    for (int s = 0; s < tree.spines_per_pod; ++s) {
      add_vertex({VertexKind::SpineSwitch, 2, pod * tree.spines_per_pod + s, pod}, g);
    }
  }
  for (int c = 0; c < tree.core_switches; ++c) add_vertex({VertexKind::CoreSwitch, 3, c, -1}, g);

  const double port_bw = scenario.node.nic_bandwidth_bytes_per_s / layout.planes;
  const double link_bw = topo.link_bandwidth_bytes_per_s;
  for (int i = 0; i < layout.nodes; ++i) {
    for (int rail = 0; rail < tree.rails; ++rail) {
      add_edge(tree.node_vertex(i), tree.leaf_vertex(layout.leaf_of_node(i), rail), FabricLink{port_bw, 1},
               g);
    }
  }
  for (int pod = 0; pod < layout.pods; ++pod) {
    // Multi-plane (HPN): each plane has its own block of spines (aggregation switches), and a
    // leaf switch of plane p only reaches its plane's block. One plane: one block, all spines.
    const int blocks = tree.spines_per_pod % layout.planes == 0 ? layout.planes : 1;
    const int block_size = tree.spines_per_pod / blocks;
    std::vector<std::int64_t> t(blocks, 0);  // each block's leaf uplinks, leaf switch by leaf switch
    const int first = layout.first_leaf_of_pod(pod);
    for (int group = first; group < first + layout.leaves_in_pod(pod); ++group) {
      for (int rail = 0; rail < tree.rails; ++rail) {
        const int block = rail % blocks;  // leaf switch `rail` serves NIC rail / planes, plane rail % planes
        for (int j = 0; j < leaf_switch_uplinks(layout, tree.rails, rail); ++j, ++t[block]) {
          const int spine = block * block_size + static_cast<int>(t[block] % block_size);
          add_edge(tree.leaf_vertex(group, rail), tree.spine_vertex(pod, spine), FabricLink{link_bw, 2}, g);
        }
      }
    }
  }
  if (layout.has_core) {
    std::int64_t t = 0;  // every pod uplink of the fabric, pod by pod, spine by spine
    for (int pod = 0; pod < layout.pods; ++pod) {
      for (int s = 0; s < tree.spines_per_pod; ++s) {
        for (int j = 0; j < share_of_links(layout.pod_uplinks, tree.spines_per_pod, s); ++j, ++t) {
          const int core = static_cast<int>(t % tree.core_switches);
          add_edge(tree.spine_vertex(pod, s), tree.core_vertex(core), FabricLink{link_bw, 3}, g);
        }
      }
    }
  }
  return tree;
}

}  // namespace ppusim
