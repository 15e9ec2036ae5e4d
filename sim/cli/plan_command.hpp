// `ppusim plan SCENARIO.json --vary /cluster/nodes --min 1 --max 64 --target ...`: the
// smallest value of one scenario field whose runs meet every target (docs/sweeps.md). Each
// candidate runs with every seed (as a one-point sweep); the search is plan_search.hpp's
// bisection, the judgement plan_target.hpp's.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "sim/cli/command_registry.hpp"
#include "sim/sweep/plan_target.hpp"

namespace ppusim {

struct PlanOptions {
  std::string scenario_path;
  std::string pointer = "/cluster/nodes";  // the field searched, an integer
  std::int64_t low = 1;
  std::int64_t high = 1;
  std::vector<std::string> targets;
  int seeds = 1;  // seeds 1 .. seeds
  TargetRule rule = TargetRule::Mean;
  int parallel = 1;
  std::string output_dir = "out/plan";
  bool quiet = false;
};

/// Prints the evidence table and the answer, writes OUTPUT/plan.json. Returns 0 when a value
/// in the range meets every target, 1 when none does. InputError for bad input, before any
/// run when the scenario, the field or a target is wrong.
int plan_capacity(const PlanOptions& options, std::ostream& out, std::ostream& err);

/// `plan` with its subcommands `plan cheapest` and `plan growth`.
void add_plan_commands(CLI::App& app, CommandRegistry& commands);

}  // namespace ppusim
