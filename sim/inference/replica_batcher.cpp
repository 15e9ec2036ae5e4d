#include "sim/inference/replica_batcher.hpp"

#include <algorithm>

namespace ppusim {

bool ReplicaBatcher::can_ever_fit(const InferenceRequest& request) const {
  return kv_need(request) <= batching_.kv_cache_bytes;
}

void ReplicaBatcher::enqueue(int id, const InferenceRequest& request) {
  waiting_.push_back(id);
  outstanding_tokens_ += request.input_tokens + request.output_tokens;
}

void ReplicaBatcher::admit(const std::vector<InferenceRequest>& requests, IterationLoad& load) {
  std::int64_t prompt_tokens = 0;
  while (!waiting_.empty()) {
    const InferenceRequest& next = requests[waiting_.front()];
    const bool batch_full =
        running_.size() + prefilling_.size() >= static_cast<std::size_t>(batching_.max_batch_size);
    const bool over_budget =
        !prefilling_.empty() && prompt_tokens + next.input_tokens > batching_.max_batched_tokens;
    const bool cache_full = kv_reserved_bytes_ + kv_need(next) > batching_.kv_cache_bytes;
    if (batch_full || over_budget || cache_full) break;
    prefilling_.push_back(waiting_.front());
    waiting_.pop_front();
    prompt_tokens += next.input_tokens;
    kv_reserved_bytes_ += kv_need(next);
    const auto n = static_cast<double>(next.input_tokens);
    load.prefill_tokens += n;
    load.prefill_tokens_squared += n * n;
  }
}

std::optional<IterationRecord> ReplicaBatcher::start_iteration_if_idle(
    double now, const std::vector<InferenceRequest>& requests) {
  if (busy()) return std::nullopt;
  IterationLoad load;
  load.decode_tokens = static_cast<double>(running_.size());
  load.decode_context_tokens = running_context_tokens_;
  admit(requests, load);
  if (load.empty()) return std::nullopt;
  iteration_end_s_ = now + roofline_->iteration_s(load);
  return IterationRecord{now, iteration_end_s_, roofline_->flops(load)};
}

std::vector<int> ReplicaBatcher::abandon() {
  std::vector<int> held = running_;
  held.insert(held.end(), prefilling_.begin(), prefilling_.end());
  held.insert(held.end(), waiting_.begin(), waiting_.end());
  running_.clear();
  prefilling_.clear();
  waiting_.clear();
  running_context_tokens_ = 0;
  kv_reserved_bytes_ = 0;
  outstanding_tokens_ = 0;
  iteration_end_s_ = kIdle;
  return held;
}

std::optional<IterationRecord> ReplicaBatcher::finish_iteration(const std::vector<InferenceRequest>& requests,
                                                                std::vector<RequestProgress>& progress) {
  const double now = iteration_end_s_;
  // Every running request got one more token; those that reached their output length leave
  // and free their KV reservation. A running request attends to input + generated tokens.
  outstanding_tokens_ -= static_cast<std::int64_t>(running_.size());
  std::size_t kept = 0;
  for (int id : running_) {
    RequestProgress& p = progress[id];
    ++p.generated;
    p.last_token_s = now;
    if (p.generated < requests[id].output_tokens) {
      running_[kept++] = id;
      running_context_tokens_ += 1;
    } else {
      running_context_tokens_ -= static_cast<double>(requests[id].input_tokens + p.generated - 1);
      kv_reserved_bytes_ -= kv_need(requests[id]);
    }
  }
  running_.resize(kept);
  // Prefills yield their first token; those with more to say start decoding.
  for (int id : prefilling_) {
    RequestProgress& p = progress[id];
    const InferenceRequest& request = requests[id];
    outstanding_tokens_ -= request.input_tokens + 1;
    p.generated = 1;
    p.first_token_s = p.last_token_s = now;
    if (request.output_tokens > 1) {
      running_.push_back(id);
      running_context_tokens_ += static_cast<double>(request.input_tokens + 1);
    } else {
      kv_reserved_bytes_ -= kv_need(request);
    }
  }
  prefilling_.clear();
  // Exact zeros when the replica empties, so that sums of doubles do not drift over a long run.
  if (running_.empty()) {
    running_context_tokens_ = 0;
    kv_reserved_bytes_ = 0;
  }
  iteration_end_s_ = kIdle;
  return start_iteration_if_idle(now, requests);
}

}  // namespace ppusim
