#include "topologies/topology_kinds.hpp"

#include <array>
#include <stdexcept>

#include "sim/core/input_error.hpp"
#include "topologies/direct_network_analysis.hpp"
#include "topologies/dragonfly_layout.hpp"
#include "topologies/fat_tree_layout.hpp"
#include "topologies/physical_direct_network.hpp"
#include "topologies/physical_fat_tree.hpp"
#include "topologies/torus_layout.hpp"

namespace ppusim {

namespace {

TopologyAnalysis analyse_fat_tree(const Scenario& scenario, std::optional<int> switch_radix,
                                  const AnalysisOptions& options) {
  return analyse_topology(build_physical_fat_tree(scenario, switch_radix), scenario.node.ppus_per_node,
                          options);
}

/// A dragonfly's or torus's routers have the ports their wiring needs: no radix to choose.
void refuse_switch_radix(const Scenario& scenario, std::optional<int> switch_radix) {
  if (switch_radix) {
    throw InputError("--switch-radix: applies to fat-tree and rail-optimized fabrics, not to a " +
                     scenario.topology.kind + " (its routers have the ports its wiring needs)");
  }
}

TopologyAnalysis analyse_dragonfly(const Scenario& scenario, std::optional<int> switch_radix,
                                   const AnalysisOptions& options) {
  refuse_switch_radix(scenario, switch_radix);
  return analyse_direct_network(build_physical_dragonfly(scenario), scenario, options);
}

TopologyAnalysis analyse_torus(const Scenario& scenario, std::optional<int> switch_radix,
                               const AnalysisOptions& options) {
  refuse_switch_radix(scenario, switch_radix);
  return analyse_direct_network(build_physical_torus(scenario), scenario, options);
}

// A rail-optimized fabric shares the fat-tree's layout and analysis: planes and rails change
// which leaf switch a cable lands on (physical_fat_tree.hpp), not the capacities of the tiers.
const std::array<TopologyKindModels, 4> kTopologyKinds{{
    {TopologySpec::Kind::FatTree, [](const Scenario& s) -> TopologyLayout { return make_fat_tree_layout(s); },
     analyse_fat_tree},
    {TopologySpec::Kind::RailOptimized,
     [](const Scenario& s) -> TopologyLayout { return make_fat_tree_layout(s); }, analyse_fat_tree},
    {TopologySpec::Kind::Dragonfly,
     [](const Scenario& s) -> TopologyLayout { return make_dragonfly_layout(s); }, analyse_dragonfly},
    {TopologySpec::Kind::Torus, [](const Scenario& s) -> TopologyLayout { return make_torus_layout(s); },
     analyse_torus},
}};

}  // namespace

const TopologyKindModels& topology_kind(TopologySpec::Kind kind) {
  for (const TopologyKindModels& row : kTopologyKinds) {
    if (row.kind == kind) return row;
  }
  // Every kind the loader accepts has a row; only a kind added to the enum and forgotten here
  // gets this far.
  throw std::logic_error("topology kind without a row in topologies/topology_kinds.cpp");
}

}  // namespace ppusim
