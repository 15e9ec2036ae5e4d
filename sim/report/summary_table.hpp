// The human summary printed on stdout after a run, read from the typed report that report.json
// is written from, so that the table and the file can never disagree.
#pragma once

#include <string>
#include <vector>

#include "sim/report/report.hpp"

namespace ppusim {

std::string format_summary_table(const Report& report);

/// The time series as CSV (time_series.csv): one row per bin, start_s then the report's
/// columns, numbers in full precision.
std::string format_time_series_csv(const ReportTimeSeries& series);
/// tenants_time_series.csv (docs/report.md): one row per tenant and time bin, its mean
/// allocated PPUs over the bin and its guaranteed PPUs.
std::string format_tenant_time_series_csv(const ReportTimeSeries& series,
                                          const std::vector<ReportTenant>& tenants);

}  // namespace ppusim
