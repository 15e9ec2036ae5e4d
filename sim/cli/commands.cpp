#include "sim/cli/commands.hpp"

#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include "sim/cli/common_options.hpp"
#include "sim/cli/progress_meter.hpp"
#include "sim/config/resource_estimate.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/core/input_error.hpp"
#include "sim/engine/inference_fleet.hpp"
#include "sim/engine/stop_request.hpp"
#include "sim/gate/baseline.hpp"
#include "sim/gate/check_text.hpp"
#include "sim/gate/junit_writer.hpp"
#include "sim/gate/metric_check.hpp"
#include "sim/gate/tolerances.hpp"
#include "sim/report/report_json.hpp"
#include "sim/report/summary_table.hpp"
#include "topologies/link_failures.hpp"
#include "topologies/topology_layout.hpp"
#include "workloads/trace_reader.hpp"

namespace ppusim {

Scenario load_scenario_for_run(const RunOptions& options) {
  Scenario scenario = load_scenario(options.scenario_path);
  if (options.output_dir) scenario.simulation.output_dir = *options.output_dir;
  if (options.seed) scenario.simulation.seed = *options.seed;
  if (options.skip_bad_rows) scenario.workload.skip_bad_rows = true;
  return scenario;
}

nlohmann::json run_scenario(const RunOptions& options, std::ostream& out) {
  const Scenario scenario = load_scenario_for_run(options);
  const JobTrace trace = load_workload_within_resources(scenario);
  const std::filesystem::path folder(scenario.simulation.output_dir);
  RunWatchers watchers;
  std::optional<ProgressMeter> progress;
  if (options.progress || (!options.quiet && ::isatty(STDERR_FILENO))) {
    progress.emplace(std::cerr, options.progress ? ProgressStyle::Lines : ProgressStyle::Terminal,
                     scenario.simulation.horizon_s, trace.jobs.size());
    watchers.observers.push_back(&*progress);
    watchers.on_simulation_end = [&progress] { progress->finish(); };
  }
  const Report typed =
      simulate_and_write(scenario, trace, RunOutputChoices{options.html, options.partial_every_s}, watchers);
  if (!options.quiet) {
    out << format_summary_table(typed);
    out << "  report: " << (folder / "report.json").string() << "\n";
    if (options.html) out << "  html report: " << (folder / "report.html").string() << "\n";
  }
  return report_to_json(typed);
}

void validate_scenario(const std::string& path, std::ostream& out) {
  const Scenario scenario = load_scenario(path);
  // Valid means `ppusim run` would accept it here, memory included (docs/robustness.md).
  const ResourceEstimate estimate = check_resources(scenario);
  plan_topology_failures(scenario, make_topology_layout(scenario));  // throws for a component the kind lacks
  const JobTrace trace = load_workload(scenario);
  out << path << ": valid — " << scenario.total_ppus() << " PPUs on " << scenario.cluster.nodes << " nodes, "
      << trace.jobs.size() << " jobs";
  if (trace.skipped_rows > 0) out << " (" << trace.skipped_rows << " bad rows skipped)";
  if (!scenario.services.empty()) {
    // The request traces are read too, so that a bad row fails here rather than in `run`.
    std::size_t requests = 0;
    for (const auto& service : load_service_requests(scenario)) requests += service.size();
    out << ", " << scenario.services.size() << " inference services with " << requests << " requests";
  }
  out << "\n  needs " << describe_resources(estimate, available_memory()) << "\n";
}

void generate_trace(const std::string& scenario_path, const std::string& output_path,
                    std::optional<std::uint64_t> seed, std::ostream& out) {
  Scenario scenario = load_scenario(scenario_path);
  if (!scenario.workload.generator) {
    throw InputError(scenario_path + ": /workload: found a trace, expected a generator to draw jobs from");
  }
  if (seed) scenario.simulation.seed = *seed;
  check_resources(scenario, ResourceUse::TraceGenerate);  // 1e12 jobs: refused, not a failed allocation
  const JobTrace trace = load_workload(scenario);
  std::ostringstream text;
  write_job_trace(trace, text);
  write_output(output_path, text.str());
  out << output_path << ": " << trace.jobs.size() << " jobs\n";
}

namespace {

/// Jenkins splits a JUnit classname at dots into package and class; a scenario name is one
/// word to it.
std::string junit_classname(const std::string& scenario) {
  if (scenario.empty()) return "ppusim.check";
  std::string name = scenario;
  for (char& c : name) c = c == '.' ? '_' : c;
  return "ppusim." + name;
}

/// Different scenarios or seeds make different numbers; comparing them is allowed (a planner
/// may gate a renamed scenario) but is usually a mistake worth a word.
void warn_if_different_runs(const ReportInput& baseline, const ReportInput& report, std::ostream& err) {
  const auto warn = [&](const char* pointer, const std::string& before, const std::string& now) {
    if (before == now) return;
    err << "ppusim: warning: " << pointer << " is " << before << " in " << baseline.source << " but " << now
        << " in " << report.source << "; the gate compares different runs\n";
  };
  const ReportScenario &before = baseline.report.scenario, &now = report.report.scenario;
  warn("/scenario/name", before.name, now.name);
  warn("/scenario/seed", std::to_string(before.seed), std::to_string(now.seed));
}

}  // namespace

int check_report(const CheckOptions& options, std::ostream& out, std::ostream& err) {
  JunitSuite suite{"ppusim check",
                   "ppusim.check",
                   {{"report", options.report_path},
                    {"baseline", options.baseline_path},
                    {"tolerances", options.tolerances_path}}};
  try {
    const ToleranceSet tolerances = load_tolerances(options.tolerances_path);
    const ReportInput baseline = load_reference(options.baseline_path);
    const ReportInput report = load_report(options.report_path);
    require_same_schema(baseline, report);
    const std::vector<MetricResult> results = check_metrics(tolerances, baseline, report);
    warn_if_different_runs(baseline, report, err);

    const std::string& scenario = report.report.scenario.name;
    if (!scenario.empty()) suite.name += ": " + scenario;
    suite.classname = junit_classname(scenario);
    const std::string table = format_check_table(results);
    out << "ppusim check: " << report.source << " against " << baseline.source << ", tolerances "
        << tolerances.source << "\n"
        << table;
    if (options.junit_path) write_output(*options.junit_path, format_junit(suite, results, table));
    for (const MetricResult& result : results) {
      if (result.failed()) return 1;
    }
    return 0;
  } catch (const InputError& error) {
    // A JUnit file saying why the gate could not judge beats a stale one from an earlier run.
    if (options.junit_path) {
      try {
        write_file_atomically(*options.junit_path, format_junit_error(suite, error.what()));
      } catch (const std::exception&) {
        // The path itself is unusable; the InputError below already says what went wrong.
      }
    }
    throw;
  }
}

void write_baseline(const std::string& report_path, const std::string& output_path, std::ostream& out) {
  const ReportInput input = load_report(report_path);
  const Report& report = input.report;
  write_output(output_path, make_baseline(input).dump(2) + "\n");
  out << output_path << ": baseline of " << report_path << " (scenario " << report.scenario.name << ", seed "
      << report.scenario.seed << ", report schema version " << report.schema_version << ")\n";
}

void add_run_command(CLI::App& app, CommandRegistry& commands) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* command = app.add_subcommand(
      "run", "Simulate a scenario, write report.json, time_series.csv and jobs.csv, print a summary");
  command->add_option("scenario", options->scenario_path, "Scenario JSON file (docs/config.md)")->required();
  add_output_option(*command, options->output_dir,
                    "Folder for the outputs (default: simulation.output_dir, else out/<name>)");
  add_seed_option(*command, options->seed,
                  "Random seed, overriding simulation.seed (same seed, same report)");
  command->add_flag("--skip-bad-rows", options->skip_bad_rows,
                    "Skip malformed trace rows and count them in the report instead of failing");
  add_quiet_flag(*command, options->quiet, "Print no summary table");
  command->add_flag(
      "--progress", options->progress,
      "Progress on stderr as one line every 10 s, even when stderr is not a terminal (for logs); "
      "on a terminal it shows anyway unless -q");
  command
      ->add_option(
          "--partial-every", options->partial_every_s,
          "Rewrite time_series.partial.csv every this many wall seconds while running, so that a killed "
          "run leaves data (0: never)")
      ->check(CLI::Range(0.0, 1e9))
      ->capture_default_str();
  command->add_flag("--html", options->html,
                    "Also write report.html: the report as one self-contained page of charts "
                    "(docs/html-report.md)");
  commands.add(command, [options] {
    enable_stop_on_signals();
    install_stop_signal_handlers();  // again once SimGrid has started
    run_scenario(*options, std::cout);
    // Interrupted: the outputs are complete up to the interruption and say so; the exit code is
    // the shell's convention for death by that signal.
    return stop_requested() ? 128 + stop_signal() : 0;
  });
}

