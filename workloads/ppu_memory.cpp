#include "workloads/ppu_memory.hpp"

#include <algorithm>
#include <cstdio>

#include "workloads/transformer_model.hpp"

namespace ppusim {

namespace {

/// Bytes in GB (10⁹), one decimal: how datasheets state HBM.
std::string gigabytes(double bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", bytes / 1e9);
  return text;
}

}  // namespace

MemoryPerPpu memory_per_ppu(const JobSpec& job, const Scenario& scenario) {
  const ModelDescription& model = *job.model;
  const Parallelism& parallel = job.parallelism;
  const double shards = static_cast<double>(parallel.tensor) * parallel.pipeline;
  const int d = std::max(1, static_cast<int>(job.ppus / (shards * parallel.context)));
  const int e = std::max(1, parallel.expert);

  double dense = model.parameters;
  double experts = 0;
  if (model.shape) {
    const TransformerParameters n = transformer_parameters(*model.shape);
    dense = n.dense;
    experts = n.experts;
  }
  // Parameters per PPU, and the same divided by the replicas ZeRO shards them over.
  const double held = dense / shards + experts / (shards * e);
  const double sharded = dense / shards / d + experts / (shards * e) / std::max(1, d / e);
  const int stage = parallel.zero_stage;

  MemoryPerPpu memory;
  memory.weights = kWeightBytes * (stage >= 3 ? sharded : held);
  memory.gradients = scenario.workload.gradient_bytes_per_parameter * (stage >= 2 ? sharded : held);
  memory.optimizer = kOptimizerBytesPerParameter * (stage >= 1 ? sharded : held);
  if (model.shape) {
    const double batch = model.global_batch_tokens > 0 ? model.global_batch_tokens
                                                       : scenario.workload.default_global_batch_tokens;
    const ReplicaLayout layout = replica_layout(parallel, job.ppus, batch / model.shape->sequence_length);
    memory.activations = activation_bytes_per_ppu(*model.shape, layout);
  }
  return memory;
}

std::optional<std::string> why_job_cannot_fit(const JobSpec& job, const Scenario& scenario) {
  // Loading refuses such layouts (layout_check.hpp); kept for jobs built in code.
  if (job.parallelism.tensor > scenario.node.scale_up_domain()) {
    return "tensor-parallel degree exceeds a node, " + std::to_string(job.parallelism.tensor) + " > " +
           std::to_string(scenario.node.scale_up_domain()) + " PPUs per scale-up domain";
  }
  if (!job.model) return std::nullopt;
  const MemoryPerPpu memory = memory_per_ppu(job, scenario);
  const double capacity = scenario.ppu.hbm_bytes * std::min(1.0, job.ppu_equivalents());
  if (memory.total() <= capacity) return std::nullopt;
  std::string reason = "exceeds PPU memory, needs " + gigabytes(memory.total()) + " GB per PPU (weights " +
                       gigabytes(memory.weights) + " + gradients " + gigabytes(memory.gradients) +
                       " + optimizer " + gigabytes(memory.optimizer);
  if (job.model->shape) reason += " + activations " + gigabytes(memory.activations);
  reason += ") > " + gigabytes(capacity) + " GB " + (job.is_fractional() ? "(its share of HBM)" : "HBM");
  return reason;
}

}  // namespace ppusim
