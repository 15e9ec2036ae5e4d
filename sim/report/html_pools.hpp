// The HTML report's chart for node pools (docs/config.md, "Node pools"), from the report's
// pools section: each pool's allocated and busy utilization.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "sim/report/report.hpp"

namespace ppusim {

/// No chart when the report has no pools section (a one-pool cluster).
std::vector<nlohmann::json> pool_charts(const Report& report);

}  // namespace ppusim
