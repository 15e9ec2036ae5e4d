// The HTML report's charts for tenants (docs/tenants.md), from the report's tenants
// section: queueing delay percentiles per tenant, each tenant's mean PPUs held with the part
// of them borrowed, and per tenant its quota usage over time against its guarantee.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "sim/report/report.hpp"

namespace ppusim {

/// No charts when the report has no tenants.
std::vector<nlohmann::json> tenant_charts(const Report& report);

}  // namespace ppusim
