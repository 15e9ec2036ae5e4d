// How long one batching iteration of a replica takes: the roofline model (Williams et al.,
// CACM 2009) applied to transformer inference as in Yuan et al., "LLM Inference Unveiled:
// Survey and Roofline Model Insights" (2024):
//
//     t = max( F / (P · peak · η_c),  B / (P · BW_hbm · η_m) )
//
// over the replica's P PPUs (tensor parallel: every PPU holds 1/P of weights and KV cache).
// FLOPs follow Kaplan et al. (2020): a token costs 2N plus 2·L·d per token it attends to, so
//     prefill of n tokens:            2N·n + L·d·n²      (token i attends to i tokens, Σ ≈ n²/2)
//     one decode token at context c:  2N + 2·L·d·c
// Bytes: the weights are read once per iteration, whatever the batch; each decode reads its
// whole KV cache (c tokens) and each prefill writes n tokens of KV:
//     B = N·bytes_per_parameter + kv_bytes_per_token · (Σ c + Σ n)
// So prefill (n in the thousands) is compute-bound and small-batch decode memory-bound.
// Not modelled: tensor-parallel all-reduces, kernel launch overheads (docs/inference.md).
#pragma once

#include <cstdint>

#include "sim/config/scenario.hpp"
#include "sim/inference/service_spec.hpp"

namespace ppusim {

/// What one iteration processes, summed over its requests.
struct IterationLoad {
  double prefill_tokens = 0;          // Σ n over prefills in this iteration
  double prefill_tokens_squared = 0;  // Σ n²
  double decode_tokens = 0;           // number of requests decoding one token
  double decode_context_tokens = 0;   // Σ c over them

  bool empty() const { return prefill_tokens == 0 && decode_tokens == 0; }
};

class Roofline {
 public:
  Roofline(const ServedModel& model, const PpuSpec& ppu, int ppus, const RooflineEfficiency& efficiency);

  double flops(const IterationLoad& load) const;
  double bytes(const IterationLoad& load) const;
  /// Wall time of the iteration on the replica.
  double iteration_s(const IterationLoad& load) const;

  double compute_flops_per_s() const { return compute_flops_per_s_; }
  double memory_bytes_per_s() const { return memory_bytes_per_s_; }

 private:
  double two_n_;                // 2N
  double attention_per_token_;  // L·d
  double weight_bytes_;
  double kv_bytes_per_token_;
  double compute_flops_per_s_;  // P · peak · η_c
  double memory_bytes_per_s_;   // P · BW · η_m
};

}  // namespace ppusim
