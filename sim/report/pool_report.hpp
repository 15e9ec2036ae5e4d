// The report's per-pool section (docs/report.md, "pools"): each node pool's jobs, allocated and
// busy utilization and queueing, derived from RunMetrics. Only for several pools.
#pragma once

#include <vector>

#include "sim/config/scenario.hpp"
#include "sim/metrics/run_metrics.hpp"
#include "sim/report/report.hpp"

namespace ppusim {

/// The pools section; empty when the scenario has one pool.
std::vector<ReportPool> pool_section(const Scenario& scenario, const RunMetrics& metrics);

}  // namespace ppusim
