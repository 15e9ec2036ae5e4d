// Reads and checks the scenario's optional "services" array (docs/inference.md, docs/config.md).
#pragma once

#include <vector>

#include "sim/config/scenario.hpp"
#include "sim/core/json_reader.hpp"
#include "sim/inference/service_spec.hpp"

namespace ppusim {

/// Reads root's "services" (absent: none). `scenario` must already hold the PPU, node and
/// simulation blocks: a replica must fit in a node, its weights in its HBM, and a scenario with
/// services needs a horizon (replicas serve until it). Throws InputError naming the JSON path.
std::vector<ServiceSpec> read_services(JsonReader& root, const Scenario& scenario);

}  // namespace ppusim
