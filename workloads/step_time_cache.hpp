// Step times remembered per (shape, batch, layout, overlap, PPUs, precision, hardware): a month of a
// 100,000-PPU cluster draws many jobs of the same few shapes and layouts, and each would
// otherwise run the step model again. The placement class the model uses (one node or
// several) follows from the PPUs and the node size, both in the key.
#pragma once

#include "sim/config/scenario.hpp"
#include "workloads/job_spec.hpp"
#include "workloads/step_time_model.hpp"

namespace ppusim {

/// estimate_job_step(job, scenario), from this thread's cache when the same key was seen.
StepEstimate cached_job_step(const JobSpec& job, const Scenario& scenario);

}  // namespace ppusim
