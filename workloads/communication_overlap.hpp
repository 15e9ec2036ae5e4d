// Which of a training job's communication runs behind its compute: a property of the training
// software (Megatron-LM's defaults, or MegaScale's overlapped schedule), not of the model or
// the hardware. The step-time model (workloads/step_time_model.hpp) counts only the exposed
// part of each overlapped term, exposed = max(0, communication − window); docs/models.md,
// section (k), "Overlap", has the windows.
//
// A scenario sets the default for its jobs (`workload.overlap`); a trace row may override any
// field (`parallelism.overlap`). Unset everywhere, the settings are Megatron-LM's defaults.
#pragma once

#include <optional>
#include <string_view>

namespace ppusim {

/// When the data-parallel gradient traffic runs.
enum class DataParallelOverlap {
  None,                // after the backward pass, in full (plain DDP without bucketing)
  Backward,            // bucketed during the last micro-batch's backward pass (Megatron-LM)
  ForwardAndBackward,  // also during the first micro-batch's forward pass: with a sharded
                       // optimizer (ZeRO ≥ 1) the parameter all-gather is prefetched (MegaScale)
};

struct CommunicationOverlap {
  /// Tensor/sequence-parallel all-gathers and reduce-scatters fused with the GEMMs next to
  /// them (MegaScale §3.2); false: they run between the GEMMs (Megatron-LM's default).
  bool tensor_parallel = false;
  /// Pipeline sends and receives issued asynchronously, behind the next chunk's compute;
  /// false: each stage waits for its transfers (Megatron-LM's default).
  bool pipeline_p2p = false;
  DataParallelOverlap data_parallel = DataParallelOverlap::Backward;

  bool operator==(const CommunicationOverlap&) const = default;
};

/// A trace row's overlap fields: each one absent takes the scenario's default.
struct OverlapChoice {
  std::optional<bool> tensor_parallel;
  std::optional<bool> pipeline_p2p;
  std::optional<DataParallelOverlap> data_parallel;

  CommunicationOverlap over(const CommunicationOverlap& defaults) const {
    return {tensor_parallel.value_or(defaults.tensor_parallel), pipeline_p2p.value_or(defaults.pipeline_p2p),
            data_parallel.value_or(defaults.data_parallel)};
  }
  bool empty() const { return !tensor_parallel && !pipeline_p2p && !data_parallel; }
};

/// The JSON spelling of each data-parallel setting: "none", "backward", "forward-and-backward".
std::string_view data_parallel_overlap_name(DataParallelOverlap overlap);
/// The setting a JSON string names, or nothing.
std::optional<DataParallelOverlap> data_parallel_overlap_named(std::string_view name);
/// The three names, for error messages.
inline constexpr std::string_view kDataParallelOverlapNames =
    R"("none", "backward" or "forward-and-backward")";

}  // namespace ppusim
