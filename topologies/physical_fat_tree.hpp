// The fat-tree as a physical network: one Boost.Graph vertex per node and per switch, one edge
// per cable. FatTreeLayout (fat_tree_layout.hpp) aggregates each tier's uplinks into one pipe for
// the simulation; this graph expands those pipes back into switches and cables so that
// structure (hop counts, path diversity, failure impact, cable and optics counts) can be
// measured. It is built from the same layout, so its summed capacities equal the layout's.
//
// Structural assumptions (docs/topologies.md):
//  - A leaf group is `nics_per_node` leaf switches, rail-style: NIC r of every node of the
//    group goes to leaf switch r of the group, at NIC speed.
//  - The layout's leaf_uplinks are spread over the group's leaf switches as evenly as whole
//    links allow (at least one each), so the group's summed uplink capacity is the layout's.
//  - Every switch has the same radix. Spines split their ports between leaves and the core in
//    the pod's oversubscription ratio; a pod has as many spines as it takes to terminate the
//    design pod's leaf uplinks; the core has as many switches as it takes to terminate every
//    pod's uplinks.
//  - Uplinks are wired round-robin: the t-th leaf uplink of a pod goes to spine t mod S, the
//    g-th pod uplink of the fabric to core g mod C. This reproduces the k-ary fat-tree exactly
//    and, with several rails, puts each rail's leaf switches on their own block of spines.
#pragma once

#include <boost/graph/adjacency_list.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "sim/config/scenario.hpp"
#include "topologies/fat_tree_layout.hpp"

namespace ppusim {

enum class VertexKind { Node, LeafSwitch, SpineSwitch, CoreSwitch, Router };

struct FabricVertex {
  VertexKind kind = VertexKind::Node;
  int tier = 0;   // 0 node, 1 leaf, 2 spine, 3 core
  int index = 0;  // within its kind: node i, leaf switch g·R + r, spine p·S + s, core c
  int pod = -1;   // -1 for core switches
};

struct FabricLink {
  double bandwidth_bytes_per_s = 0;  // one direction
  int tier = 0;                      // the tier of its upper end: 1 node-leaf, 2 leaf-spine, 3 spine-core
};

// vecS everywhere: vertices are numbered densely (kind by kind, see PhysicalFatTree) and the
// edge list is a vector, which keeps the 100,000-PPU graph to a few tens of megabytes.
using FabricGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, FabricVertex,
                                          FabricLink, boost::no_property, boost::vecS>;
using FabricVertexId = boost::graph_traits<FabricGraph>::vertex_descriptor;

/// The graph and the sizing decisions behind it. Vertices are numbered nodes first, then leaf
/// switches, spines, cores, so that a vertex's kind and index follow from its number.
struct PhysicalFatTree {
  std::string kind = "fat-tree";  // or "rail-optimized"
  int planes = 1;                 // NIC ports per NIC, each to its own plane's leaf switch
  FatTreeLayout layout;
  FabricGraph graph;
  int switch_radix = 0;
  bool radix_derived = false;  // true: the leaf switch's port count, no --switch-radix given
  int rails = 0;               // leaf switches per leaf group = NICs per node × planes
  int leaf_switches = 0;
  int spine_down_ports = 0;  // spine ports reserved for leaves
  int spines_per_pod = 0;
  int spine_switches = 0;
  int core_switches = 0;

  FabricVertexId node_vertex(int node) const { return static_cast<FabricVertexId>(node); }
  FabricVertexId leaf_vertex(int group, int rail) const {
    return static_cast<FabricVertexId>(layout.nodes + group * rails + rail);
  }
  FabricVertexId spine_vertex(int pod, int spine) const {
    return static_cast<FabricVertexId>(layout.nodes + leaf_switches + pod * spines_per_pod + spine);
  }
  FabricVertexId core_vertex(int core) const {
    return static_cast<FabricVertexId>(layout.nodes + leaf_switches + spine_switches + core);
  }
};

/// Builds the physical network of the scenario's fat-tree. `switch_radix` (ports per switch)
/// defaults to the leaf switch's port count: its downlinks plus its uplinks.
PhysicalFatTree build_physical_fat_tree(const Scenario& scenario, std::optional<int> switch_radix = {});

/// Spreads `total` whole links over `slots` as evenly as possible: slot i gets
/// ⌊total/slots⌋, plus one for the first total mod slots slots.
int share_of_links(int total, int slots, int slot);

}  // namespace ppusim
