// The result of a sweep: per grid point and metric, the mean across seeds and its 95%
// confidence interval (confidence_interval.hpp), as CSV, JSON and a printed table. Built from
// the runs' report.json files only, so a sweep run in one go and the merge of its shards give
// the same bytes.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sim/report/report.hpp"
#include "sim/sweep/confidence_interval.hpp"
#include "sim/sweep/sweep_grid.hpp"

namespace ppusim {

struct MetricCell {
  std::vector<std::optional<double>> per_seed;  // null where the report has null (e.g. no job finished)
  std::optional<MeanWithInterval> summary;      // over the non-null values; absent if none
};

struct SweepTable {
  std::vector<std::string> parameters;  // the swept pointers, in grid order
  std::vector<std::string> metrics;     // the report pointers summarised
  std::vector<std::uint64_t> seeds;
  std::vector<SweepPoint> points;
  std::vector<std::vector<MetricCell>> cells;  // [point][metric]
};

/// `report_of(run)` gives a run's report (read_run_report). Metrics: the spec's, each required in every
/// report (InputError naming the run and pointer otherwise); or the defaults that every
/// report has.
SweepTable build_sweep_table(const SweepSpec& spec, const std::vector<SweepPoint>& points,
                             const std::vector<SweepRun>& runs,
                             const std::function<Report(const SweepRun&)>& report_of);

std::string format_sweep_csv(const SweepTable& table);
nlohmann::json sweep_table_json(const SweepTable& table);
/// For the terminal: one row per point, "mean ± half-width" per metric.
std::string format_sweep_text(const SweepTable& table);

}  // namespace ppusim
