// Alibaba cluster-trace-gpu-v2023 (openb), pod list: one pod per row,
// name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,
// deletion_time,scheduled_time (seconds from the trace's start).
//
// A pod becomes a job: submitted at creation_time, running from scheduled_time to
// deletion_time (measured_duration_s), on num_gpu PPUs. A pod of one GPU with gpu_milli < 1000
// shares that GPU: ppu_milli = gpu_milli. Its requests are kept (JobSpec::request, written as
// cpu_cores = cpu_milli/1000 and memory_gib = memory_mib/1024 for the whole pod, and ppu_type =
// the GPU models of gpu_spec
// ("V100M16|V100M32", empty = any) as the chip names of alibaba_gpu_models.hpp). A missing
// deletion_time means still running at the end.
//
// Pods never scheduled (Pending, no scheduled_time) asked for capacity the cluster did not
// give them, and a planner sizing a cluster wants that demand counted. The trace has no run
// time for them (their deletion is the owner giving up), so they are kept with the median run
// time of the file's scheduled pods; --drop-pending leaves them out instead. Left out: pods
// without GPUs (every ppusim job asks for PPUs).
#include <algorithm>

#include "workloads/importers/alibaba_gpu_models.hpp"
#include "workloads/importers/import_rows.hpp"
#include "workloads/importers/importers.hpp"

namespace ppusim {
namespace {

constexpr double kBytesPerMib = 1024.0 * 1024.0;

/// gpu_spec: GPU models separated by '|', as ppu_type chip names (duplicates dropped); empty
/// means any. An unknown model is the row's error.
std::vector<std::string> requested_ppu_types(const CsvRow& row, std::size_t column) {
  std::vector<std::string> types;
  if (row.is_missing(column)) return types;
  std::string_view spec = row.text(column);
  for (;;) {
    const std::size_t bar = spec.find('|');
    const AlibabaGpuModel* model = find_alibaba_gpu_model(spec.substr(0, bar));
    if (model == nullptr)
      row.fail(column, "GPU models of the openb trace separated by '|' (" + alibaba_gpu_model_names() + ")");
    const std::string type(model->ppu_type);
    if (std::find(types.begin(), types.end(), type) == types.end()) types.push_back(type);
    if (bar == std::string_view::npos) return types;
    spec.remove_prefix(bar + 1);
  }
}

/// The median of the kept jobs' run times (the mean of the middle two for an even count).
double median_run_time(const std::vector<JobSpec>& jobs) {
  std::vector<double> runs;
  for (const JobSpec& job : jobs) runs.push_back(*job.measured_duration_s);
  std::sort(runs.begin(), runs.end());
  const std::size_t middle = runs.size() / 2;
  return runs.size() % 2 == 1 ? runs[middle] : (runs[middle - 1] + runs[middle]) / 2;
}

}  // namespace

ImportedTrace import_openb_pods(const std::string& path, const ImportOptions& options) {
  CsvTable table(CsvReader::open(path),
                 {"name", "cpu_milli", "memory_mib", "num_gpu", "gpu_milli", "gpu_spec", "creation_time",
                  "deletion_time", "scheduled_time"},
                 false);
  const std::size_t name = table.column("name");
  const std::size_t cpu_milli = table.column("cpu_milli");
  const std::size_t memory_mib = table.column("memory_mib");
  const std::size_t num_gpu = table.column("num_gpu");
  const std::size_t gpu_milli = table.column("gpu_milli");
  const std::size_t gpu_spec = table.column("gpu_spec");
  const std::size_t created = table.column("creation_time");
  const std::size_t deleted = table.column("deletion_time");
  const std::size_t scheduled = table.column("scheduled_time");
  ImportedTrace out;
  JobsWithOpenEnds jobs;
  std::vector<JobSpec> never_scheduled;
  for_each_row(table, options, out, [&](const CsvRow& row) {
    const std::int64_t gpus = row.integer(num_gpu, IntegerRange::between(0, 1 << 20));
    const std::int64_t milli = row.integer(gpu_milli, IntegerRange::between(0, 1000));
    const double submit_s = row.number(created, NumberRange::non_negative());
    const std::optional<double> start_s = row.optional_number(scheduled, NumberRange::non_negative());
    const std::optional<double> end_s = row.optional_number(deleted, NumberRange::non_negative());
    ResourceRequest request;
    request.cpu_cores = row.number(cpu_milli, NumberRange::non_negative()) / 1000;
    request.memory_bytes = row.number(memory_mib, NumberRange::non_negative()) * kBytesPerMib;
    request.ppu_types = requested_ppu_types(row, gpu_spec);
    jobs.note_time(submit_s);
    jobs.note_time(end_s);
    if (gpus == 0) {
      ++out.left_out["no GPU requested"];
      return;
    }
    if (milli == 0) row.fail(gpu_milli, "a GPU share in [1, 1000] for a pod with GPUs");
    if (start_s && *start_s < submit_s) row.fail(scheduled, "a time >= creation_time");
    if (start_s && end_s && *end_s < *start_s) row.fail(deleted, "a time >= scheduled_time");
    JobSpec job;
    job.request = std::make_shared<const ResourceRequest>(std::move(request));
    job.id = row.utf8_text(name);
    job.submit_s = submit_s;
    job.ppus = static_cast<int>(gpus);
    if (gpus == 1 && milli < 1000) job.ppu_milli = static_cast<int>(milli);
    job.origin = path + ":" + std::to_string(row.line());
    if (!start_s) {
      never_scheduled.push_back(std::move(job));
    } else {
      jobs.add(std::move(job), *start_s, end_s);
    }
  });
  jobs.finish(out);
  if (!never_scheduled.empty()) {
    if (!options.keep_never_scheduled || out.jobs.jobs.empty()) {
      const char* reason = options.keep_never_scheduled
                               ? "never scheduled (Pending), and no scheduled pod to "
                                 "take a run time from"
                               : "never scheduled (Pending; --drop-pending)";
      out.left_out[reason] += static_cast<std::int64_t>(never_scheduled.size());
    } else {
      const double run_s = median_run_time(out.jobs.jobs);
      const std::string assumption =
          "never scheduled (Pending), run time = the median of the scheduled pods, " +
          JsonReader::format_number(run_s) + " s";
      out.kept_with_assumption[assumption] += static_cast<std::int64_t>(never_scheduled.size());
      for (JobSpec& job : never_scheduled) {
        job.measured_duration_s = run_s;
        out.jobs.jobs.push_back(std::move(job));
      }
    }
  }
  finish_jobs(out, path, false);
  return out;
}

}  // namespace ppusim
