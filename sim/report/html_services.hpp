// The HTML report's charts for inference services (docs/inference.md), from report.json's
// "services" section: latency percentiles per service and serving replicas over time.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

namespace ppusim {

/// No charts when the report has no services.
std::vector<nlohmann::json> service_charts(const nlohmann::json& report);

}  // namespace ppusim
