// The tolerance file of `ppusim check`: which report metrics a CI gate watches, which way each
// one gets worse, and how much worse it may get (docs/ci.md, "The tolerance file").
//
//   {"schema_version": 1,
//    "metrics": {"/utilization/busy": {"direction": "lower-is-worse", "relative": 0.02},
//                "/jobs/queueing_delay_s/p90": {"direction": "higher-is-worse",
//                                               "absolute": 60, "relative": 0.1}}}
//
// The rule, and why it is "more than both bounds", is in allowed_change() below.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

namespace ppusim {

constexpr int kToleranceSchemaVersion = 1;

/// Which way a metric gets worse. A change the other way never fails, except with Both, for
/// quantities that must not move at all (the work a fixed trace holds, say).
enum class Direction { HigherIsWorse, LowerIsWorse, Both };

/// "higher-is-worse", "lower-is-worse", "both": the spelling of the tolerance file.
const char* direction_name(Direction direction);

struct MetricTolerance {
  std::string pointer;     // JSON pointer into report.json: "/utilization/busy"
  std::string entry_path;  // JSON pointer of this entry in the tolerance file, for messages
  Direction direction = Direction::HigherIsWorse;
  std::optional<double> absolute;  // in the metric's own unit
  std::optional<double> relative;  // a fraction of the baseline's magnitude: 0.02 is 2 %
  std::string note;                // why the gate watches it; shown with a failure

  /// The largest change in the worse direction that still passes:
  /// max(absolute, relative · |baseline|), an absent bound counting as 0. A change is a
  /// regression when it is worse by more than this, i.e. by more than the absolute AND more
  /// than the relative tolerance. Each bound covers the range where the other one misleads:
  /// relative alone fails on noise when the baseline is near 0 (a p50 queueing delay of 0 s
  /// becoming 3 s is "+infinity %"); absolute alone is meaningless across scales (60 s on a
  /// 10-hour p90). Same convention as Python's math.isclose and pytest.approx.
  double allowed_change(double baseline) const;
};

struct ToleranceSet {
  std::string source;                    // the file, for messages
  std::vector<MetricTolerance> metrics;  // sorted by pointer (JSON objects are unordered)
};

/// Reads and checks a tolerance file. Throws InputError naming the file and JSON path.
ToleranceSet load_tolerances(const std::string& path);

/// The same from parsed JSON; `source` prefixes the messages.
ToleranceSet parse_tolerances(const nlohmann::json& document, const std::string& source);

}  // namespace ppusim
