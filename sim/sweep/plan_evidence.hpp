// How `ppusim plan` judges a candidate's runs against its targets, and how the evidence is
// printed: shared by the smallest-cluster search and the cheapest-candidate choice.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/sweep/plan_target.hpp"
#include "sim/sweep/sweep_table.hpp"

namespace ppusim {

struct TargetVerdicts {
  bool passes = true;
  /// Per target text: mean, ci95_low, ci95_high, judged (null when no run had a value), met.
  nlohmann::json targets = nlohmann::json::object();
};

/// Judges `point` of `table` (whose metrics include every target's pointer) with `rule`. A
/// target that no run gave a value for (null) is not met.
TargetVerdicts judge_targets(const SweepTable& table, std::size_t point,
                             const std::vector<PlanTarget>& targets, TargetRule rule);

/// The summary of one metric of one point: {"mean", "ci95_low", "ci95_high"}, null where absent.
nlohmann::json summary_json(const MetricCell& cell);

/// A target's cell in the printed evidence: "3600 FAIL", "0 ok", "no value FAIL".
std::string verdict_cell(const nlohmann::json& entry);

/// The judged value of one target at one value of the varied field.
struct JudgedPoint {
  std::int64_t value = 0;
  double judged = 0;
};

/// The bisection assumes a target's metric moves one way as the field grows. When the values
/// it judged, in the order of the field, go up and down (noise between seeds, a metric that
/// is not monotone), says so: "/cost/total_usd is not monotone in /workload/generator/jobs
/// on the values tried (13417: 300.6, 13422: 310.5, 13426: 308): ...". Empty when it is.
std::string monotonicity_warning(const PlanTarget& target, std::vector<JudgedPoint> points,
                                 const std::string& pointer);

/// "%.4g": numbers as the evidence tables print them.
std::string short_number(double value);

}  // namespace ppusim
