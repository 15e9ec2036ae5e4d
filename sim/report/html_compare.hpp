// The HTML page of `ppusim compare` (compare.html, docs/html-report.md): the scenarios side by
// side as a table, with bar charts of cost per delivered PF-day, utilization, setup time and
// the cost breakdowns, all from compare.json.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace ppusim {

/// The page for a comparison document (compare_reports(), sim/compare/scenario_comparison.hpp).
/// Deterministic: the same comparison gives the same bytes.
std::string render_compare_html(const nlohmann::json& comparison);

}  // namespace ppusim
