// The comparison behind `ppusim check`: each metric of the tolerance file, read from the
// baseline and from the report, judged by the tolerance rule (MetricTolerance::allowed_change).
// No printing here: sim/gate/check_text.hpp and sim/gate/junit_writer.hpp present the results.
#pragma once

#include <optional>
#include <vector>

#include "sim/gate/baseline.hpp"
#include "sim/gate/tolerances.hpp"

namespace ppusim {

enum class Verdict {
  Unchanged,  // same value, or null in both
  Within,     // moved the worse way (either way for "both"), by no more than the tolerance
  Improved,   // moved the good way, by any amount
  Appeared,   // null in the baseline, a number now (not for "both"): nothing to regress from
  Regressed,  // moved the worse way by more than the tolerance, or became null
  Changed,    // "both": moved either way by more than the tolerance, or null on one side only
};

/// The word the table and the JUnit file use: "unchanged", "within", "improved", "appeared",
/// "REGRESSED", "CHANGED" (failures in capitals, so they stand out in a CI log).
const char* verdict_name(Verdict verdict);

struct MetricResult {
  MetricTolerance tolerance;
  std::optional<double> baseline;  // nullopt: null in the baseline
  std::optional<double> current;   // nullopt: null in the report
  Verdict verdict = Verdict::Unchanged;

  bool failed() const { return verdict == Verdict::Regressed || verdict == Verdict::Changed; }
  /// current − baseline; nullopt when either is null.
  std::optional<double> change() const;
  /// change / |baseline|; nullopt when either is null or the baseline is 0.
  std::optional<double> relative_change() const;
  /// The tolerance around this baseline (MetricTolerance::allowed_change; 0 for a null one).
  double allowed() const;
  /// Better by more than the tolerance: the gain is real, and the baseline could be updated
  /// to keep it (docs/ci.md).
  bool improved_beyond_tolerance() const;
};

/// Judges one metric. A null value (a ratio whose denominator was 0, such as the cost per
/// delivered PF-day of a run that delivered nothing) is handled explicitly:
///   number → null  fails: the quantity stopped existing, which for every nullable report
///                  field means the run delivered or allocated nothing;
///   null → number  passes (Appeared) unless the direction is "both";
///   null → null    is Unchanged.
MetricResult compare_metric(const MetricTolerance& tolerance, std::optional<double> baseline,
                            std::optional<double> current);

/// Reads every metric of `tolerances` from both reports and judges it, in the tolerance
/// file's (sorted) order. Throws InputError for bad input, naming the file and JSON path:
/// a metric the baseline does not have (with the closest existing one as a hint), a metric
/// the report lacks, a value that is neither a number nor null.
std::vector<MetricResult> check_metrics(const ToleranceSet& tolerances, const ReportInput& baseline,
                                        const ReportInput& report);

}  // namespace ppusim
