#include "topologies/scenario_topology_analysis.hpp"

#include "topologies/topology_kinds.hpp"

namespace ppusim {

TopologyAnalysis analyse_scenario_topology(const Scenario& scenario, std::optional<int> switch_radix,
                                           const AnalysisOptions& options) {
  return topology_kind(scenario.topology.family).analyse(scenario, switch_radix, options);
}

}  // namespace ppusim
