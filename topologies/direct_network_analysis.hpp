// Structural metrics of a dragonfly or a 3D torus (physical_direct_network.hpp), in the same
// TopologyAnalysis as the fat-tree so that `ppusim topology` prints and writes every kind
// alike. Definitions: docs/topologies.md.
#pragma once

#include "topologies/physical_direct_network.hpp"
#include "topologies/topology_analysis.hpp"

namespace ppusim {

TopologyAnalysis analyse_direct_network(const PhysicalDirectNetwork& network, const Scenario& scenario,
                                        const AnalysisOptions& options = {});

}  // namespace ppusim
