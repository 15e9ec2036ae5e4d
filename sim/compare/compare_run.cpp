#include "sim/compare/compare_run.hpp"

#include <filesystem>

#include "sim/app/isolated_run.hpp"
#include "sim/app/run_pipeline.hpp"
#include "sim/compare/compare_html.hpp"
#include "sim/compare/comparison_json.hpp"
#include "sim/compare/comparison_text.hpp"
#include "sim/config/resource_estimate.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/core/input_error.hpp"
#include "sim/report/measured_duration_note.hpp"
#include "sim/report/report_json.hpp"

namespace ppusim {

CompareFiles compare_files(const CompareRequest& request) {
  const std::filesystem::path folder(request.output_dir);
  return {(folder / "compare.json").string(), (folder / "compare.csv").string(),
          (folder / "compare.html").string()};
}

Comparison run_comparison(const CompareRequest& request, const std::function<void(std::size_t)>& before_run) {
  if (request.scenario_paths.size() < 2) {
    throw InputError("compare: found " + std::to_string(request.scenario_paths.size()) +
                     " scenario(s), expected at least 2");
  }
  // Everything is loaded and checked before anything runs: a typo in the third scenario
  // should not cost the time of simulating the first two.
  std::vector<Scenario> scenarios;
  for (const std::string& path : request.scenario_paths) {
    Scenario scenario = load_scenario(path);
    if (request.workload_path) {
      scenario.workload.generator.reset();
      scenario.workload.trace_path = *request.workload_path;
    }
    if (request.seed) scenario.simulation.seed = *request.seed;
    check_resources(scenario);  // before any trace is read or any scenario simulated
    scenarios.push_back(std::move(scenario));
  }
  // Every scenario runs the same jobs: the first scenario's trace or generator (with its seed),
  // or --workload, each prepared for the scenario's hardware (docs/scenarios.md). Generated
  // work is in FLOPs at the generator's reference chip, so a slower chip takes longer.
  std::vector<JobTrace> traces;
  for (const Scenario& scenario : scenarios) traces.push_back(load_workload_for(scenarios.front(), scenario));

  const std::filesystem::path folder(request.output_dir);
  std::vector<ComparedScenario> compared;
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    if (before_run) before_run(i);
    const IsolatedRunOutput run = simulate_in_child_process(scenarios[i], traces[i]);
    const std::string name = std::to_string(i + 1) + "-" + scenarios[i].name + ".report.json";
    // The child's report, read once into the typed report (its JSON is only how it travelled).
    Report report = report_from_json(run.report, name);
    add_measured_duration_counts(report.jobs, count_measured_durations(traces[i]));
    write_output((folder / name).string(), report_to_json(report).dump(2) + "\n");
    compared.push_back({request.scenario_paths[i], std::move(report)});
  }

  Comparison comparison = compare_reports(compared);
  const CompareFiles files = compare_files(request);
  write_outputs({{files.json, comparison_to_json(comparison).dump(2) + "\n"},
                 {files.csv, format_comparison_csv(comparison)},
                 {files.html, render_compare_html(comparison)}});  // docs/html-report.md
  return comparison;
}

}  // namespace ppusim
