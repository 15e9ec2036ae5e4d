// Alibaba PAI cluster-trace-gpu-v2020, task table (pai_task_table, published without a
// header): job_name,task_name,inst_num,status,start_time,end_time,plan_cpu,plan_mem,plan_gpu,
// gpu_type. A job has one or more tasks (worker, ps, ...), each of inst_num instances asking
// plan_gpu percent of a GPU each (100 = one GPU; NaN = none). Times are Unix seconds.
//
// Tasks are grouped by job_name into one job: its PPUs are Σ inst_num·plan_gpu/100 rounded
// up (a job under one GPU gets ppus 1 and ppu_milli = its share in thousandths), submitted
// when its first task started, running until its last task ended (a task without end_time:
// still running when the trace ends). Left out: jobs without GPUs, jobs none of whose tasks
// started. Submit times are shifted so that the first is 0.
#include <cmath>
#include <unordered_map>

#include "workloads/importers/import_rows.hpp"
#include "workloads/importers/importers.hpp"

namespace ppusim {
namespace {

struct JobSoFar {
  std::int64_t line = 0;  // of its first task
  double gpu_share = 0;   // in GPUs
  std::optional<double> start_s;
  std::optional<double> end_s;
  bool open_end = false;  // some task has no end time
};

}  // namespace

ImportedTrace import_pai_tasks(const std::string& path, const ImportOptions& options) {
  CsvTable table(CsvReader::open(path),
                 {"job_name", "task_name", "inst_num", "status", "start_time", "end_time", "plan_cpu",
                  "plan_mem", "plan_gpu", "gpu_type"},
                 true);
  const std::size_t job_name = table.column("job_name");
  const std::size_t instances = table.column("inst_num");
  const std::size_t started = table.column("start_time");
  const std::size_t ended = table.column("end_time");
  const std::size_t plan_gpu = table.column("plan_gpu");
  ImportedTrace out;
  std::vector<std::string> order;  // job names, first seen first
  std::unordered_map<std::string, JobSoFar> jobs;
  JobsWithOpenEnds finished;
  for_each_row(table, options, out, [&](const CsvRow& row) {
    const double count = row.number(instances, NumberRange::positive());
    const double percent = row.optional_number(plan_gpu, NumberRange::non_negative()).value_or(0);
    const std::optional<double> start_s = row.optional_number(started, NumberRange::non_negative());
    const std::optional<double> end_s = row.optional_number(ended, NumberRange::non_negative());
    if (start_s && end_s && *end_s < *start_s) row.fail(ended, "a time >= start_time");
    finished.note_time(start_s);
    finished.note_time(end_s);
    const std::string name = row.utf8_text(job_name);
    if (name.empty()) row.fail(job_name, "a job name");
    auto [it, first] = jobs.try_emplace(name);
    JobSoFar& job = it->second;
    if (first) {
      order.push_back(name);
      job.line = row.line();
    }
    job.gpu_share += count * percent / 100;
    if (start_s) job.start_s = job.start_s ? std::min(*job.start_s, *start_s) : *start_s;
    if (start_s && !end_s) job.open_end = true;
    if (end_s) job.end_s = job.end_s ? std::max(*job.end_s, *end_s) : *end_s;
  });
  for (const std::string& name : order) {
    const JobSoFar& so_far = jobs.at(name);
    if (!(so_far.gpu_share > 0)) {
      ++out.left_out["no GPU requested"];
      continue;
    }
    if (!so_far.start_s) {
      ++out.left_out["never started"];
      continue;
    }
    JobSpec job;
    job.id = name;
    job.submit_s = *so_far.start_s;
    job.ppus = static_cast<int>(std::min(std::ceil(so_far.gpu_share - 1e-9), 2147483647.0));
    if (so_far.gpu_share < 1) {
      job.ppus = 1;
      job.ppu_milli = std::max(1, static_cast<int>(std::lround(so_far.gpu_share * 1000)));
    }
    job.origin = path + ":" + std::to_string(so_far.line);
    finished.add(std::move(job), *so_far.start_s, so_far.open_end ? std::nullopt : so_far.end_s);
  }
  finished.finish(out);
  out.epoch_of_time_zero_s = 0;
  finish_jobs(out, path, true);
  return out;
}

}  // namespace ppusim
