// Metrics of report.json named by JSON pointers (sweep metrics, plan targets, CI tolerances):
// which pointers name a number, and which are close to a misspelled one.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace ppusim {

/// The pointers (below `pointer`) of every number or null under `value`, through objects only:
/// arrays are time series, whose elements are no sensible suggestion.
void collect_metric_pointers(const nlohmann::json& value, const std::string& pointer,
                             std::vector<std::string>& out);

/// "; the metrics under it are /a/b, /a/c, ..." (the first six) for an object at `pointer`;
/// empty when there are none.
std::string metrics_under(const nlohmann::json& value, const std::string& pointer);

/// Why `pointer` does not name a metric (a number, or null) of `report`, or nothing when it
/// does. `report` is a run's report or a report_skeleton(): an index into an array is taken on
/// trust where the array is shorter (a time series grows with the run).
std::optional<std::string> metric_pointer_problem(const nlohmann::json& report, const std::string& pointer);

/// Up to `count` metrics of `report` closest to `pointer` (edit distance), closest first; only
/// those within a third of the pointer's length, so that a wild guess suggests nothing.
std::vector<std::string> closest_metric_pointers(const nlohmann::json& report, const std::string& pointer,
                                                 std::size_t count);

}  // namespace ppusim
