// `ppusim plan cheapest SPEC.json` (docs/sweeps.md): runs every candidate configuration of the
// spec (cheapest_spec.hpp) with every seed, judges each on the plan's targets, and answers
// with the cheapest that meets them all, printing the evidence for every candidate.
#pragma once

#include <ostream>

#include "sim/cli/command_registry.hpp"
#include "sim/cli/common_options.hpp"

namespace ppusim {

/// The spec, and where the runs go (default: out/plan-<spec file stem>).
using CheapestOptions = SpecRunOptions;

/// Prints the evidence table and the answer, writes OUTPUT/plan.json. Returns 0 when a
/// candidate meets every target, 1 when none does; InputError (exit 2) for bad input, before
/// any run.
int plan_cheapest(const CheapestOptions& options, std::ostream& out, std::ostream& err);

/// `plan cheapest`, under `plan`.
void add_plan_cheapest_command(CLI::App& plan, CommandRegistry& commands);

}  // namespace ppusim
