// report.json: the typed report (report.hpp) as a JSON document and back, the one place that
// names its keys (docs/report.md). nlohmann::json keeps object keys sorted, so the bytes depend only on
// the values.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "sim/report/cost_items.hpp"
#include "sim/report/report.hpp"

namespace ppusim {

nlohmann::json report_to_json(const Report& report);

/// The inverse, for a report that comes back as JSON (compare's runs, each in a child process;
/// a report.json read from disk by `report html`, `check`, sweeps and plans):
/// report_to_json(report_from_json(j)) == j. Reads this ppusim's schema and schema 1 (without
/// the sections it may lack: Report::sections). A missing or mistyped field, or another
/// schema, throws InputError naming `source` and the JSON path (under `path`, the report's
/// place in its file: "/report" in a CI baseline).
Report report_from_json(const nlohmann::json& document, const std::string& source = "report.json",
                        const std::string& path = "");

/// A distribution as report.json writes it: count, mean, p50, p90, p99, max.
nlohmann::json distribution_to_json(const Distribution& distribution);

/// Cost items (cost_items.hpp) as one JSON object, item name to USD: the cost section's
/// "breakdown_usd" and "spent_on_usd", which compare.json repeats under the same names.
nlohmann::json cost_items_to_json(const std::vector<CostItem>& items);

/// The "time_series" section (also written alone, for the partial time series).
nlohmann::json time_series_to_json(const ReportTimeSeries& series);

}  // namespace ppusim
