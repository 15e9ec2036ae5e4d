// Helios (SenseTime, Hu et al., SC'21) and Acme (Seren and Kalos, Hu et al., NSDI'24) job
// traces share one schema: job_id,user,gpu_num,cpu_num,node_num,state,submit_time,
// start_time,end_time,duration,queue (Acme adds type). Times are calendar times
// ("2020-04-01 00:00:07") or seconds; duration is the run time in seconds.
//
// A row becomes a job of gpu_num PPUs submitted at submit_time with measured_duration_s =
// duration (or end_time − start_time when duration is empty). Every final state is kept
// (completed, failed, cancelled, timed out): each occupied its GPUs for its run time. Left out:
// CPU-only jobs, jobs of zero run time. Submit times are shifted so that the first is 0.
#include "workloads/importers/import_rows.hpp"
#include "workloads/importers/importers.hpp"

namespace ppusim {

ImportedTrace import_helios_jobs(const std::string& path, const ImportOptions& options) {
  CsvTable table(CsvReader::open(path),
                 {"job_id", "gpu_num", "submit_time", "start_time", "end_time", "duration"}, false);
  const std::size_t id = table.column("job_id");
  const std::size_t gpu_num = table.column("gpu_num");
  const std::size_t submitted = table.column("submit_time");
  const std::size_t started = table.column("start_time");
  const std::size_t ended = table.column("end_time");
  const std::size_t duration = table.column("duration");
  ImportedTrace out;
  for_each_row(table, options, out, [&](const CsvRow& row) {
    const std::int64_t gpus = row.integer(gpu_num, IntegerRange::between(0, 2147483647));
    const std::optional<double> submit_s = optional_time(row, submitted);
    if (!submit_s) row.fail(submitted, "a submit time");
    std::optional<double> run_s = row.optional_number(duration, NumberRange::non_negative());
    if (!run_s) {
      const std::optional<double> start_s = optional_time(row, started);
      const std::optional<double> end_s = optional_time(row, ended);
      if (!start_s || !end_s) row.fail(duration, "a run time, or both start_time and end_time");
      if (*end_s < *start_s) row.fail(ended, "a time >= start_time");
      run_s = *end_s - *start_s;
    }
    if (gpus == 0) {
      ++out.left_out["no GPU requested"];
      return;
    }
    if (*run_s == 0) {
      ++out.left_out["ran for 0 s"];
      return;
    }
    JobSpec job;  // pushed only once every field is read: a bad row leaves nothing behind
    job.id = row.utf8_text(id);
    job.submit_s = *submit_s;
    job.ppus = static_cast<int>(gpus);
    job.measured_duration_s = *run_s;
    job.origin = path + ":" + std::to_string(row.line());
    out.jobs.jobs.push_back(std::move(job));
  });
  out.epoch_of_time_zero_s = 0;
  finish_jobs(out, path, true);
  return out;
}

}  // namespace ppusim
