// How fast a training job runs, and why: what the report shows per job (jobs.csv) and sums up
// (report.json "training_speed"). The step-time model (workloads/step_time_model.hpp) fills
// the breakdown; jobs whose speed rests on a typed-in MFU have only the MFU.
#pragma once

#include <compare>

namespace ppusim {

/// Where a job's speed came from (docs/models.md, section a).
enum class SpeedSource {
  StepModel,      // a transformer shape and layout, through the step-time model
  MfuOverride,    // an MFU the user gave: the row's `mfu` or the scenario's
  FamilyDefault,  // work without a shape (FLOPs, parameters, durations): the family's default MFU
};

inline const char* speed_source_name(SpeedSource source) {
  switch (source) {
    case SpeedSource::StepModel:
      return "step-model";
    case SpeedSource::MfuOverride:
      return "mfu-override";
    case SpeedSource::FamilyDefault:
      return "family-default";
  }
  return "family-default";
}

/// One optimizer step's time, split into what adds up to it (seconds). Only the exposed part
/// of each communication counts: what overlaps compute is not in it.
struct StepBreakdown {
  double compute = 0;            // every micro-batch's forward and backward on one stage
  double tensor_parallel = 0;    // tensor/sequence-parallel collectives on the scale-up fabric
  double bubble = 0;             // pipeline fill and drain: (p − 1)/(v·m) of the ideal step
  double pipeline_p2p = 0;       // activations and their gradients between stages
  double data_parallel = 0;      // the gradient (ZeRO/FSDP) traffic the backward pass does not hide
  double expert_all_to_all = 0;  // mixture-of-experts dispatch and combine
  double context_parallel = 0;   // ring-attention key/value exchange not hidden by attention

  double total() const {
    return compute + tensor_parallel + bubble + pipeline_p2p + data_parallel + expert_all_to_all +
           context_parallel;
  }
  auto operator<=>(const StepBreakdown&) const = default;
};

struct JobSpeed {
  SpeedSource source = SpeedSource::FamilyDefault;
  double step_time_s = 0;  // one optimizer step alone on its PPUs; 0 for work without steps
  double mfu = 0;          // model FLOPs / (PPUs · dense peak · time), uncontended
  StepBreakdown breakdown_s;
  /// Field by field, so that a run's records can share one copy of each distinct speed.
  auto operator<=>(const JobSpeed&) const = default;
};

/// The speed of a job the run has not derived (yet): the family default, nothing known.
inline const JobSpeed kUnknownJobSpeed{};

}  // namespace ppusim
