// Shortest paths on the physical fabric (physical_fat_tree.hpp): hop counts and the number of
// equal-cost shortest paths from one source, with an optional failed switch or cable.
//
// Nodes do not forward traffic: a breadth-first search enters a node vertex but only leaves
// from the source. Without that rule a multi-NIC node would bridge its leaf switches and
// create paths no packet takes.
#pragma once

#include <optional>
#include <vector>

#include "topologies/physical_fat_tree.hpp"

namespace ppusim {

using FabricEdgeId = boost::graph_traits<FabricGraph>::edge_descriptor;

struct FabricFailure {
  std::optional<FabricVertexId> vertex;  // a failed switch (or node)
  std::optional<FabricEdgeId> edge;      // a failed cable; parallel cables stay up
};

struct ShortestPaths {
  std::vector<int> hops;      // -1: unreachable
  std::vector<double> paths;  // equal-cost shortest paths from the source; double: they reach 1e9+
};

/// Breadth-first search from `source`, counting shortest paths by dynamic programming: a
/// vertex's count is the sum of the counts of its neighbours one hop closer. Parallel cables
/// are distinct paths.
ShortestPaths shortest_paths_from(const FabricGraph& graph, FabricVertexId source,
                                  const FabricFailure& failure = {});

}  // namespace ppusim
