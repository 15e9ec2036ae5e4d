#include "sim/cli/commands.hpp"

#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>

#include "sim/cli/partial_time_series.hpp"
#include "sim/cli/progress_meter.hpp"
#include "sim/config/input_error.hpp"
#include "sim/config/resource_estimate.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/gate/baseline.hpp"
#include "sim/gate/check_text.hpp"
#include "sim/gate/junit_writer.hpp"
#include "sim/gate/metric_check.hpp"
#include "sim/gate/tolerances.hpp"
#include "sim/hardware/hardware_catalog.hpp"
#include "sim/inference/inference_fleet.hpp"
#include "sim/inference/service_report.hpp"
#include "sim/report/atomic_file.hpp"
#include "sim/report/html_report.hpp"
#include "sim/report/job_delay_cdf.hpp"
#include "sim/report/measured_duration_note.hpp"
#include "sim/report/report_builder.hpp"
#include "sim/report/report_json.hpp"
#include "sim/report/summary_table.hpp"
#include "topologies/link_failures.hpp"
#include "topologies/topology_layout.hpp"
#include "workloads/importers/format_registry.hpp"
#include "workloads/layout_check.hpp"
#include "workloads/measured_work.hpp"
#include "workloads/synthetic_generator.hpp"
#include "workloads/trace_reader.hpp"
#include "workloads/work_check.hpp"

