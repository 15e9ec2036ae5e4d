// The layouts a planner could run a job with, ranked by throughput (`ppusim explain
// --search`, docs/models.md section k). In the spirit of Calculon's and Vidur's searches:
// every combination of
//   t   a divisor of the heads and key/value heads, at most the scale-up domain
//   p   a divisor of the layers;   v a divisor of l/p (interleaving; v = 1 when p = 1), ≤ 8
//   b   sequences per micro-batch in {1, 2, 4, 8} (m = B/(d·b))
//   ZeRO stage 0..3, recomputation none / selective / full
// with t·p·c dividing P (c, experts, precision and batch as the job gives them), that passes
// layout_check.hpp and fits the PPU's HBM. Ranked by step time (the batch is fixed, so the
// shortest step is the highest throughput); ties keep the smaller memory.
#pragma once

#include <vector>

#include "sim/config/scenario.hpp"
#include "workloads/job_spec.hpp"
#include "workloads/ppu_memory.hpp"
#include "workloads/step_time_model.hpp"

namespace ppusim {

struct LayoutCandidate {
  Parallelism parallelism;
  StepEstimate step;
  MemoryPerPpu memory;
};

struct LayoutSearchResult {
  std::vector<LayoutCandidate> fitting;  // best first
  long long layouts_tried = 0;           // valid layouts (divisibility, domain, micro-batch)
  /// The valid layout with the least memory per PPU, whether it fits or not.
  std::optional<LayoutCandidate> smallest_memory;
};

LayoutSearchResult search_layouts(const JobSpec& job, const Scenario& scenario);

}  // namespace ppusim
