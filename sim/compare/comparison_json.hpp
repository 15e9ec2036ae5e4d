// compare.json: the comparison (scenario_comparison.hpp) as a file, the one place that names
// its keys (docs/report.md, "compare.json").
#pragma once

#include <nlohmann/json.hpp>

#include "sim/compare/scenario_comparison.hpp"

namespace ppusim {

nlohmann::json comparison_to_json(const Comparison& comparison);

}  // namespace ppusim
