// The HTML report's charts for inference services (docs/inference.md), from the report's
// services: latency percentiles per service and serving replicas over time.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "sim/report/report.hpp"

namespace ppusim {

/// No charts when the report has no services.
std::vector<nlohmann::json> service_charts(const Report& report);

}  // namespace ppusim
