// `ppusim fill`: the placement experiment of Weng et al., ATC'23 (sim/app/fill_experiment.hpp)
// on a scenario's cluster and jobs, one row per placement policy, and fill.csv with the curves.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "sim/app/fill_experiment.hpp"
#include "sim/cli/command_registry.hpp"

namespace ppusim {

struct FillCommandOptions {
  std::string scenario_path;
  std::vector<std::string> placements;     // names; empty: every placement
  std::optional<std::string> pool_choice;  // default: the scenario's scheduler.pool_choice
  int repeats = 10;
  bool in_trace_order = false;
  std::optional<std::uint64_t> seed;      // default: the scenario's
  std::optional<std::string> output_dir;  // default: out/fill-<scenario file stem>
  bool quiet = false;
};

/// The summary the command prints.
std::string format_fill_table(const FillResult& result, int repeats);
/// fill.csv: placement, arrived_percent, allocated_percent (k = 0…100 per placement).
std::string format_fill_csv(const FillResult& result);

void fill_command(const FillCommandOptions& options, std::ostream& out);

/// `fill`.
void add_fill_command(CLI::App& app, CommandRegistry& commands);

}  // namespace ppusim
