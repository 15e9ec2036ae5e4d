#include "workloads/job_performance.hpp"

#include <algorithm>

namespace ppusim {

double peak_flops_per_s(const PpuSpec& ppu, Precision precision) {
  return precision == Precision::Fp8 ? ppu.peak_fp8_flops_per_s : ppu.peak_bf16_flops_per_s;
}

JobWork derive_job_work(const JobSpec& job, const Scenario& scenario) {
  const WorkloadSpec& workload = scenario.workload;
  const double job_peak = job.ppus * peak_flops_per_s(scenario.ppu, job.precision);
  const double delivered_rate = job_peak * workload.model_flops_utilization;

  JobWork work;
  if (job.total_flops) {
    work.total_flops = *job.total_flops;
  } else if (job.model) {
    work.total_flops = 6.0 * job.model->parameters * job.model->tokens;
  } else {
    work.total_flops = *job.measured_duration_s * delivered_rate;
  }
  work.compute_s = work.total_flops / delivered_rate;

  if (job.model) {
    const ModelDescription& model = *job.model;
    const double batch =
        model.global_batch_tokens > 0 ? model.global_batch_tokens : workload.default_global_batch_tokens;
    work.steps = std::max(1.0, model.tokens / batch);
    const int shards = job.parallelism.tensor * job.parallelism.pipeline;
    const int d = std::max(1, job.ppus / shards);
    work.data_parallel_degree = d;
    const double gradient_bytes_per_ppu = workload.gradient_bytes_per_parameter * model.parameters / shards;
    work.allreduce_bytes_per_ppu_per_step = 2.0 * (d - 1) / d * gradient_bytes_per_ppu;
  }
  return work;
}

}  // namespace ppusim
