// Each topology kind's models, registered once: the layout the simulation runs on and the
// analysis of its physical graph for `ppusim topology`. Its name is registered in
// sim/config/extension_names.hpp (kTopologyKindNames), its block read in
// sim/config/topology_loader.cpp; everything else reaches the kind through its row here.
#pragma once

#include <optional>

#include "sim/config/scenario.hpp"
#include "topologies/topology_analysis.hpp"
#include "topologies/topology_layout.hpp"

namespace ppusim {

struct TopologyKindModels {
  TopologySpec::Kind kind;
  /// The kind's layout type (fat_tree_layout.hpp, dragonfly_layout.hpp, torus_layout.hpp),
  /// seen through the common part the simulation reads.
  TopologyLayout (*layout)(const Scenario& scenario);
  /// Builds the kind's switches and cables and analyses them; `switch_radix` overrides the
  /// ports per switch where the kind has a choice (InputError where it has none).
  TopologyAnalysis (*analyse)(const Scenario& scenario, std::optional<int> switch_radix,
                              const AnalysisOptions& options);
};

/// The row of `kind`.
const TopologyKindModels& topology_kind(TopologySpec::Kind kind);

}  // namespace ppusim
