// report.json: the typed report (report.hpp) as a JSON document and back, the one place that
// names its keys (docs/report.md). nlohmann::json keeps object keys sorted, so the bytes depend only on
// the values.
#pragma once

#include <nlohmann/json.hpp>

#include "sim/report/report.hpp"

namespace ppusim {

nlohmann::json report_to_json(const Report& report);

/// The inverse, for a report that comes back as JSON (compare's runs, each in a child process):
/// report_to_json(report_from_json(j)) == j. Only this ppusim's schema; a missing field throws
/// (nlohmann::json::exception), a report of another schema std::runtime_error.
Report report_from_json(const nlohmann::json& document);

/// A distribution as report.json writes it: count, mean, p50, p90, p99, max.
nlohmann::json distribution_to_json(const Distribution& distribution);

/// The "time_series" section (also written alone, for the partial time series).
nlohmann::json time_series_to_json(const ReportTimeSeries& series);

}  // namespace ppusim
