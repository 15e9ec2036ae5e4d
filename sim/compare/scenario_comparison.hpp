// Scenarios side by side: the figures a planner compares (setup time, utilization, effective
// training time, cost per delivered PF-day and its breakdown), taken from each scenario's
// report, and what makes each scenario's cost per PF-day differ from the first one's.
//
// Cost per delivered PF-day factors exactly into
//     $/PF-day = ($ per available PPU-hour) · 24 / (peak PF/s per PPU · delivered utilization)
// so its ratio between two scenarios is the product of three ratios: price of capacity, the
// PPU's peak, and the utilization delivered. Each is reported, the largest named the main cause.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/report/report.hpp"

namespace ppusim {

/// compare.json's schema (docs/report.md, "compare.json"). 2: `busy_share_of_allocated` is
/// busy over allocated PPU-time (was `effective_training_time_ratio`), and
/// `effective_training_time_ratio` is run's ratio, as in report.json (was `ettr_with_failures`).
constexpr int kComparisonSchemaVersion = 2;

struct ComparedScenario {
  std::string path;
  Report report;
};

/// The comparison document (compare.json): one entry per scenario, then the differences of
/// each from the first.
nlohmann::json compare_reports(const std::vector<ComparedScenario>& scenarios);

/// The side-by-side table for people (rows: figures, columns: scenarios).
std::string format_comparison_table(const nlohmann::json& comparison);

/// The same figures as CSV: one row per scenario.
std::string format_comparison_csv(const nlohmann::json& comparison);

}  // namespace ppusim
