#include "sim/cli/compare_command.hpp"

#include <filesystem>

#include "sim/app/isolated_run.hpp"
#include "sim/cli/commands.hpp"
#include "sim/compare/compare_html.hpp"
#include "sim/compare/comparison_json.hpp"
#include "sim/compare/comparison_text.hpp"
#include "sim/config/resource_estimate.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/core/atomic_file.hpp"
#include "sim/core/input_error.hpp"
#include "sim/report/measured_duration_note.hpp"
#include "sim/report/report_json.hpp"

namespace ppusim {

void compare_scenarios(const CompareOptions& options, std::ostream& out) {
  if (options.scenario_paths.size() < 2) {
    throw InputError("compare: found " + std::to_string(options.scenario_paths.size()) +
                     " scenario(s), expected at least 2");
  }
  // Everything is loaded and checked before anything runs: a typo in the third scenario
  // should not cost the time of simulating the first two.
  std::vector<Scenario> scenarios;
  for (const std::string& path : options.scenario_paths) {
    Scenario scenario = load_scenario(path);
    if (options.workload_path) {
      scenario.workload.generator.reset();
      scenario.workload.trace_path = *options.workload_path;
    }
    if (options.seed) scenario.simulation.seed = *options.seed;
    check_resources(scenario);  // before any trace is read or any scenario simulated
    scenarios.push_back(std::move(scenario));
  }
  // Every scenario runs the same jobs: the first scenario's trace or generator (with its seed),
  // or --workload, each prepared for the scenario's hardware (docs/scenarios.md). Generated
  // work is in FLOPs at the generator's reference chip, so a slower chip takes longer.
  std::vector<JobTrace> traces;
  for (const Scenario& scenario : scenarios) traces.push_back(load_workload_for(scenarios.front(), scenario));

  const std::filesystem::path folder(options.output_dir);
  std::vector<ComparedScenario> compared;
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    if (!options.quiet) out << "simulating " << options.scenario_paths[i] << " ...\n" << std::flush;
    const IsolatedRunOutput run = simulate_in_child_process(scenarios[i], traces[i]);
    const std::string name = std::to_string(i + 1) + "-" + scenarios[i].name + ".report.json";
    // The child's report, read once into the typed report (its JSON is only how it travelled).
    Report report = report_from_json(run.report, name);
    add_measured_duration_counts(report.jobs, count_measured_durations(traces[i]));
    write_output((folder / name).string(), report_to_json(report).dump(2) + "\n");
    compared.push_back({options.scenario_paths[i], std::move(report)});
  }

  const Comparison comparison = compare_reports(compared);
  write_outputs(
      {{(folder / "compare.json").string(), comparison_to_json(comparison).dump(2) + "\n"},
       {(folder / "compare.csv").string(), format_comparison_csv(comparison)},
       {(folder / "compare.html").string(), render_compare_html(comparison)}});  // docs/html-report.md
  if (!options.quiet) {
    out << format_comparison_table(comparison);
    out << "  comparison: " << (folder / "compare.json").string() << "\n";
    out << "  html: " << (folder / "compare.html").string() << "\n";
  }
}

}  // namespace ppusim
