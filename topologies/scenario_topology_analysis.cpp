#include "topologies/scenario_topology_analysis.hpp"

#include "sim/core/input_error.hpp"
#include "topologies/direct_network_analysis.hpp"
#include "topologies/physical_direct_network.hpp"
#include "topologies/physical_fat_tree.hpp"

namespace ppusim {

TopologyAnalysis analyse_scenario_topology(const Scenario& scenario, std::optional<int> switch_radix,
                                           const AnalysisOptions& options) {
  switch (scenario.topology.family) {
    case TopologySpec::Kind::Dragonfly:
    case TopologySpec::Kind::Torus: {
      if (switch_radix) {
        throw InputError("--switch-radix: applies to fat-tree and rail-optimized fabrics, not to a " +
                         scenario.topology.kind + " (its routers have the ports its wiring needs)");
      }
      const bool dragonfly = scenario.topology.family == TopologySpec::Kind::Dragonfly;
      return analyse_direct_network(
          dragonfly ? build_physical_dragonfly(scenario) : build_physical_torus(scenario), scenario, options);
    }
    case TopologySpec::Kind::FatTree:
    case TopologySpec::Kind::RailOptimized:
      break;
  }
  const PhysicalFatTree tree = build_physical_fat_tree(scenario, switch_radix);
  return analyse_topology(tree, scenario.node.ppus_per_node, options);
}

}  // namespace ppusim
