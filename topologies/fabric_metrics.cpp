#include "topologies/fabric_metrics.hpp"

#include <algorithm>

namespace ppusim {

std::int64_t nodes_reached(const FabricGraph& graph, int n, const FabricFailure& failure) {
  // One failure leaves one big part and, at worst, isolated nodes: search from the last node,
  // and once more from a node it missed in case the last node was the isolated one.
  auto reach = [&](int source) {
    const ShortestPaths sp = shortest_paths_from(graph, static_cast<FabricVertexId>(source), failure);
    std::int64_t count = 0;
    int missed = -1;
    for (int i = 0; i < n; ++i) (sp.hops[i] >= 0 ? ++count : (missed = i));
    return std::pair{count, missed};
  };
  const auto [first, missed] = reach(n - 1);
  if (missed < 0 || first > n / 2) return first;
  return std::max(first, reach(missed).first);
}

HopStatistics hop_statistics(const FabricGraph& graph, int n, const AnalysisOptions& options) {
  HopStatistics stats;
  std::vector<int> sources;
  stats.exact = n <= options.exact_hops_max_nodes || n <= options.sample_sources;
  if (stats.exact) {
    for (int i = 0; i < n; ++i) sources.push_back(i);
  } else {
    // Evenly spaced from the first node to the last: every pod, the partly filled last one too.
    // One source (or none asked) is the first node alone: spacing k sources needs k − 1 gaps.
    const int k = options.sample_sources;
    if (k <= 1) sources.push_back(0);
    for (int i = 0; k > 1 && i < k; ++i)
      sources.push_back(static_cast<int>(static_cast<std::int64_t>(i) * (n - 1) / (k - 1)));
  }
  double sum = 0;
  std::int64_t pairs = 0;
  for (int s : sources) {
    const ShortestPaths sp = shortest_paths_from(graph, static_cast<FabricVertexId>(s));
    for (int i = 0; i < n; ++i) {
      if (i == s || sp.hops[i] < 0) continue;
      stats.diameter = std::max(stats.diameter, sp.hops[i]);
      sum += sp.hops[i];
      ++pairs;
    }
  }
  stats.sources = static_cast<int>(sources.size());
  stats.average = pairs > 0 ? sum / pairs : 0;
  return stats;
}

FailureImpact failure_impact(const FabricGraph& graph, int nodes, std::string element, std::string which,
                             const FabricFailure& failure, std::int64_t affected_nodes, double fraction,
                             std::string scope) {
  FailureImpact f{std::move(element), std::move(which), 0, 0, fraction, std::move(scope)};
  f.nodes_disconnected = nodes - nodes_reached(graph, nodes, failure);
  f.nodes_degraded = std::max<std::int64_t>(0, affected_nodes - f.nodes_disconnected);
  return f;
}

std::vector<TierSummary> link_tiers(const FabricGraph& graph, const std::vector<std::string>& names) {
  std::vector<TierSummary> tiers;
  for (const std::string& name : names) tiers.push_back({name, 0, 0});
  for (const auto& e : boost::make_iterator_range(edges(graph))) {
    TierSummary& tier = tiers[graph[e].tier - 1];
    ++tier.links;
    tier.capacity_bytes_per_s += graph[e].bandwidth_bytes_per_s;
  }
  return tiers;
}

std::optional<NetworkCapex> network_capex(std::int64_t switches, std::int64_t transceivers, std::int64_t ppus,
                                          const AnalysisOptions& options) {
  if (!options.switch_price_usd && !options.optic_price_usd) return std::nullopt;
  NetworkCapex c;
  c.switch_price_usd = options.switch_price_usd.value_or(0);
  c.optic_price_usd = options.optic_price_usd.value_or(0);
  c.switches_usd = c.switch_price_usd * static_cast<double>(switches);
  c.optics_usd = c.optic_price_usd * static_cast<double>(transceivers);
  c.total_usd = c.switches_usd + c.optics_usd;
  c.per_ppu_usd = ppus > 0 ? c.total_usd / static_cast<double>(ppus) : 0;
  return c;
}

std::optional<FabricEdgeId> first_edge_of_tier(const FabricGraph& g, FabricVertexId v, int tier) {
  for (const auto& e : boost::make_iterator_range(out_edges(v, g))) {
    if (g[e].tier == tier) return e;
  }
  return std::nullopt;
}

double node_bandwidth(const FabricGraph& graph, FabricVertexId node) {
  double sum = 0;
  for (const auto& e : boost::make_iterator_range(out_edges(node, graph)))
    sum += graph[e].bandwidth_bytes_per_s;
  return sum;
}

}  // namespace ppusim
