// Work a simulation can finish. Every number in a trace row may be a finite double and the
// work derived from it still overflow: 6 · 1e300 · 1e300 FLOPs, a measured duration of 1.8e308 s
// times a peak of 1e15 FLOP/s, 1e300 tokens over a batch of 5e-324 tokens. A job of infinite
// work never ends, and the run would hang with the job "running" (docs/robustness.md). So the
// workload is checked once, after it is read or drawn and before anything is simulated.
#pragma once

#include "sim/config/scenario.hpp"
#include "workloads/job_spec.hpp"

namespace ppusim {

/// Throws InputError naming the job's row (or "generator") and the quantity that is not a
/// finite number: total FLOPs, compute time, optimizer steps or gradient bytes per step.
void check_work_is_finite(const JobTrace& trace, const Scenario& scenario);

}  // namespace ppusim