namespace ppusim {

void write_output(const std::string& path, const std::string& content) {
  try {
    write_file_atomically(path, content);
  } catch (const std::runtime_error& error) {
    throw InputError(error.what());
  }
}

void write_outputs(const std::vector<OutputFile>& files) {
  try {
    write_files_atomically(files);
  } catch (const std::runtime_error& error) {
    throw InputError(error.what());
  }
}

namespace {

/// The jobs of `scenario`'s workload; generated model jobs are laid out for `hardware`, the
/// scenario they will run on (compare runs the first scenario's jobs on every scenario).
JobTrace read_or_draw_jobs(const Scenario& scenario, const Scenario& hardware) {
  const WorkloadSpec& workload = scenario.workload;
  if (workload.generator) {
    GeneratorContext context;
    context.ppus_per_node = scenario.node.ppus_per_node;
    // Work is drawn on the reference chip, not the scenario's: the same jobs then take longer
    // on a slower chip (docs/workloads.md, "Work units").
    const CatalogChip& reference = *hardware_catalog().find_chip(workload.generator->reference_ppu);
    context.peak_flops_per_s_per_ppu = reference.figure("peak_bf16_flops_per_s");
    context.model_flops_utilization = workload.model_flops_utilization;
    context.hbm_bytes = scenario.ppu.hbm_bytes;
    context.default_global_batch_tokens = workload.default_global_batch_tokens;
    context.scenario = &hardware;  // model jobs' layouts fit the chip and node they run on
    return generate_jobs(*workload.generator, context, scenario.simulation.seed);
  }
  if (workload.trace_format == "ppusim") return read_job_trace(workload.trace_path, workload.skip_bad_rows);
  ImportOptions options;
  options.skip_bad_rows = workload.skip_bad_rows;
  options.arrival_rate_per_s = workload.arrival_rate_per_s;
  options.seed = scenario.simulation.seed;
  return import_trace(workload.trace_format, workload.trace_path, options).jobs;
}

}  // namespace

JobTrace load_workload(const Scenario& scenario) { return load_workload_for(scenario, scenario); }

JobTrace load_workload_for(const Scenario& workload_source, const Scenario& scenario) {
  JobTrace trace = read_or_draw_jobs(workload_source, scenario);
  express_measured_work(trace, scenario);
  check_job_layouts(trace, scenario);     // layouts that cannot run exit 2 (docs/models.md, k)
  check_work_is_finite(trace, scenario);  // infinite work would never end (docs/robustness.md)
  return trace;
}

Scenario load_scenario_for_run(const RunOptions& options) {
  Scenario scenario = load_scenario(options.scenario_path);
  if (options.output_dir) scenario.simulation.output_dir = *options.output_dir;
  if (options.seed) scenario.simulation.seed = *options.seed;
  if (options.skip_bad_rows) scenario.workload.skip_bad_rows = true;
  return scenario;
}

nlohmann::json run_scenario(const RunOptions& options, std::ostream& out) {
  return run_loaded_scenario(load_scenario_for_run(options), options, out);
}

nlohmann::json run_loaded_scenario(const Scenario& scenario, const RunOptions& options, std::ostream& out) {
  // Before any job is drawn or read and before the platform is built: a scenario that cannot
  // fit in memory is refused now, with the estimate, not killed later (docs/robustness.md).
  check_resources(scenario);
  const JobTrace trace = load_workload(scenario);
  const std::filesystem::path folder(scenario.simulation.output_dir);
  std::vector<RunObserver*> observers;
  std::optional<ProgressMeter> progress;
  if (options.progress || (!options.quiet && ::isatty(STDERR_FILENO))) {
    progress.emplace(std::cerr, options.progress ? ProgressStyle::Lines : ProgressStyle::Terminal,
                     scenario.simulation.horizon_s, trace.jobs.size());
    observers.push_back(&*progress);
  }
  std::optional<PartialTimeSeriesWriter> partial;
  if (options.partial_every_s > 0) {
    partial.emplace(scenario, folder.string(), options.partial_every_s);
    observers.push_back(&*partial);
  }
  const SimulationResult result = run_simulation(scenario, trace, observers);
  if (progress) progress->finish();
  // Built once: the file, the CSV, the page and the summary are all written from this value.
  Report typed = make_report(scenario, result);
  add_measured_duration_counts(typed.jobs, count_measured_durations(trace));
  const nlohmann::json report = report_to_json(typed);

  // One set, written together: a full disk leaves no report.json without its jobs.csv. jobs.csv
  // is streamed from the job records into its temporary file rather than built in memory.
  try {
    OutputSet outputs;
    outputs.add((folder / "report.json").string(), report.dump(2) + "\n");
    outputs.add((folder / "time_series.csv").string(), format_time_series_csv(typed.time_series));
    AtomicFileWriter& jobs_csv = outputs.open((folder / "jobs.csv").string());
    stream_job_table_csv(result, [&jobs_csv](const std::string& text) { jobs_csv.write(text); });
    if (!result.services.empty())
      outputs.add((folder / "requests.csv").string(), format_requests_csv(result.services));
    if (options.html) {
      const JobDelaySamples delays = job_delays_from_records(result.metrics.jobs());
      outputs.add((folder / "report.html").string(), render_run_html(report, &delays));
    }
    outputs.commit();
  } catch (const std::runtime_error& error) {
    throw InputError(error.what());
  }
  if (partial) partial->remove();  // the final outputs replace it
  if (!options.quiet) {
    out << format_summary_table(typed);
    out << "  report: " << (folder / "report.json").string() << "\n";
    if (options.html) out << "  html report: " << (folder / "report.html").string() << "\n";
  }
  return report;
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
  for (const char* pointer : {"/scenario/name", "/scenario/seed"}) {
    const std::string before = report_text(baseline, pointer), now = report_text(report, pointer);
    if (!before.empty() && !now.empty() && before != now) {
      err << "ppusim: warning: " << pointer << " is " << before << " in " << baseline.source << " but " << now
          << " in " << report.source << "; the gate compares different runs\n";
    }
  }
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

    const std::string scenario = report_text(report, "/scenario/name");
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
  const ReportInput report = load_report(report_path);
  write_output(output_path, make_baseline(report).dump(2) + "\n");
  out << output_path << ": baseline of " << report_path << " (scenario "
      << report_text(report, "/scenario/name") << ", seed " << report_text(report, "/scenario/seed")
      << ", report schema version " << report.schema_version << ")\n";
}

}  // namespace ppusim
