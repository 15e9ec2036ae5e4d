// The seeded synthetic generator of training jobs (docs/workloads.md, "Synthetic generator").
//
// Arrivals are a Poisson process over [0, duration_s) conditioned on the job count; sizes are
// powers of two from a truncated power law; run times at full speed are log-normal. Large
// jobs are described as transformer models of a published shape (so that they have gradient
// traffic and a step time from the step-time model), the others by their total FLOPs. The same spec, context
// and seed give the same jobs, bit for bit, on every platform (sim/core/random.hpp).
#pragma once

#include <cstdint>

#include "sim/config/scenario.hpp"
#include "workloads/job_spec.hpp"

namespace ppusim {

/// What the generator needs to know about the hardware and the performance model to turn a
/// run time into work.
struct GeneratorContext {
  int ppus_per_node = 0;
  /// Dense BF16 peak of the generator's reference chip (GeneratorSpec::reference_ppu), not of
  /// the scenario's: the drawn run times are on that chip, so the work is chip-independent.
  double peak_flops_per_s_per_ppu = 0;
  double model_flops_utilization = 0;  // fraction of peak a busy PPU delivers
  double hbm_bytes = 0;                // per PPU, for the pipeline-depth heuristic
  double default_global_batch_tokens = 0;
  /// The scenario the jobs will run on: model jobs get a published transformer shape and a
  /// layout valid on its chip and node (workloads/generated_model_shape.hpp). Without one
  /// (tests of the draws alone) they are known by their parameter count only, as before shapes.
  const Scenario* scenario = nullptr;
};

/// The shortest run time the generator produces: shorter draws are raised to it (or to
/// max_runtime_s, if that is smaller).
inline constexpr double kGeneratorMinRuntimeS = 60;

/// Generates spec.jobs jobs, sorted by submit time, with ids "g1".."gN" zero-padded to the
/// width of N ("g0001".."g1000") and origin "generator". Throws InputError when the spec or
/// the context is unusable (no power of two between min_ppus and max_ppus, a non-positive
/// duration, ...).
JobTrace generate_jobs(const GeneratorSpec& spec, const GeneratorContext& context, std::uint64_t seed);

}  // namespace ppusim
