// Alibaba cluster-trace-gpu-v2023 (openb), pod list: one pod per row,
// name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,
// deletion_time,scheduled_time (seconds from the trace's start).
//
// A pod becomes a job: submitted at creation_time, running from scheduled_time to
// deletion_time (measured_duration_s), on num_gpu PPUs. A pod of one GPU with gpu_milli < 1000
// shares that GPU: ppu_milli = gpu_milli. Left out: pods without GPUs and pods never scheduled
// (Pending, no scheduled_time). A missing deletion_time means still running at the end.
#include "workloads/importers/import_rows.hpp"
#include "workloads/importers/importers.hpp"

namespace ppusim {

ImportedTrace import_openb_pods(const std::string& path, const ImportOptions& options) {
  CsvTable table(CsvReader::open(path),
                 {"name", "num_gpu", "gpu_milli", "creation_time", "deletion_time", "scheduled_time"}, false);
  const std::size_t name = table.column("name");
  const std::size_t num_gpu = table.column("num_gpu");
  const std::size_t gpu_milli = table.column("gpu_milli");
  const std::size_t created = table.column("creation_time");
  const std::size_t deleted = table.column("deletion_time");
  const std::size_t scheduled = table.column("scheduled_time");
  ImportedTrace out;
  JobsWithOpenEnds jobs;
  for_each_row(table, options, out, [&](const CsvRow& row) {
    const std::int64_t gpus = row.integer(num_gpu, IntegerRange::between(0, 1 << 20));
    const std::int64_t milli = row.integer(gpu_milli, IntegerRange::between(0, 1000));
    const double submit_s = row.number(created, NumberRange::non_negative());
    const std::optional<double> start_s = row.optional_number(scheduled, NumberRange::non_negative());
    const std::optional<double> end_s = row.optional_number(deleted, NumberRange::non_negative());
    jobs.note_time(submit_s);
    jobs.note_time(end_s);
    if (gpus == 0) {
      ++out.left_out["no GPU requested"];
      return;
    }
    if (!start_s) {
      ++out.left_out["never scheduled"];
      return;
    }
    if (milli == 0) row.fail(gpu_milli, "a GPU share in [1, 1000] for a pod with GPUs");
    if (*start_s < submit_s) row.fail(scheduled, "a time >= creation_time");
    if (end_s && *end_s < *start_s) row.fail(deleted, "a time >= scheduled_time");
    JobSpec job;
    job.id = row.utf8_text(name);
    job.submit_s = submit_s;
    job.ppus = static_cast<int>(gpus);
    if (gpus == 1 && milli < 1000) job.ppu_milli = static_cast<int>(milli);
    job.origin = path + ":" + std::to_string(row.line());
    jobs.add(std::move(job), *start_s, end_s);
  });
  jobs.finish(out);
  finish_jobs(out, path, false);
  return out;
}

}  // namespace ppusim
