// What `ppusim plan growth` writes (docs/planning.md, "Output"): growth.csv (one row per
// strategy and period), growth.json (the spec's inputs, every cell, the totals and the answer),
// growth.html (charts over time, Chart.js inlined as in the other HTML pages), and the text
// table it prints.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "sim/sweep/growth_plan.hpp"

namespace ppusim {

std::string growth_csv(const GrowthSpec& spec, const GrowthPlan& plan);
nlohmann::json growth_json(const GrowthSpec& spec, const GrowthPlan& plan);
std::string growth_html(const GrowthSpec& spec, const GrowthPlan& plan);
/// The per-strategy totals and the answer, as printed.
std::string growth_summary_text(const GrowthSpec& spec, const GrowthPlan& plan);

}  // namespace ppusim
