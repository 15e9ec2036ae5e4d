#include "workloads/layout_search.hpp"

#include <algorithm>
#include <numeric>

#include "workloads/layout_check.hpp"

namespace ppusim {

namespace {

std::vector<int> divisors(int n, int at_most) {
  std::vector<int> out;
  for (int i = 1; i <= std::min(n, at_most); ++i) {
    if (n % i == 0) out.push_back(i);
  }
  return out;
}

constexpr int kMaxVirtualStages = 8;
constexpr int kMicroBatchSequences[] = {1, 2, 4, 8};
constexpr Recomputation kRecomputations[] = {Recomputation::None, Recomputation::Selective,
                                             Recomputation::Full};

}  // namespace

LayoutSearchResult search_layouts(const JobSpec& job, const Scenario& scenario) {
  LayoutSearchResult result;
  const TransformerShape& shape = *job.model->shape;
  const double sequences = batch_tokens(job, scenario) / shape.sequence_length;
  const double capacity = scenario.ppu.hbm_bytes;
  const StepHardware hardware = step_hardware(scenario, job.precision);
  const CommunicationOverlap overlap = job_overlap(job, scenario);  // software, not layout: kept
  const int c = job.parallelism.context;
  const int tensor_limit = std::min(scenario.node.scale_up_domain(), job.ppus);
  JobSpec trial = job;
  for (int t : divisors(std::gcd(shape.heads_or_default(), shape.kv_heads_or_default()), tensor_limit)) {
    for (int p : divisors(shape.layers, job.ppus)) {
      const long long shards = static_cast<long long>(t) * p * c;
      if (job.ppus % shards != 0) continue;
      const double replicas = static_cast<double>(job.ppus) / shards;
      if (job.parallelism.expert > 1 && static_cast<long long>(replicas) % job.parallelism.expert != 0)
        continue;
      for (int v : p == 1 ? std::vector<int>{1} : divisors(shape.layers / p, kMaxVirtualStages)) {
        for (int b : kMicroBatchSequences) {
          const double micro_batches = sequences / replicas / b;
          if (micro_batches < 1 || micro_batches != static_cast<int>(micro_batches)) continue;
          for (int zero = 0; zero <= 3; ++zero) {
            for (Recomputation recomputation : kRecomputations) {
              Parallelism& l = trial.parallelism;
              l.tensor = t;
              l.pipeline = p;
              l.virtual_stages = v;
              l.micro_batches = static_cast<int>(micro_batches);
              l.zero_stage = zero;
              l.recomputation = recomputation;
              if (find_layout_problem(trial, scenario)) continue;
              ++result.layouts_tried;
              LayoutCandidate candidate{l, {}, memory_per_ppu(trial, scenario)};
              const double need = candidate.memory.total();
              if (!result.smallest_memory || need < result.smallest_memory->memory.total()) {
                result.smallest_memory = candidate;
              }
              if (need > capacity) continue;
              ReplicaLayout layout = replica_layout(l, job.ppus, sequences);
              layout.overlap = overlap;
              candidate.step = estimate_step(shape, sequences, layout, job.ppus, zero, hardware);
              result.fitting.push_back(std::move(candidate));
            }
          }
        }
      }
    }
  }
  std::sort(result.fitting.begin(), result.fitting.end(),
            [](const LayoutCandidate& a, const LayoutCandidate& b) {
              if (a.step.speed.step_time_s != b.step.speed.step_time_s)
                return a.step.speed.step_time_s < b.step.speed.step_time_s;
              return a.memory.total() < b.memory.total();
            });
  return result;
}

}  // namespace ppusim
