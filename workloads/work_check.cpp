#include "workloads/work_check.hpp"

#include <cmath>
#include <sstream>

#include "sim/core/input_error.hpp"
#include "workloads/job_performance.hpp"

namespace ppusim {

namespace {

/// What the row said that the quantity came from, for the message.
std::string work_source(const JobSpec& job) {
  if (job.origin == "generator")
    return "the generator's duration · PPUs · peak FLOP/s · model FLOPs utilization";
  if (job.total_flops) return "\"flops\"";
  if (job.model && job.model->shape) return "the model's shape and \"tokens\"";
  if (job.model) return "6 · \"parameters\" · \"tokens\"";
  return "\"duration_s\" · PPUs · peak FLOP/s · model FLOPs utilization";
}

[[noreturn]] void refuse(const JobSpec& job, const std::string& quantity, double value,
                         const std::string& from) {
  std::ostringstream message;
  message << (job.origin.empty() ? "job " + job.id : job.origin) << ": job " << job.id << ": " << quantity
          << " is " << value << " (from " << from << "), expected a finite number: the job would never end";
  throw InputError(message.str());
}

}  // namespace

void check_work_is_finite(const JobTrace& trace, const Scenario& scenario) {
  for (const JobSpec& job : trace.jobs) {
    const JobWork work = derive_job_work(job, scenario);
    if (!std::isfinite(work.total_flops))
      refuse(job, "its work in FLOPs", work.total_flops, work_source(job));
    if (!std::isfinite(work.compute_s))
      refuse(job, "its compute time in seconds", work.compute_s, work_source(job));
    if (!std::isfinite(work.steps))
      refuse(job, "its number of optimizer steps", work.steps, "\"tokens\" / batch tokens");
    if (!std::isfinite(work.allreduce_bytes_per_ppu_per_step)) {
      refuse(job, "its gradient bytes per step", work.allreduce_bytes_per_ppu_per_step, "\"parameters\"");
    }
    if (!std::isfinite(work.step_overhead_s())) {
      refuse(job, "its pipeline, tensor and expert time per step", work.step_overhead_s(), work_source(job));
    }
  }
}

}  // namespace ppusim
