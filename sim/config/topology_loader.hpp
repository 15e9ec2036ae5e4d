// Reading the scenario's `topology` block (docs/config.md, docs/topologies.md): one reader per
// kind, each of which checks that its parameters can form the network and derives the common
// node → leaf group → pod hierarchy (TopologySpec) that the rest of the program reads.
#pragma once

#include "sim/config/scenario.hpp"
#include "sim/core/json_reader.hpp"

namespace ppusim {

TopologySpec read_topology(JsonReader r, const ClusterSpec& cluster, const NodeSpec& node);

}  // namespace ppusim
