// The human summary printed on stdout after a run, read from the report itself so that the
// table and the JSON can never disagree.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace ppusim {

std::string format_summary_table(const nlohmann::json& report);

/// The time series as CSV: one row per bin, the columns of report["time_series"].
std::string format_time_series_csv(const nlohmann::json& report);

}  // namespace ppusim
