// A target a plan must meet: a number in report.json compared with a bound, written as
// "/jobs/queueing_delay_s/p90<=3600" or "/utilization/allocated>=0.6" (docs/sweeps.md).
//
// Across seeds a target is judged on the mean, or, with the interval rule, on the pessimistic
// end of the mean's 95% confidence interval: the upper end for an upper bound (<=, <), the
// lower end for a lower bound (>=, >). The interval rule asks the evidence, not just the
// average, to be on the right side.
#pragma once

#include <string>
#include <vector>

#include "sim/sweep/confidence_interval.hpp"

namespace ppusim {

enum class TargetRule { Mean, ConfidenceBound };

struct PlanTarget {
  std::string text;        // as written
  std::string pointer;     // into report.json
  std::string comparison;  // "<=", "<", ">=", ">"
  double bound = 0;

  bool is_upper_bound() const { return comparison[0] == '<'; }
  /// The value the rule judges: the mean, or the pessimistic end of its interval.
  double judged_value(const MeanWithInterval& summary, TargetRule rule) const;
  bool met_by(double value) const;
};

/// InputError naming the text and what was expected.
PlanTarget parse_plan_target(const std::string& text);

class JsonReader;

/// The spec's required "targets": a non-empty list of target texts. `paths` gets each one's
/// "spec.json: /targets/i", for messages. InputError naming the JSON path.
std::vector<PlanTarget> read_plan_targets(JsonReader& reader, std::vector<std::string>& paths);

}  // namespace ppusim