void add_validate_command(CLI::App& app, CommandRegistry& commands) {
  auto paths = std::make_shared<std::vector<std::string>>();
  CLI::App* command =
      app.add_subcommand("validate", "Check scenarios and their workloads without running them");
  command->add_option("scenarios", *paths, "Scenario JSON files (validate configs/*.json)")->required();
  commands.add(command, [paths] {
    // Several files (validate configs/*.json): each is checked and its error printed; exit 2
    // when any is bad.
    bool all_valid = true;
    for (const std::string& path : *paths) {
      try {
        validate_scenario(path, std::cout);
      } catch (const InputError& error) {
        if (paths->size() == 1) throw;
        std::cout.flush();
        std::cerr << "ppusim: error: " << message_for_terminal(error.what()) << "\n";
        all_valid = false;
      }
    }
    return all_valid ? 0 : 2;
  });
}

void add_check_command(CLI::App& app, CommandRegistry& commands) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* command =
      app.add_subcommand("check",
                         "CI gate: compare a report's metrics with a baseline under tolerances (docs/ci.md); "
                         "exit 0 within tolerance, 1 regression, 2 bad input");
  command->add_option("report", options->report_path, "report.json of the run under test")->required();
  command
      ->add_option("--baseline,-b", options->baseline_path,
                   "Baseline file (ppusim baseline) or a report.json")
      ->required();
  command
      ->add_option("--tolerances,-t", options->tolerances_path, "Tolerance file: the metrics to gate and how")
      ->required();
  command->add_option_function<std::string>(
      "--junit", [options](const std::string& path) { options->junit_path = path; },
      "Also write the results as JUnit XML to this file");
  commands.add(command, [options] { return stdout_checked(check_report(*options, std::cout, std::cerr)); });
}

void add_baseline_command(CLI::App& app, CommandRegistry& commands) {
  auto report = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>();
  CLI::App* command =
      app.add_subcommand("baseline", "Write a baseline file for ppusim check from a run's report.json");
  command->add_option("report", *report, "report.json of a complete run")->required();
  command->add_option("--output,-o", *output, "Baseline file to write")->required();
  commands.add(command, [report, output] {
    write_baseline(*report, *output, std::cout);
    return 0;
  });
}

}  // namespace ppusim
