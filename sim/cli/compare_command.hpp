// `ppusim compare`: several scenarios on the same workload and seed, side by side. The run
// itself is sim/compare/compare_run.hpp; this parses the arguments and prints.
#pragma once

#include <ostream>

#include "sim/cli/command_registry.hpp"
#include "sim/compare/compare_run.hpp"

namespace ppusim {

struct CompareOptions {
  CompareRequest request;
  bool quiet = false;
};

/// Runs the comparison (run_comparison) and prints its progress and table. Throws InputError
/// for bad input.
void compare_scenarios(const CompareOptions& options, std::ostream& out);

/// `compare`.
void add_compare_command(CLI::App& app, CommandRegistry& commands);

}  // namespace ppusim
