// The `ppusim` command line: each subcommand registers its arguments and its action from its
// own command file (sim/cli/*_command.cpp, commands.cpp); main() parses once and runs the one
// chosen. Exit codes: 0 success, 1 internal error, 2 bad input (scenario, trace or arguments),
// 128 + signal number when SIGINT or SIGTERM stopped a run (its outputs are then complete up
// to the interruption and marked with interrupted_at_s). `ppusim check` exits 1 when a metric
// is out of tolerance (docs/ci.md).
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "sim/cli/command_registry.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/common_options.hpp"
#include "sim/cli/compare_command.hpp"
#include "sim/cli/explain_command.hpp"
#include "sim/cli/fill_command.hpp"
#include "sim/cli/hardware_command.hpp"
#include "sim/cli/html_command.hpp"
#include "sim/cli/plan_command.hpp"
#include "sim/cli/sweep_command.hpp"
#include "sim/cli/topology_command.hpp"
#include "sim/cli/trace_command.hpp"
#include "sim/core/input_error.hpp"

namespace {

constexpr int kBadInput = 2;

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"ppusim " PPUSIM_VERSION
               ": discrete-event simulation of AI data centers (PPU clusters) on SimGrid.\n"
               "Reads a JSON scenario and a training-job trace; reports utilization, queueing, job\n"
               "completion, energy and cost per delivered PetaFLOP-day."};
  app.require_subcommand(1);
  app.set_version_flag("--version", PPUSIM_VERSION);

  // In the order `ppusim --help` lists them.
  ppusim::CommandRegistry commands;
  ppusim::add_run_command(app, commands);
  ppusim::add_validate_command(app, commands);
  ppusim::add_trace_commands(app, commands);
  ppusim::add_compare_command(app, commands);
  ppusim::add_check_command(app, commands);
  ppusim::add_baseline_command(app, commands);
  ppusim::add_report_commands(app, commands);
  ppusim::add_hardware_command(app, commands);
  ppusim::add_explain_command(app, commands);
  ppusim::add_fill_command(app, commands);
  ppusim::add_topology_command(app, commands);
  ppusim::add_sweep_commands(app, commands);
  ppusim::add_plan_commands(app, commands);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : kBadInput;
  }

  int code = 0;
  try {
    code = commands.run_chosen();
  } catch (const ppusim::InputError& error) {
    std::cerr << "ppusim: error: " << ppusim::message_for_terminal(error.what()) << "\n";
    return kBadInput;
  } catch (const std::exception& error) {
    std::cerr << "ppusim: internal error: " << ppusim::message_for_terminal(error.what()) << "\n";
    return 1;
  }
  try {
    return ppusim::stdout_checked(code);
  } catch (const ppusim::InputError& error) {
    std::cerr << "ppusim: error: " << error.what() << "\n";
    return kBadInput;
  }
}
