#include "workloads/job_performance.hpp"

#include <algorithm>
#include <optional>

#include "workloads/chip_family_efficiency.hpp"
#include "workloads/step_time_cache.hpp"
#include "workloads/transformer_model.hpp"

namespace ppusim {

namespace {

/// Ring all-reduce traffic per PPU: 2 (n − 1) / n times the bytes reduced, over n ranks.
double ring_allreduce_bytes(double bytes, int ranks) {
  return ranks > 1 ? 2.0 * (ranks - 1) / ranks * bytes : 0.0;
}

/// The per-step terms of a job given by its transformer shape.
void add_transformer_terms(const JobSpec& job, const Scenario& scenario, double u, double batch_tokens,
                           JobWork& work) {
  const ModelDescription& model = *job.model;
  const TransformerShape& shape = *model.shape;
  const double sequences = batch_tokens / shape.sequence_length;
  const ReplicaLayout layout = replica_layout(job.parallelism, job.ppus, sequences);
  const StepFlops flops = flops_per_step(shape, sequences, layout.recomputation);
  const double delivered_rate = job.ppu_equivalents() * peak_flops_per_s(scenario.ppu, job.precision) * u;
  work.total_flops = work.steps * flops.model;
  work.compute_s = work.steps * flops.executed / delivered_rate;

  const double ideal_step_s = work.compute_s / work.steps;
  work.bubble_s_per_step = (layout.pipeline - 1) / layout.micro_batches * ideal_step_s;

  const double intra = scenario.node.intra_node_bandwidth_bytes_per_s;
  work.tensor_comm_s_per_step = tensor_parallel_bytes_per_ppu_per_step(shape, layout) / intra;

  // Expert ranks are data-parallel ranks, t PPUs apart (Megatron's rank order: tensor, then
  // data); r of a group of e share a node, and the rest of the all-to-all leaves it.
  const double all_to_all = expert_all_to_all_bytes_per_ppu_per_step(shape, layout);
  const int ppn = scenario.node.ppus_per_node;
  const int e = layout.expert;
  if (all_to_all > 0) {
    const int nodes = std::max(1, (job.ppus - 1) / ppn + 1);
    const int r = nodes == 1 ? e : std::clamp(ppn / layout.tensor, 1, e);
    const double in_node = all_to_all * (r - 1) / (e - 1);
    const double off_node = all_to_all - in_node;
    work.expert_off_node_bytes_per_ppu_per_step = off_node;
    const double ppus_on_node = std::min(job.ppus, ppn);
    work.expert_comm_s_per_step =
        std::max(in_node / intra, ppus_on_node * off_node / scenario.node.node_nic_bandwidth_bytes_per_s());
  }

  // Gradients: dense ones reduced over the d replicas, each expert's over its d / e replicas;
  // ZeRO-3 gathers the weights once more in the backward pass: 1.5 times the traffic
  // (Rajbhandari et al. 2020, §7).
  const TransformerParameters n = transformer_parameters(shape);
  const double g = scenario.workload.gradient_bytes_per_parameter;
  const double shards = static_cast<double>(layout.tensor) * layout.pipeline;
  double v = ring_allreduce_bytes(g * n.dense / shards, layout.data) +
             ring_allreduce_bytes(g * n.experts / (shards * e), layout.data / e);
  if (job.parallelism.zero_stage >= 3) v *= 1.5;
  work.allreduce_bytes_per_ppu_per_step = v;
}

/// The step-time model's terms (step_time_model.hpp): its compute and private times, and the
/// exposed data-parallel bytes for the engine's ring, scaled by 1/η_net so that the engine's
/// time at link rate is the model's time at collective efficiency.
void add_step_model_terms(const JobSpec& job, const Scenario& scenario, JobWork& work) {
  const StepEstimate step = cached_job_step(job, scenario);
  const StepBreakdown& b = step.speed.breakdown_s;
  work.total_flops = work.steps * step.model_flops_per_step;
  work.compute_s = work.steps * b.compute;
  work.bubble_s_per_step = b.bubble;
  work.tensor_comm_s_per_step = b.tensor_parallel + b.pipeline_p2p + b.context_parallel;
  work.expert_comm_s_per_step = b.expert_all_to_all;
  work.expert_off_node_bytes_per_ppu_per_step = step.expert_off_node_bytes_per_ppu;
  if (b.data_parallel > 0 && step.data_parallel_s > 0) {
    const double efficiency = chip_family_efficiency(scenario.ppu.family).collective_efficiency;
    work.allreduce_bytes_per_ppu_per_step =
        step.data_parallel_bytes_per_ppu / efficiency * (b.data_parallel / step.data_parallel_s);
  }
  work.speed = step.speed;
}

/// The MFU the user gave for this job, if any: the row's, else the scenario's.
std::optional<double> mfu_override(const JobSpec& job, const Scenario& scenario) {
  if (job.mfu) return job.mfu;
  if (scenario.workload.model_flops_utilization_given) return scenario.workload.model_flops_utilization;
  return std::nullopt;
}

}  // namespace

double peak_flops_per_s(const PpuSpec& ppu, Precision precision) {
  return precision == Precision::Fp8 ? ppu.peak_fp8_flops_per_s : ppu.peak_bf16_flops_per_s;
}

JobWork derive_job_work(const JobSpec& job, const Scenario& scenario) {
  const WorkloadSpec& workload = scenario.workload;
  const double job_peak = job.ppu_equivalents() * peak_flops_per_s(scenario.ppu, job.precision);
  const std::optional<double> given = mfu_override(job, scenario);
  const double u = given.value_or(chip_family_efficiency(scenario.ppu.family).unshaped_mfu);
  const double delivered_rate = job_peak * u;

  JobWork work;
  work.speed.source = given ? SpeedSource::MfuOverride : SpeedSource::FamilyDefault;
  work.speed.mfu = u;
  const int shards = job.parallelism.tensor * job.parallelism.pipeline;
  work.data_parallel_degree = std::max(1, job.ppus / shards);
  if (job.model) {
    const ModelDescription& model = *job.model;
    const double batch =
        model.global_batch_tokens > 0 ? model.global_batch_tokens : workload.default_global_batch_tokens;
    work.steps = std::max(1.0, model.tokens / batch);
    if (model.shape) {
      if (given) {
        add_transformer_terms(job, scenario, u, batch, work);
        work.speed.step_time_s = (work.compute_s + work.steps * work.step_overhead_s()) / work.steps;
      } else {
        add_step_model_terms(job, scenario, work);
      }
      return work;
    }
    work.total_flops = 6.0 * model.parameters * model.tokens;
    const double gradient_bytes_per_ppu = workload.gradient_bytes_per_parameter * model.parameters / shards;
    work.allreduce_bytes_per_ppu_per_step =
        ring_allreduce_bytes(gradient_bytes_per_ppu, work.data_parallel_degree);
  } else if (job.total_flops) {
    work.total_flops = *job.total_flops;
  } else {
    work.total_flops = *job.measured_duration_s * delivered_rate;
  }
  work.compute_s = work.total_flops / delivered_rate;
  return work;
}

}  // namespace ppusim
