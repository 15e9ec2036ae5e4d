// The comparison (scenario_comparison.hpp) for people and for spreadsheets: the side-by-side
// table `ppusim compare` prints, and compare.csv.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "sim/compare/scenario_comparison.hpp"

namespace ppusim {

/// The side-by-side table for people (rows: figures, columns: scenarios), numbers in the
/// formats of sim/report/number_format.hpp, then one line per difference.
std::string format_comparison_table(const Comparison& comparison);

/// A row of p50 / p90 pairs, one cell per scenario, all in the one unit that the row's largest
/// value calls for ("2.0 / 4.7 | 65.0 / 65.4 min", not a unit per cell; issue #16).
struct DurationRow {
  std::string unit;                // "min"
  std::vector<std::string> cells;  // "2.0 / 4.7", one per scenario
};
DurationRow p50_p90_row(const Comparison& comparison,
                        const std::function<Distribution(const ScenarioFigures&)>& distribution_of);

/// The same figures as CSV: one row per scenario, numbers as compare.json writes them.
std::string format_comparison_csv(const Comparison& comparison);

}  // namespace ppusim
