#include "topologies/fabric_paths.hpp"

namespace ppusim {

ShortestPaths shortest_paths_from(const FabricGraph& graph, FabricVertexId source,
                                  const FabricFailure& failure) {
  const auto n = num_vertices(graph);
  ShortestPaths result{std::vector<int>(n, -1), std::vector<double>(n, 0.0)};
  if (failure.vertex == source) return result;
  std::vector<FabricVertexId> queue;
  queue.reserve(n);
  queue.push_back(source);
  result.hops[source] = 0;
  result.paths[source] = 1;
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const FabricVertexId u = queue[head];
    if (u != source && graph[u].kind == VertexKind::Node) continue;  // nodes do not forward
    for (const auto& e : boost::make_iterator_range(out_edges(u, graph))) {
      if (failure.edge && e == *failure.edge) continue;
      const FabricVertexId v = target(e, graph);
      if (failure.vertex == v) continue;
      if (result.hops[v] < 0) {
        result.hops[v] = result.hops[u] + 1;
        queue.push_back(v);
      }
      if (result.hops[v] == result.hops[u] + 1) result.paths[v] += result.paths[u];
    }
  }
  return result;
}

}  // namespace ppusim
