// What one PPU of a training job holds in its memory (HBM), and whether that fits.
//
// Mixed-precision Adam (Rajbhandari et al. 2020, ZeRO §3.1): per parameter 2 bytes of BF16
// weights, g bytes of gradients (workload.gradient_bytes_per_parameter, 2) and 12 bytes of
// optimizer state (FP32 master weights, momentum, variance): 16 bytes with g = 2. A PPU holds
// its share N / (t·p) (expert weights also / e). ZeRO stage 1 divides the optimizer state by
// the data-parallel degree d, stage 2 also the gradients, stage 3 also the weights (expert
// weights over d / e, the replicas of each expert). Activations: transformer_model.hpp.
// A job whose PPUs would need more than their HBM is rejected at admission (docs/models.md).
#pragma once

#include <optional>
#include <string>

#include "sim/config/scenario.hpp"
#include "workloads/job_spec.hpp"

namespace ppusim {

inline constexpr double kOptimizerBytesPerParameter = 12;

struct MemoryPerPpu {
  double weights = 0;
  double gradients = 0;
  double optimizer = 0;
  double activations = 0;  // 0 for a model known by its parameter count only

  double total() const { return weights + gradients + optimizer + activations; }
};

/// For a job with a model description (job.model set).
MemoryPerPpu memory_per_ppu(const JobSpec& job, const Scenario& scenario);

/// Why the job can never run on this cluster's PPUs and nodes, or nothing: its training state
/// exceeds a PPU's memory (a fractional job has its share of it), or its tensor-parallel
/// degree exceeds the scale-up domain. The text is the jobs.csv reject_reason, with the numbers.
std::optional<std::string> why_job_cannot_fit(const JobSpec& job, const Scenario& scenario);

}  // namespace ppusim
