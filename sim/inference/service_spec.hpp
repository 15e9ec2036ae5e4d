// An inference service as the scenario describes it (docs/inference.md): a model served by
// replicas of a few PPUs each, a batching engine per replica, a routing policy, optional
// autoscaling, SLO thresholds, and where its requests come from. Plain data in SI units,
// produced and validated by service_loader.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace ppusim {

/// The served model: what the roofline (roofline.hpp) needs.
struct ServedModel {
  double parameters = 0;           // N
  int layers = 0;                  // L
  double hidden_size = 0;          // d_model
  double bytes_per_parameter = 2;  // 2 for BF16 weights, 1 for FP8
  bool fp8_compute = false;        // use the PPU's FP8 peak instead of BF16
  /// K and V for one token in every layer: 2 · L · kv_heads · head_dim · bytes per element.
  double kv_bytes_per_token = 0;

  double weight_bytes() const { return parameters * bytes_per_parameter; }
};

/// How one replica batches (vLLM's max_num_seqs, max_num_batched_tokens, KV cache).
struct BatchingSpec {
  int max_batch_size = 256;                // running requests at most
  std::int64_t max_batched_tokens = 8192;  // prefill tokens admitted per iteration at most
  double kv_cache_bytes = 0;               // per replica; derived from HBM when not given
};

/// Achieved fractions of peak on the roofline's two roofs.
struct RooflineEfficiency {
  double compute = 0.5;
  double memory_bandwidth = 0.8;
};

enum class RoutingPolicy { RoundRobin, LeastOutstandingTokens, LeastOutstandingRequests };
enum class AutoscalingMetric { QueueLength, Utilization };

/// Evaluated every `interval_s`: one replica added when the metric is above `scale_up_above`,
/// one drained when it is below `scale_down_below` (docs/inference.md).
struct AutoscalingSpec {
  AutoscalingMetric metric = AutoscalingMetric::QueueLength;
  double interval_s = 60;
  double scale_up_above = 0;
  double scale_down_below = 0;
};

struct SloSpec {
  std::optional<double> ttft_s;
  std::optional<double> tpot_s;
};

/// A random token count: fixed or log-normal (median, sigma), rounded, within [min, max].
struct TokenDistribution {
  bool lognormal = false;
  double median = 0;  // the fixed value when not log-normal
  double sigma = 0;
  std::int64_t min = 1;
  std::int64_t max = 1 << 20;
};

/// Poisson arrivals at `rate_per_s` over [0, duration_s).
struct SyntheticRequests {
  double rate_per_s = 0;
  double duration_s = 0;
  TokenDistribution input_tokens;
  TokenDistribution output_tokens;
};

enum class RequestTraceFormat { AzureLlm, Mooncake, Ppusim };

struct RequestSourceSpec {
  std::string trace_path;  // resolved against the scenario's folder; empty with `synthetic`
  RequestTraceFormat format = RequestTraceFormat::Ppusim;
  /// A trace's arrival times become offset + scale · (t − first arrival in the file).
  double time_offset_s = 0;
  double time_scale = 1;
  std::optional<SyntheticRequests> synthetic;
};

struct ServiceSpec {
  std::string name;
  ServedModel model;
  int ppus_per_replica = 1;  // tensor parallel inside one node
  int pool = 0;              // the node pool its replicas run on (docs/inference.md, "pool")
  int initial_replicas = 1;
  int min_replicas = 1;
  int max_replicas = 1;
  BatchingSpec batching;
  RooflineEfficiency efficiency;
  RoutingPolicy routing = RoutingPolicy::RoundRobin;
  std::optional<AutoscalingSpec> autoscaling;
  SloSpec slo;
  RequestSourceSpec requests;
};

}  // namespace ppusim
