// Alibaba cluster-trace-gpu-v2025, disaggregated DLRM inference: one long-running serving
// instance per row, instance_sn,role,app_name,cpu_request,...,gpu_request,...,creation_time,
// scheduled_time,deletion_time (seconds in the trace's window). Role HN instances hold GPUs,
// CN instances (CPU nodes) do not.
//
// An instance with GPUs becomes a long-running job on gpu_request PPUs, submitted at
// creation_time and running from scheduled_time to deletion_time. Missing times follow the
// trace's README: no creation/scheduled time = created before the window began (submitted and
// started at 0); no deletion time = still running when the window ends (the latest time in
// the file). Left out: instances without GPUs, instances created but never scheduled.
#include "workloads/importers/import_rows.hpp"
#include "workloads/importers/importers.hpp"

namespace ppusim {

ImportedTrace import_dlrm_instances(const std::string& path, const ImportOptions& options) {
  CsvTable table(CsvReader::open(path),
                 {"instance_sn", "role", "gpu_request", "creation_time", "scheduled_time", "deletion_time"},
                 false);
  const std::size_t name = table.column("instance_sn");
  const std::size_t gpu_request = table.column("gpu_request");
  const std::size_t created = table.column("creation_time");
  const std::size_t scheduled = table.column("scheduled_time");
  const std::size_t deleted = table.column("deletion_time");
  ImportedTrace out;
  JobsWithOpenEnds jobs;
  for_each_row(table, options, out, [&](const CsvRow& row) {
    const std::int64_t gpus = row.integer(gpu_request, IntegerRange::between(0, 1 << 20));
    const std::optional<double> submit_s = row.optional_number(created, NumberRange::non_negative());
    const std::optional<double> start_s = row.optional_number(scheduled, NumberRange::non_negative());
    const std::optional<double> end_s = row.optional_number(deleted, NumberRange::non_negative());
    jobs.note_time(submit_s);
    jobs.note_time(start_s);
    jobs.note_time(end_s);
    if (gpus == 0) {
      ++out.left_out["no GPU requested"];
      return;
    }
    if (submit_s && !start_s) {
      ++out.left_out["never scheduled"];
      return;
    }
    if (start_s && submit_s && *start_s < *submit_s) row.fail(scheduled, "a time >= creation_time");
    if (end_s && start_s && *end_s < *start_s) row.fail(deleted, "a time >= scheduled_time");
    JobSpec job;
    job.id = row.utf8_text(name);
    job.submit_s = submit_s.value_or(0);
    job.ppus = static_cast<int>(gpus);
    job.origin = path + ":" + std::to_string(row.line());
    jobs.add(std::move(job), start_s.value_or(0), end_s);
  });
  jobs.finish(out);
  finish_jobs(out, path, false);
  return out;
}

}  // namespace ppusim
