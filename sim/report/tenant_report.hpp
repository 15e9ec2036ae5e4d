// The report's per-tenant section (docs/report.md, "tenants"): each tenant's jobs, waits,
// allocated PPU-time, borrowing, preemptions and chargeback, derived from RunMetrics.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/config/scenario.hpp"
#include "sim/metrics/run_metrics.hpp"
#include "sim/report/report.hpp"

namespace ppusim {

/// Splits `total_usd` in proportion to `allocated_ppu_s` (or, when nothing was allocated, to
/// `fallback_weights`), in whole cents that sum exactly to the total rounded to the cent:
/// each part gets the floor of its exact share, and the cents left go one each to the parts
/// with the largest remainders (ties: the earlier part). Hamilton's largest-remainder method.
std::vector<std::int64_t> chargeback_cents(double total_usd, const std::vector<double>& allocated_ppu_s,
                                           const std::vector<double>& fallback_weights);

/// The tenants section; empty when the scenario has no tenants. `total_usd` is the run's cost.
std::vector<ReportTenant> tenant_section(const Scenario& scenario, const RunMetrics& metrics,
                                         double total_usd);

}  // namespace ppusim
