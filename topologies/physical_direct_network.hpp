// Dragonfly and 3D torus as physical networks: one Boost.Graph vertex per node and per router,
// one edge per cable, in the same FabricGraph as the fat-tree (physical_fat_tree.hpp) so that
// the same searches (fabric_paths.hpp) and metrics (fabric_metrics.hpp) apply.
//
// Vertices: nodes 0 .. N−1 first (vertex i is node i), then routers. Nodes do not forward;
// routers do (a torus node's built-in router is its own vertex, so that a node-to-node hop
// count is 2 + the router hops).
//
// Dragonfly (Kim et al., ISCA'08), g groups of a routers, p nodes per router, h global links
// per router. Router r of group G is vertex N + G·a + r.
//   tier 1  node – router, one cable per NIC at NIC speed
//   tier 2  local: every pair of routers of a group, one link (all-to-all)
//   tier 3  global: group G's global port j (j = r·h + k, router r, k < h) goes to group
//           (G + 1 + j mod (g − 1)) mod g; each port pairs with the matching port of the other
//           group, so every pair of groups gets ⌊a·h/(g − 1)⌋ or one more links (the
//           "consecutive" arrangement of Hastings et al., Cluster'15)
//
// 3D torus X×Y×Z: router of node (x, y, z) = vertex N + node, node = x + X·(y + Y·z).
//   tier 1  node – router, one cable per NIC
//   tier 2  router – router, to the +1 neighbour in each dimension of size ≥ 2 (wraparound
//           included); a dimension of size 2 has one link per pair, not two
#pragma once

#include <string>

#include "sim/config/scenario.hpp"
#include "topologies/physical_fat_tree.hpp"
#include "topologies/topology_layout.hpp"

namespace ppusim {

struct PhysicalDirectNetwork {
  TopologyLayout layout;  // the simulation's hierarchy (for the group/pod names in the output)
  FabricGraph graph;
  int routers = 0;
  std::vector<std::string> tier_names;  // tier_names[t − 1] for edges of tier t

  FabricVertexId node_vertex(int node) const { return static_cast<FabricVertexId>(node); }
  FabricVertexId router_vertex(int router) const {
    return static_cast<FabricVertexId>(layout.nodes + router);
  }
};

PhysicalDirectNetwork build_physical_dragonfly(const Scenario& scenario);
PhysicalDirectNetwork build_physical_torus(const Scenario& scenario);

}  // namespace ppusim
