#include "workloads/step_time_cache.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <functional>
#include <string>
#include <unordered_map>

namespace ppusim {

namespace {

/// Every number the step model reads, as one flat key.
using Key = std::array<double, 34>;

struct KeyHash {
  std::size_t operator()(const Key& key) const {
    std::size_t hash = 0;
    for (double x : key) hash = hash * 1000003u ^ std::hash<double>{}(x);
    return hash;
  }
};

Key key_of(const JobSpec& job, const Scenario& scenario) {
  const TransformerShape& s = *job.model->shape;
  const Parallelism& l = job.parallelism;
  const CommunicationOverlap overlap = job_overlap(job, scenario);
  return {static_cast<double>(s.layers), double(s.hidden), double(s.heads_or_default()),
          double(s.sequence_length), double(s.vocabulary), double(s.experts), double(s.top_k),
          double(s.kv_heads_or_default()), s.ffn_or_default(), double(s.gated_mlp),
          batch_tokens(job, scenario), double(job.ppus), double(job.precision == Precision::Fp8),
          double(l.tensor), double(l.pipeline), double(l.expert), double(l.micro_batches),
          double(l.zero_stage), double(static_cast<int>(l.recomputation)), double(l.context),
          double(l.virtual_stages), double(overlap.tensor_parallel), double(overlap.pipeline_p2p),
          double(static_cast<int>(overlap.data_parallel)),
          // The hardware: a sweep or compare runs several scenarios in one process.
          scenario.ppu.peak_bf16_flops_per_s, scenario.ppu.peak_fp8_flops_per_s,
          scenario.ppu.hbm_bandwidth_bytes_per_s, scenario.node.intra_node_bandwidth_bytes_per_s,
          scenario.node.node_nic_bandwidth_bytes_per_s(), double(scenario.node.ppus_per_node),
          double(scenario.node.scale_up_domain()), scenario.topology.link_latency_s,
          scenario.workload.gradient_bytes_per_parameter,
          // Families are few and short: a hash collision between two of them is not a concern.
          static_cast<double>(std::hash<std::string>{}(scenario.ppu.family) % (1ULL << 52))};
}

}  // namespace

StepEstimate cached_job_step(const JobSpec& job, const Scenario& scenario) {
  // Bounded: a cache that outgrows this is not being hit, so start again.
  constexpr std::size_t kMaxEntries = 1 << 16;
  thread_local std::unordered_map<Key, StepEstimate, KeyHash> cache;
  const Key key = key_of(job, scenario);
  if (const auto it = cache.find(key); it != cache.end()) return it->second;
  if (cache.size() >= kMaxEntries) cache.clear();
  return cache.emplace(key, estimate_job_step(job, scenario)).first->second;
}

}  // namespace ppusim
