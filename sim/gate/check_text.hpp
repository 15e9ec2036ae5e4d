// How `ppusim check` shows its results to people: the diff table on standard output, and one
// sentence per metric (used in the JUnit file too). Presentation only; the judging is in
// sim/gate/metric_check.hpp.
#pragma once

#include <string>
#include <vector>

#include "sim/gate/metric_check.hpp"

namespace ppusim {

/// The table, one row per metric, then a result line:
///
///   metric                      baseline    current  change  change %  tolerance                 verdict
///   /jobs/queueing_delay_s/p90  1448.46     2048.46  +600    +41.42 %  +144.8 (abs 60, rel 10 %)  REGRESSED
///   ...
///   result: FAIL, 1 of 12 metrics out of tolerance: /jobs/queueing_delay_s/p90
///
/// The tolerance column is the largest allowed change with its sign: "+" a rise may go that
/// far, "-" a fall, "+/-" either. Values are rounded to 7 significant digits; explain() has
/// them in full.
std::string format_check_table(const std::vector<MetricResult>& results);

/// One sentence with the numbers in full: what moved, by how much, against which tolerance.
std::string explain(const MetricResult& result);

/// "+144.8 (abs 60, rel 10 %)": the tolerance column of the table.
std::string describe_tolerance(const MetricResult& result);

}  // namespace ppusim
