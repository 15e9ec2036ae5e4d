// One replica's serving engine: iteration-level continuous batching (Yu et al., "Orca",
// OSDI'22; Kwon et al., "vLLM", SOSP'23) with a KV-cache capacity limit.
//
// Each iteration runs the prefills admitted at its start plus one decode token for every
// request already running. Admission is first come, first served from the replica's queue and
// stops at the first request that does not fit, by any of: the batch size (running + admitted
// <= max_batch_size), the prefill token budget (admitted prompt tokens <= max_batched_tokens;
// a lone prompt is admitted whatever its length), and the KV cache: a request reserves
// (input + output) · kv_bytes_per_token at admission and frees it when its last token is out.
// Reserving the final size up front means a running request never runs out of cache, so there
// is no preemption or recomputation (vLLM instead grows and preempts; docs/inference.md).
//
// The prefill iteration yields a request's first token; each decode iteration one more.
// Plain C++, no SimGrid: the service simulator (service_simulator.hpp) drives it event by event.
#pragma once

#include <cstdint>
#include <deque>
#include <limits>
#include <optional>
#include <vector>

#include "sim/inference/request_source.hpp"
#include "sim/inference/roofline.hpp"
#include "sim/inference/service_spec.hpp"

namespace ppusim {

/// What happened to one request, filled in as it is served.
struct RequestProgress {
  int replica = -1;
  std::int64_t generated = 0;
  double first_token_s = -1;
  double last_token_s = -1;
  bool dropped = false;  // can never fit the replica's KV cache
};

/// One iteration, for the utilization and FLOP accounting.
struct IterationRecord {
  double start_s = 0;
  double end_s = 0;
  double flops = 0;
};

class ReplicaBatcher {
 public:
  static constexpr double kIdle = std::numeric_limits<double>::infinity();

  ReplicaBatcher(const Roofline& roofline, const BatchingSpec& batching, double kv_bytes_per_token)
      : roofline_(&roofline), batching_(batching), kv_bytes_per_token_(kv_bytes_per_token) {}

  /// Whether a request could ever be admitted (its KV reservation fits an empty cache).
  bool can_ever_fit(const InferenceRequest& request) const;
  /// Queues request `id`. Does not start an iteration: call start_iteration_if_idle.
  void enqueue(int id, const InferenceRequest& request);
  /// Starts an iteration at `now` if none is running and there is work; returns it if so.
  std::optional<IterationRecord> start_iteration_if_idle(double now,
                                                         const std::vector<InferenceRequest>& requests);
  /// Ends the running iteration at iteration_end_s(): hands out tokens, retires finished
  /// requests, and starts the next iteration (returned) if there is work.
  std::optional<IterationRecord> finish_iteration(const std::vector<InferenceRequest>& requests,
                                                  std::vector<RequestProgress>& progress);

  /// The replica died (docs/inference.md): returns every request it held — decoding,
  /// prefilling, then waiting — and forgets them with their KV cache, idle and empty.
  std::vector<int> abandon();

  double iteration_end_s() const { return iteration_end_s_; }
  bool busy() const { return iteration_end_s_ != kIdle; }
  bool empty() const { return waiting_.empty() && running_.empty() && prefilling_.empty(); }
  std::size_t waiting() const { return waiting_.size(); }
  /// Requests queued or being served, and their prompt + output tokens not yet processed.
  std::int64_t outstanding_requests() const {
    return static_cast<std::int64_t>(waiting_.size() + running_.size() + prefilling_.size());
  }
  std::int64_t outstanding_tokens() const { return outstanding_tokens_; }
  double kv_reserved_bytes() const { return kv_reserved_bytes_; }

 private:
  double kv_need(const InferenceRequest& request) const {
    return static_cast<double>(request.input_tokens + request.output_tokens) * kv_bytes_per_token_;
  }
  void admit(const std::vector<InferenceRequest>& requests, IterationLoad& load);

  const Roofline* roofline_;
  BatchingSpec batching_;
  double kv_bytes_per_token_;

  std::deque<int> waiting_;
  std::vector<int> prefilling_;        // admitted at this iteration's start
  std::vector<int> running_;           // decoding
  double running_context_tokens_ = 0;  // Σ (input + generated) over running_
  double kv_reserved_bytes_ = 0;
  std::int64_t outstanding_tokens_ = 0;
  double iteration_end_s_ = kIdle;
};

}  // namespace ppusim
