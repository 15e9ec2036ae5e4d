// The analysis of a scenario's network, whatever its kind (`ppusim topology`): the physical
// graph and the analysis of its kind's row in topology_kinds.hpp.
#pragma once

#include <optional>

#include "sim/config/scenario.hpp"
#include "topologies/topology_analysis.hpp"

namespace ppusim {

/// Builds the scenario's switches and cables and analyses them. `switch_radix` overrides the
/// ports per switch of a fat-tree or rail-optimized fabric; for a dragonfly or a torus, whose
/// routers have the ports their wiring needs, it is bad input (InputError).
TopologyAnalysis analyse_scenario_topology(const Scenario& scenario, std::optional<int> switch_radix,
                                           const AnalysisOptions& options);

}  // namespace ppusim
