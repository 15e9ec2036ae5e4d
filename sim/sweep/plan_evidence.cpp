#include "sim/sweep/plan_evidence.hpp"

#include <algorithm>
#include <cstdio>

namespace ppusim {

using json = nlohmann::json;

json summary_json(const MetricCell& cell) {
  if (!cell.summary) return {{"mean", nullptr}, {"ci95_low", nullptr}, {"ci95_high", nullptr}};
  const MeanWithInterval& s = *cell.summary;
  return {{"mean", s.mean},
          {"ci95_low", s.half_width ? json(s.lower()) : json(nullptr)},
          {"ci95_high", s.half_width ? json(s.upper()) : json(nullptr)}};
}

TargetVerdicts judge_targets(const SweepTable& table, std::size_t point,
                             const std::vector<PlanTarget>& targets, TargetRule rule) {
  TargetVerdicts verdicts;
  for (const PlanTarget& target : targets) {
    const auto metric = std::find(table.metrics.begin(), table.metrics.end(), target.pointer);
    const MetricCell& cell = table.cells[point][static_cast<std::size_t>(metric - table.metrics.begin())];
    json entry = summary_json(cell);
    bool met = false;  // a metric the runs do not have (null) meets nothing
    entry["judged"] = nullptr;
    if (cell.summary) {
      const double judged = target.judged_value(*cell.summary, rule);
      met = target.met_by(judged);
      entry["judged"] = judged;
    }
    entry["met"] = met;
    verdicts.targets[target.text] = entry;
    verdicts.passes = verdicts.passes && met;
  }
  return verdicts;
}

std::string monotonicity_warning(const PlanTarget& target, std::vector<JudgedPoint> points,
                                 const std::string& pointer) {
  std::sort(points.begin(), points.end(),
            [](const JudgedPoint& a, const JudgedPoint& b) { return a.value < b.value; });
  bool rises = false, falls = false;
  for (std::size_t i = 1; i < points.size(); ++i) {
    rises = rises || points[i].judged > points[i - 1].judged;
    falls = falls || points[i].judged < points[i - 1].judged;
  }
  if (!(rises && falls)) return "";
  std::string values;
  for (const JudgedPoint& point : points)
    values += (values.empty() ? "" : ", ") + std::to_string(point.value) + ": " + short_number(point.judged);
  return target.pointer + " is not monotone in " + pointer + " on the values tried (" + values +
         "): the search assumes it is, so the answer may not be the smallest value that passes; "
         "more --seeds, --rule ci, or a sweep over the range would show the trend";
}

std::string short_number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", value);
  return buffer;
}

std::string verdict_cell(const json& entry) {
  return (entry["judged"].is_null() ? "no value" : short_number(entry["judged"].get<double>())) +
         (entry["met"].get<bool>() ? " ok" : " FAIL");
}

}  // namespace ppusim
