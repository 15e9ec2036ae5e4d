#include "sim/cli/fill_command.hpp"

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

#include "sim/app/run_pipeline.hpp"
#include "sim/cli/common_options.hpp"
#include "sim/config/extension_names.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/core/input_error.hpp"

namespace ppusim {

namespace fs = std::filesystem;

namespace {

std::string printed(const char* pattern, double x) {
  char text[64];
  std::snprintf(text, sizeof text, pattern, x);
  return text;
}

std::string percent(double share) { return printed("%.1f %%", 100 * share); }

std::vector<PlacementPolicy> placements_named(const std::vector<std::string>& names) {
  std::vector<PlacementPolicy> placements;
  if (names.empty()) {
    for (const auto& [name, placement] : kPlacementNames) placements.push_back(placement);
    return placements;
  }
  for (const std::string& wanted : names) {
    const std::optional<PlacementPolicy> placement = value_named(kPlacementNames, wanted);
    if (!placement) {
      throw InputError("fill: --placement: found \"" + wanted + "\", expected one of " +
                       names_listed(kPlacementNames));
    }
    placements.push_back(*placement);
  }
  return placements;
}

std::optional<PoolPreference> pool_choice_named(const std::optional<std::string>& name) {
  if (!name) return std::nullopt;
  const std::optional<PoolPreference> choice = value_named(kPoolPreferenceNames, *name);
  if (!choice) {
    throw InputError("fill: --pool-choice: found \"" + *name + "\", expected one of " +
                     names_listed(kPoolPreferenceNames));
  }
  return choice;
}

}  // namespace

std::string format_fill_table(const FillResult& result, int repeats) {
  std::string text = "  " + printed("%.0f", result.capacity_ppus) + " PPUs; " +
                     printed("%.0f", result.arrived_jobs) + " jobs arrive per fill (drawn from " +
                     std::to_string(result.trace_jobs) + "), mean of " + std::to_string(repeats) +
                     (repeats == 1 ? " fill" : " fills") + "; pool choice " +
                     std::string(name_of(kPoolPreferenceNames, result.pool_choice)) + "\n";
  text += "  placement              allocated at 80 / 90 / 100 % arrived   unallocated PPUs   jobs refused\n";
  for (const FillCurve& curve : result.curves) {
    std::string name(name_of(kPlacementNames, curve.placement));
    name.resize(22, ' ');
    std::string shares = percent(curve.allocated_share_by_arrived_percent[80]) + " / " +
                         percent(curve.allocated_share_by_arrived_percent[90]) + " / " +
                         percent(curve.allocated_share_by_arrived_percent[100]);
    shares.resize(38, ' ');
    std::string unallocated = printed("%.1f", curve.unallocated_ppus_at_end);
    unallocated.resize(18, ' ');
    text += "  " + name + " " + shares + " " + unallocated + " " + printed("%.1f", curve.refused_jobs) + "\n";
  }
  return text;
}

std::string format_fill_csv(const FillResult& result) {
  std::string csv = "placement,arrived_percent,allocated_percent\n";
  for (const FillCurve& curve : result.curves) {
    const std::string name(name_of(kPlacementNames, curve.placement));
    for (std::size_t k = 0; k < curve.allocated_share_by_arrived_percent.size(); ++k) {
      csv += name + "," + std::to_string(k) + "," +
             printed("%.6f", 100 * curve.allocated_share_by_arrived_percent[k]) + "\n";
    }
  }
  return csv;
}

void fill_command(const FillCommandOptions& options, std::ostream& out) {
  Scenario scenario = load_scenario(options.scenario_path);
  if (options.seed) scenario.simulation.seed = *options.seed;
  FillOptions fill;
  fill.placements = placements_named(options.placements);
  fill.pool_choice = pool_choice_named(options.pool_choice);
  fill.repeats = options.repeats;
  fill.in_trace_order = options.in_trace_order;
  fill.seed = scenario.simulation.seed;
  const JobTrace trace = load_workload_within_resources(scenario);
  const FillResult result = fill_until_full(scenario, trace, fill);
  const fs::path folder(options.output_dir.value_or(
      (fs::path("out") / ("fill-" + fs::path(options.scenario_path).stem().string())).string()));
  write_output((folder / "fill.csv").string(), format_fill_csv(result));
  if (options.quiet) return;
  out << "ppusim fill: " << options.scenario_path << "\n" << format_fill_table(result, options.repeats);
  out << "  curves: " << (folder / "fill.csv").string() << "\n";
}

void add_fill_command(CLI::App& app, CommandRegistry& commands) {
  auto options = std::make_shared<FillCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "fill",
      "Fill the cluster with the scenario's jobs, none leaving, until their requests reach its PPUs; how "
      "much each placement policy allocates (Weng et al., ATC'23; docs/models.md, section f)");
  command->add_option("scenario", options->scenario_path, "Scenario JSON file (docs/config.md)")->required();
  command
      ->add_option("--placement", options->placements,
                   "Placement policies to compare (repeat or comma-separate; default: all)")
      ->delimiter(',');
  command->add_option("--pool-choice", options->pool_choice,
                      "How a job picks among the pools it may use, overriding scheduler.pool_choice "
                      "(first-listed, fastest, least-allocated, least-fragmenting)");
  command->add_option("--repeats", options->repeats, "Independent fills to average (default 10)")
      ->check(CLI::Range(1, 1000));
  command->add_flag("--in-trace-order", options->in_trace_order,
                    "Jobs in the trace's order, starting again at its first when it runs out, instead of "
                    "drawn uniformly with replacement");
  add_seed_option(*command, options->seed, "Random seed of the draws, overriding simulation.seed");
  add_output_option(*command, options->output_dir, "Folder for fill.csv (default: out/fill-<scenario>)");
  add_quiet_flag(*command, options->quiet, "Print nothing");
  commands.add(command, [options] {
    fill_command(*options, std::cout);
    return 0;
  });
}

}  // namespace ppusim
