// The human summary printed on stdout after a run, read from the typed report that report.json
// is written from, so that the table and the file can never disagree.
#pragma once

#include <string>

#include "sim/report/report.hpp"

namespace ppusim {

std::string format_summary_table(const Report& report);

/// The time series as CSV (time_series.csv): one row per bin, start_s then the report's
/// columns, numbers in full precision.
std::string format_time_series_csv(const ReportTimeSeries& series);

}  // namespace ppusim
