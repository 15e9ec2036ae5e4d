// Whether a job's parallel layout can run at all on the scenario's hardware, checked before
// anything is simulated or explained (docs/models.md, section k). Each problem names the
// trace field that causes it:
//   t·p·c must divide P (d = P/(t·p·c) data-parallel replicas)        /parallelism
//   t must divide the attention heads and the key/value heads         /model/heads, /model/kv_heads
//   p·v must divide the layers (v interleaved chunks per stage)       /parallelism/pipeline, /virtual_stages
//   t at most the scale-up domain (node.scale_up_domain_ppus)          /parallelism/tensor
//   a micro-batch holds at least one sequence: B/(d·m) ≥ 1             /parallelism/micro_batches
#pragma once

#include <optional>
#include <string>

#include "sim/config/scenario.hpp"
#include "workloads/job_spec.hpp"

namespace ppusim {

struct LayoutProblem {
  std::string pointer;  // JSON pointer inside the trace row
  std::string message;  // "found ..., expected ..."
};

/// The first problem with the job's layout, or nothing.
std::optional<LayoutProblem> find_layout_problem(const JobSpec& job, const Scenario& scenario);

/// Throws InputError "<origin>: <pointer>: <message>" for the first job with a problem.
void check_job_layouts(const JobTrace& trace, const Scenario& scenario);

}  // namespace ppusim
