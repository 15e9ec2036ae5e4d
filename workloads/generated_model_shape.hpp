// The transformer a generated model job trains, and how it is laid out on the job's PPUs
// (docs/workloads.md, "Model jobs"). The generator draws a job's size and work; this picks,
// from a small table of published dense decoder shapes (GPT-3, Llama 2, Llama 3), the one
// whose parameter count is nearest (in ratio) to the former heuristic 1e9·√P, and a layout
// that the step-time model accepts on the scenario's chip, with a global batch that grows with
// the job as published runs' do:
//   B   max(the workload's default_global_batch_tokens, 1024 tokens × P)
//   t   the largest power of two ≤ min(8, scale-up domain, P) dividing heads and kv_heads
//   p   the smallest divisor of the layers with t·p dividing P, d = P/(t·p) replicas of at least
//       one sequence each, and the PPU's state within its HBM: ZeRO-1 (Megatron-LM's distributed
//       optimizer), or ZeRO-2 when p = 1; selective recomputation; micro-batches of one sequence
// When the nearest shape has no such layout on this chip, the next smaller one is tried; when
// none has, the job stays a model known by its parameter count only.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "sim/config/scenario.hpp"
#include "workloads/job_spec.hpp"

namespace ppusim {

struct PublishedShape {
  std::string_view name;  // "llama3-70b": for messages and tests
  TransformerShape shape;
  std::string_view source;  // the paper and table the figures come from
};

/// The table, smallest model first.
std::span<const PublishedShape> published_shapes();

struct GeneratedModel {
  const PublishedShape* shape = nullptr;
  Parallelism parallelism;
  double parameters = 0;           // N of the shape (transformer_model.hpp)
  double flops_per_token = 0;      // model FLOPs per trained token, attention included
  double global_batch_tokens = 0;  // B
};

/// The shape, batch and layout for a model job of `ppus` PPUs on `scenario`'s chip and node,
/// given the workload's default batch `default_batch_tokens`, or
/// nothing when no shape of the table has a valid layout that fits. Deterministic; cheap
/// enough to call once per distinct size. `largest_shape`, a name of the table, replaces the
/// nearest-1e9·√P rule: that shape is tried first (a job class's named model).
std::optional<GeneratedModel> choose_generated_model(int ppus, double default_batch_tokens,
                                                     const Scenario& scenario,
                                                     std::string_view largest_shape = {});

}  // namespace ppusim
