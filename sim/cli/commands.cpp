#include "sim/cli/commands.hpp"

#include <filesystem>
#include <sstream>

#include "sim/config/input_error.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/report/atomic_file.hpp"
#include "sim/report/report_builder.hpp"
#include "sim/report/summary_table.hpp"
#include "workloads/synthetic_generator.hpp"
#include "workloads/trace_reader.hpp"

namespace ppusim {

namespace {

/// An output path the file system refuses (a file where a folder should be, no permission) is
/// the user's to fix: bad input, exit 2, not an internal error.
void write_output(const std::string& path, const std::string& content) {
  try {
    write_file_atomically(path, content);
  } catch (const std::runtime_error& error) {
    throw InputError(error.what());
  }
}

}  // namespace

JobTrace load_workload(const Scenario& scenario) {
  const WorkloadSpec& workload = scenario.workload;
  if (workload.generator) {
    GeneratorContext context;
    context.ppus_per_node = scenario.node.ppus_per_node;
    context.peak_flops_per_s_per_ppu = scenario.ppu.peak_bf16_flops_per_s;
    context.model_flops_utilization = workload.model_flops_utilization;
    context.hbm_bytes = scenario.ppu.hbm_bytes;
    context.default_global_batch_tokens = workload.default_global_batch_tokens;
    return generate_jobs(*workload.generator, context, scenario.simulation.seed);
  }
  return read_job_trace(workload.trace_path, workload.skip_bad_rows);
}

Scenario load_scenario_for_run(const RunOptions& options) {
  Scenario scenario = load_scenario(options.scenario_path);
  if (options.output_dir) scenario.simulation.output_dir = *options.output_dir;
  if (options.seed) scenario.simulation.seed = *options.seed;
  if (options.skip_bad_rows) scenario.workload.skip_bad_rows = true;
  return scenario;
}

nlohmann::json run_scenario(const RunOptions& options, std::ostream& out) {
  const Scenario scenario = load_scenario_for_run(options);
  const JobTrace trace = load_workload(scenario);
  const SimulationResult result = run_simulation(scenario, trace);
  nlohmann::json report = build_report(scenario, result);

  const std::filesystem::path folder(scenario.simulation.output_dir);
  write_output((folder / "report.json").string(), report.dump(2) + "\n");
  write_output((folder / "time_series.csv").string(), format_time_series_csv(report));
  write_output((folder / "jobs.csv").string(), format_job_table_csv(build_job_table(result)));
  if (!options.quiet) {
    out << format_summary_table(report);
    out << "  report: " << (folder / "report.json").string() << "\n";
  }
  return report;
}

void validate_scenario(const std::string& path, std::ostream& out) {
  const Scenario scenario = load_scenario(path);
  const JobTrace trace = load_workload(scenario);
  out << path << ": valid — " << scenario.total_ppus() << " PPUs on " << scenario.cluster.nodes << " nodes, "
      << trace.jobs.size() << " jobs";
  if (trace.skipped_rows > 0) out << " (" << trace.skipped_rows << " bad rows skipped)";
  out << "\n";
}

void generate_trace(const std::string& scenario_path, const std::string& output_path,
                    std::optional<std::uint64_t> seed, std::ostream& out) {
  Scenario scenario = load_scenario(scenario_path);
  if (!scenario.workload.generator) {
    throw InputError(scenario_path + ": /workload: found a trace, expected a generator to draw jobs from");
  }
  if (seed) scenario.simulation.seed = *seed;
  const JobTrace trace = load_workload(scenario);
  std::ostringstream text;
  write_job_trace(trace, text);
  write_output(output_path, text.str());
  out << output_path << ": " << trace.jobs.size() << " jobs\n";
}

}  // namespace ppusim
