// Metrics that only need the physical graph and its node count (nodes are vertices 0 .. N−1),
// shared by the fat-tree analysis (topology_analysis.cpp) and the dragonfly/torus analysis
// (direct_network_analysis.cpp). Definitions: docs/topologies.md, "Metrics".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "topologies/fabric_paths.hpp"
#include "topologies/topology_analysis.hpp"

namespace ppusim {

/// Nodes that can still reach the largest surviving group of nodes with `failure` applied.
std::int64_t nodes_reached(const FabricGraph& graph, int nodes, const FabricFailure& failure);

/// Diameter and mean node-to-node hops: every node a source up to options.exact_hops_max_nodes,
/// else options.sample_sources evenly spaced ones.
HopStatistics hop_statistics(const FabricGraph& graph, int nodes, const AnalysisOptions& options);

/// One failure's impact: disconnected = nodes no longer reaching the main part; degraded =
/// `affected_nodes` that are still connected.
FailureImpact failure_impact(const FabricGraph& graph, int nodes, std::string element, std::string which,
                             const FabricFailure& failure, std::int64_t affected_nodes, double fraction,
                             std::string scope);

/// Cables and summed capacity per edge tier; `names[t − 1]` names tier t.
std::vector<TierSummary> link_tiers(const FabricGraph& graph, const std::vector<std::string>& names);

/// Switches × price + transceivers × price, when a price is given.
std::optional<NetworkCapex> network_capex(std::int64_t switches, std::int64_t transceivers, std::int64_t ppus,
                                          const AnalysisOptions& options);

/// The first cable of `tier` at vertex v, if it has one.
std::optional<FabricEdgeId> first_edge_of_tier(const FabricGraph& graph, FabricVertexId v, int tier);

/// The bandwidth leaving one node: the sum of its cables.
double node_bandwidth(const FabricGraph& graph, FabricVertexId node);

}  // namespace ppusim
