// `ppusim plan growth SPEC.json` (docs/planning.md): simulates a window of every period of the
// plan for every strategy (growth_plan.hpp) with the sweep's process pool, prints the totals
// and the answer, and writes growth.csv, growth.json and growth.html.
#pragma once

#include <ostream>

#include "sim/cli/command_registry.hpp"
#include "sim/cli/common_options.hpp"

namespace ppusim {

/// The spec, and where the windows go (default: out/growth-<spec file stem>).
using GrowthOptions = SpecRunOptions;

/// Returns 0 when a strategy meets every target in every period, 1 when none does;
/// InputError (exit 2) for bad input, before any run.
int plan_growth(const GrowthOptions& options, std::ostream& out, std::ostream& err);

/// `plan growth`, under `plan`.
void add_plan_growth_command(CLI::App& plan, CommandRegistry& commands);

}  // namespace ppusim
