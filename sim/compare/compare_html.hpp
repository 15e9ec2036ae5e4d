// The HTML page of `ppusim compare` (compare.html, docs/html-report.md): the scenarios side by
// side as a table, with bar charts of cost per delivered PF-day, utilization, setup time, the
// cost breakdowns and the interruptions, all read from the typed comparison.
#pragma once

#include <string>

#include "sim/compare/scenario_comparison.hpp"

namespace ppusim {

/// The page for a comparison (compare_reports()). Deterministic: the same comparison gives the
/// same bytes.
std::string render_compare_html(const Comparison& comparison);

}  // namespace ppusim
