// How much a training job reads while it trains (docs/models.md, section c2), and the check that
// a trace's streaming inputs can be served by the scenario's storage.
#pragma once

#include "sim/config/scenario.hpp"
#include "workloads/job_performance.hpp"
#include "workloads/job_spec.hpp"

namespace ppusim {

/// The bytes the job reads over one attempt's whole run: bytes per step × steps, per token ×
/// the model's tokens D, or per sample × D / sequence_length. 0 for a job without input.
double streaming_input_bytes(const JobSpec& job, const JobWork& work);

/// Throws InputError naming the job's row and /input/dataset when a job names a dataset the
/// scenario's `storage.datasets` does not list, and /input when its input is not finite.
void check_streaming_inputs(const JobTrace& trace, const Scenario& scenario);

}  // namespace ppusim
