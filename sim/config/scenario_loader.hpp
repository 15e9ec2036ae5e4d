// Reading a scenario file: JSON with unit-carrying field names in, a validated Scenario in SI
// units out (docs/config.md describes every field).
//
// Validation is complete and strict: wrong types, out-of-range values, unknown or duplicate
// keys, and inconsistent combinations (a PPU count that is not a whole number of nodes, a
// 3-tier fat-tree without pod size, ...) all throw InputError with a message naming the file,
// the JSON path and what was expected. Nothing downstream needs to re-check the Scenario.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "sim/config/scenario.hpp"

namespace ppusim {

/// Validates an already parsed document. `source_path` names the document in messages, and
/// its folder is where a relative workload trace path is resolved from.
Scenario parse_scenario(const nlohmann::json& document, const std::string& source_path);

/// Reads, parses and validates a scenario file. A missing or unreadable file, an empty file
/// and invalid JSON (reported with line and column) are InputErrors too.
Scenario load_scenario(const std::string& path);

}  // namespace ppusim
