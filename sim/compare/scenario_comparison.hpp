// Scenarios side by side: the figures a planner compares (setup time, utilization, effective
// training time, cost per delivered PF-day and its breakdown), taken from each scenario's
// report, and what makes each scenario's cost per PF-day differ from the first one's.
//
// Cost per delivered PF-day factors exactly into
//     $/PF-day = ($ per available PPU-hour) · 24 / (peak PF/s per PPU · delivered utilization)
// so its ratio between two scenarios is the product of three ratios: price of capacity, the
// PPU's peak, and the utilization delivered. Each is reported, the largest named the main cause.
//
// The comparison is one typed value, built once from the typed reports (compare_reports); its
// file (comparison_json.hpp), its table and CSV (comparison_text.hpp) and its page
// (compare_html.hpp) all read it. A figure the report has is read from the report as it is, so
// it has the report's one definition; the few figures compare derives are defined here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/report/cost_items.hpp"
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

/// Job interruptions over the window by the causes of the report's failures timeline: the sums
/// of time_series.interruptions_* over its bins.
struct InterruptionsByCause {
  long long hardware = 0;
  long long network = 0;
  long long preemption = 0;
};

/// One scenario of the comparison: its report as it is, and what compare derives from it.
struct ScenarioFigures {
  std::string path;
  Report report;
  /// Computing PPU-time over allocated PPU-time, utilization.busy / utilization.allocated; none
  /// when nothing was allocated. Not the effective training time ratio: that is the report's
  /// failures.effective_training_time_ratio (one name per definition, issue #16).
  std::optional<double> busy_share_of_allocated;
  /// Peak PF/s per PPU implied by the delivered work and utilization, for the factorisation:
  /// delivered PF-days · 24 / (PPUs · window in hours · delivered utilization); none when
  /// nothing was delivered.
  std::optional<double> peak_pflops_per_ppu;
  InterruptionsByCause interruptions_by_cause;
};

/// The three factors of a ratio of cost per PF-day; none where a ratio is not finite.
enum class CostFactor { kPricePerAvailablePpuHour, kPeakPerPpuInverse, kDeliveredUtilizationInverse };

struct CostFactors {
  std::optional<double> price_per_available_ppu_hour;   // other / base
  std::optional<double> peak_per_ppu_inverse;           // base / other
  std::optional<double> delivered_utilization_inverse;  // base / other
  std::optional<double> of(CostFactor factor) const;
};

/// A scenario against the first one.
struct ScenarioDifference {
  std::string name;                                // the scenario's
  std::string versus;                              // the first scenario's
  std::optional<double> cost_per_pflop_day_ratio;  // other / base
  CostFactors factors;
  /// The factor furthest from 1 on a log scale; none when every factor is 1 or unknown.
  std::optional<CostFactor> main_cause;
  /// Each cost item of the scenario minus the first scenario's (0 where it has none).
  std::vector<CostItem> breakdown_change_usd;
};

struct Comparison {
  std::vector<ScenarioFigures> scenarios;
  std::vector<ScenarioDifference> differences;  // scenario i + 1 against scenario 0
};

Comparison compare_reports(const std::vector<ComparedScenario>& scenarios);

/// The factors in the order in which the first of equally strong ones is the main cause.
constexpr CostFactor kCostFactors[] = {CostFactor::kDeliveredUtilizationInverse,
                                       CostFactor::kPeakPerPpuInverse, CostFactor::kPricePerAvailablePpuHour};

/// A factor's name in compare.json: "price_per_available_ppu_hour", …
const char* cost_factor_key(CostFactor factor);

/// A factor in words, for pages and the terminal (issue #16): "price of capacity", …; "none"
/// for no main cause.
std::string cost_factor_label(const std::optional<CostFactor>& factor);

/// cost_breakdown_items or cost_spent_on_items (sim/report/cost_items.hpp).
using CostItemsOf = std::vector<CostItem> (*)(const ReportCost&);

/// The items that at least one scenario lists, in their order (storage only when a scenario
/// prices its storage).
std::vector<const char*> cost_items_listed(const Comparison& comparison, CostItemsOf items_of);

/// The USD of item `key` of a scenario's cost, 0 when it does not list the item.
double cost_item_usd(const ReportCost& cost, CostItemsOf items_of, const char* key);

/// The cost items in words, for the table and the page: "capex: compute", …
std::string cost_item_label(const char* key);

}  // namespace ppusim
