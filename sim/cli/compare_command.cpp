#include "sim/cli/compare_command.hpp"

#include <iostream>
#include <memory>

#include "sim/cli/common_options.hpp"
#include "sim/compare/comparison_text.hpp"

namespace ppusim {

void compare_scenarios(const CompareOptions& options, std::ostream& out) {
  const CompareRequest& request = options.request;
  const Comparison comparison = run_comparison(request, [&](std::size_t i) {
    if (!options.quiet) out << "simulating " << request.scenario_paths[i] << " ...\n" << std::flush;
  });
  if (!options.quiet) {
    const CompareFiles files = compare_files(request);
    out << format_comparison_table(comparison);
    out << "  comparison: " << files.json << "\n";
    out << "  html: " << files.html << "\n";
  }
}

void add_compare_command(CLI::App& app, CommandRegistry& commands) {
  auto options = std::make_shared<CompareOptions>();
  CLI::App* command = app.add_subcommand(
      "compare",
      "Simulate several scenarios on the same workload and seed; print and write them side by side");
  command->add_option("scenarios", options->request.scenario_paths, "Two or more scenario JSON files")
      ->required();
  command->add_option("--workload,-w", options->request.workload_path,
                      "A job trace (JSON Lines) replacing every scenario's workload");
  add_seed_option(*command, options->request.seed, "Replaces every scenario's simulation.seed");
  command
      ->add_option("--output,-o", options->request.output_dir,
                   "Folder for compare.json, compare.csv and each scenario's report")
      ->capture_default_str();
  add_quiet_flag(*command, options->quiet, "Print no table");
  commands.add(command, [options] {
    compare_scenarios(*options, std::cout);
    return 0;
  });
}

}  // namespace ppusim
