// `ppusim plan growth SPEC.json` (docs/planning.md): simulates a window of every period of the
// plan for every strategy (growth_plan.hpp) with the sweep's process pool, prints the totals
// and the answer, and writes growth.csv, growth.json and growth.html.
#pragma once

#include <optional>
#include <ostream>
#include <string>

namespace ppusim {

struct GrowthOptions {
  std::string spec_path;
  int parallel = 1;
  std::optional<std::string> output_dir;  // default: out/growth-<spec file stem>
  bool quiet = false;
};

/// Returns 0 when a strategy meets every target in every period, 1 when none does;
/// InputError (exit 2) for bad input, before any run.
int plan_growth(const GrowthOptions& options, std::ostream& out, std::ostream& err);

}  // namespace ppusim
