#include "sim/app/run_pipeline.hpp"

#include <filesystem>
#include <optional>

#include "sim/app/partial_time_series.hpp"
#include "sim/config/resource_estimate.hpp"
#include "sim/core/input_error.hpp"
#include "sim/hardware/hardware_catalog.hpp"
#include "sim/inference/service_report.hpp"
#include "sim/metrics/observed_simulation.hpp"
#include "sim/report/html_report.hpp"
#include "sim/report/job_csv.hpp"
#include "sim/report/job_delay_cdf.hpp"
#include "sim/report/measured_duration_note.hpp"
#include "sim/report/report_builder.hpp"
#include "sim/report/report_json.hpp"
#include "sim/report/summary_table.hpp"
#include "workloads/importers/format_registry.hpp"
#include "workloads/layout_check.hpp"
#include "workloads/measured_work.hpp"
#include "workloads/request_check.hpp"
#include "workloads/streaming_input.hpp"
#include "workloads/synthetic_generator.hpp"
#include "workloads/tenant_assignment.hpp"
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
    JobTrace trace = generate_jobs(*workload.generator, context, scenario.simulation.seed);
    draw_tenants(trace, hardware.tenants, scenario.simulation.seed);
    return trace;
  }
  JobTrace trace;
  if (workload.trace_format == "ppusim") {
    trace = read_job_trace(workload.trace_path, workload.skip_bad_rows);
  } else {
    ImportOptions options;
    options.skip_bad_rows = workload.skip_bad_rows;
    options.arrival_rate_per_s = workload.arrival_rate_per_s;
    options.seed = scenario.simulation.seed;
    trace = import_trace(workload.trace_format, workload.trace_path, options).jobs;
  }
  // The tenants are the scenario's that runs the jobs (compare runs one workload on several).
  resolve_tenants(trace, hardware.tenants, workload.skip_bad_rows);
  check_ppu_type_requests(trace, hardware.pools, workload.skip_bad_rows);
  return trace;
}

}  // namespace

JobTrace load_workload(const Scenario& scenario) { return load_workload_for(scenario, scenario); }

JobTrace load_workload_for(const Scenario& workload_source, const Scenario& scenario) {
  JobTrace trace = read_or_draw_jobs(workload_source, scenario);
  express_measured_work(trace, scenario);
  check_job_layouts(trace, scenario);       // layouts that cannot run exit 2 (docs/models.md, k)
  check_work_is_finite(trace, scenario);    // infinite work would never end (docs/robustness.md)
  check_streaming_inputs(trace, scenario);  // named datasets exist (docs/models.md, c2)
  return trace;
}

JobTrace load_workload_within_resources(const Scenario& scenario) {
  check_resources(scenario);
  return load_workload(scenario);
}

Report simulate_and_write(const Scenario& scenario, const JobTrace& trace, const RunOutputChoices& choices,
                          const RunWatchers& watchers) {
  const std::filesystem::path folder(scenario.simulation.output_dir);
  std::vector<RunObserver*> observers = watchers.observers;
  std::optional<PartialTimeSeriesWriter> partial;
  if (choices.partial_every_s > 0) {
    partial.emplace(scenario, folder.string(), choices.partial_every_s);
    observers.push_back(&*partial);
  }
  const SimulationResult result = observed_simulation(scenario, trace, observers);
  if (watchers.on_simulation_end) watchers.on_simulation_end();
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
    if (!typed.tenants.empty()) {
      outputs.add((folder / "tenants_time_series.csv").string(),
                  format_tenant_time_series_csv(typed.time_series, typed.tenants));
    }
    AtomicFileWriter& jobs_csv = outputs.open((folder / "jobs.csv").string());
    stream_job_table_csv(result, [&jobs_csv](const std::string& text) { jobs_csv.write(text); });
    if (!result.services.empty())
      outputs.add((folder / "requests.csv").string(), format_requests_csv(result.services));
    if (choices.html) {
      const JobDelaySamples delays = job_delays_from_records(result.metrics.jobs());
      outputs.add((folder / "report.html").string(), render_run_html(typed, &delays));
    }
    outputs.commit();
  } catch (const std::runtime_error& error) {
    throw InputError(error.what());
  }
  if (partial) partial->remove();  // the final outputs replace it
  return typed;
}

}  // namespace ppusim
