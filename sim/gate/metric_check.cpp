#include "sim/gate/metric_check.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "sim/core/input_error.hpp"
#include "sim/core/json_reader.hpp"
#include "sim/report/report_metrics.hpp"

namespace ppusim {

using nlohmann::json;

const char* verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::Unchanged:
      return "unchanged";
    case Verdict::Within:
      return "within";
    case Verdict::Improved:
      return "improved";
    case Verdict::Appeared:
      return "appeared";
    case Verdict::Regressed:
      return "REGRESSED";
    case Verdict::Changed:
      return "CHANGED";
  }
  return "unknown";
}

std::optional<double> MetricResult::change() const {
  if (!baseline || !current) return std::nullopt;
  return *current - *baseline;
}

std::optional<double> MetricResult::relative_change() const {
  if (!baseline || !current || *baseline == 0) return std::nullopt;
  return (*current - *baseline) / std::fabs(*baseline);
}

double MetricResult::allowed() const { return tolerance.allowed_change(baseline.value_or(0.0)); }

bool MetricResult::improved_beyond_tolerance() const {
  const auto delta = change();
  return verdict == Verdict::Improved && delta && std::fabs(*delta) > allowed();
}

MetricResult compare_metric(const MetricTolerance& tolerance, std::optional<double> baseline,
                            std::optional<double> current) {
  MetricResult result{tolerance, baseline, current, Verdict::Unchanged};
  const bool both = tolerance.direction == Direction::Both;
  if (!baseline || !current) {
    if (!baseline && !current) {
      result.verdict = Verdict::Unchanged;
    } else if (!current) {
      result.verdict = both ? Verdict::Changed : Verdict::Regressed;
    } else {
      result.verdict = both ? Verdict::Changed : Verdict::Appeared;
    }
    return result;
  }
  const double delta = *current - *baseline;
  if (delta == 0) return result;
  // The change measured in the worse direction: positive is worse. "both" counts any move.
  const double worse = tolerance.direction == Direction::HigherIsWorse  ? delta
                       : tolerance.direction == Direction::LowerIsWorse ? -delta
                                                                        : std::fabs(delta);
  if (worse < 0) {
    result.verdict = Verdict::Improved;
  } else if (worse > result.allowed()) {
    result.verdict = both ? Verdict::Changed : Verdict::Regressed;
  } else {
    result.verdict = Verdict::Within;
  }
  return result;
}

namespace {

/// The value at `pointer`, or nullptr when there is none (a missing key, an index past the
/// end, a key into a number).
const json* find(const json& document, const std::string& pointer) {
  try {
    return &document.at(json::json_pointer(pointer));
  } catch (const json::exception&) {
    return nullptr;
  }
}

std::optional<double> as_metric(const json& value) {
  if (value.is_null()) return std::nullopt;
  return value.get<double>();
}

bool is_metric(const json& value) { return value.is_number() || value.is_null(); }

std::string quoted(const std::string& text) { return "\"" + text + "\""; }

/// Throws for a tolerance naming something that is not a metric of the baseline.
[[noreturn]] void fail_unknown_metric(const ToleranceSet& tolerances, const MetricTolerance& tolerance,
                                      const ReportInput& baseline, const json* found) {
  std::string message = "unknown metric " + quoted(tolerance.pointer) + ": ";
  if (found == nullptr) {
    message += baseline.source + " has no such field";
    const std::vector<std::string> closest = closest_metric_pointers(baseline.metrics, tolerance.pointer, 1);
    if (!closest.empty()) message += "; did you mean " + quoted(closest.front()) + "?";
  } else if (found->is_object()) {
    message += "an object in " + baseline.source + ", expected a number or null" +
               metrics_under(*found, tolerance.pointer);
  } else {
    message += baseline.source + " has " + JsonReader::describe_value(*found, true) +
               " there, expected a number or null";
  }
  throw InputError(tolerances.source + ": " + tolerance.entry_path + ": " + message);
}

}  // namespace

std::vector<MetricResult> check_metrics(const ToleranceSet& tolerances, const ReportInput& baseline,
                                        const ReportInput& report) {
  std::vector<MetricResult> results;
  for (const MetricTolerance& tolerance : tolerances.metrics) {
    // The baseline decides what a known metric is: the tolerance file is checked against it,
    // and only then is the report expected to have the same field.
    const json* reference = find(baseline.metrics, tolerance.pointer);
    if (reference == nullptr || !is_metric(*reference)) {
      fail_unknown_metric(tolerances, tolerance, baseline, reference);
    }

    const json* value = find(report.metrics, tolerance.pointer);
    const std::string where = report.source + ": " + report.prefix + tolerance.pointer + ": ";
    if (value == nullptr) {
      throw InputError(where + "missing, expected a number or null (" + baseline.source +
                       " has it; was the report written by another ppusim version?)");
    }
    if (!is_metric(*value)) {
      throw InputError(where + "found " + JsonReader::describe_value(*value, true) +
                       ", expected a number or null");
    }
    results.push_back(compare_metric(tolerance, as_metric(*reference), as_metric(*value)));
  }
  return results;
}

}  // namespace ppusim
