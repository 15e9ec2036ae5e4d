// The cost of one optimizer step of a GPT-style transformer trained with tensor (t), pipeline
// (p), data (d), context (c) and expert (e) parallelism, as Megatron-LM runs it. Notation of
// Narayanan et al. (SC'21): l layers, h hidden size, a heads, s sequence length, V vocabulary,
// B sequences per step; k experts per token out of E (mixture of experts); a_kv key/value
// heads (grouped-query attention), h_kv = h·a_kv/a; f the MLP width, M = 2 matrices (3 gated,
// SwiGLU). Defaults a_kv = a, f = 4h, M = 2 give Narayanan's formulas. docs/models.md, (i).
//
//   parameters     N = l·(2h² + 2h·h_kv + 8h) + (V + s)·h + l·E·(M·h·f + f + h)   (+ l·h·E router)
//                  (dense: 12·l·h²·(1 + 13/(12h) + (V + s)/(12·l·h)), Narayanan eq. 2)
//   model FLOPs    F = 3 · [l · (4Bsh² + 4Bsh·h_kv + 2·M·k·Bshf + 4Bs²h) + 2BshV]
//                  (dense: 72·B·s·l·h²·(1 + s/(6h) + V/(12·l·h)))
//   executed       F + l·4Bs²h        selective recomputation (attention scores again)
//                  F + l·(forward)    full recomputation (Narayanan eq. 3: 96·B·s·l·h²·(…))
//   micro-batches  m per pipeline per step, of b = B / (d·m) sequences
//   bubble         (p − 1) / m of the ideal step time (Narayanan eq. 1)
//   TP all-reduce  per PPU per step: m · (l/p) · n · 2(t − 1)/t · 2·b·s·h bytes,
//                  n = 4 all-reduces per layer (6 with full recomputation)
//   expert a2a     per PPU per step: m · (l/p) · n · (b·s/t) · k · h · 2 · (e − 1)/e bytes
//   activations    per layer per micro-batch (Korthikanti et al. 2022, sequence parallel),
//                  with the MLP's 19sbh generalised to (3 + 2·M·f/h)·sbh (19 at f = 4h, M = 2):
//                  none: s·b·h·(15 + k·mlp + 5·a·s/h)/(t·c)   selective: s·b·h·(15 + k·mlp)/(t·c)
//                  full: 2·s·b·h/c;   the first stage holds min(m, p) micro-batches of l/p
//                  layers, × (1 + (p − 1)/(p·v)) with v interleaved chunks (Korthikanti §4.2)
#pragma once

#include "workloads/job_spec.hpp"

namespace ppusim {

/// How a job's PPUs are arranged around one model replica.
struct ReplicaLayout {
  int tensor = 1;
  int pipeline = 1;
  int data = 1;
  int expert = 1;
  double micro_batches = 1;          // m
  double micro_batch_sequences = 1;  // b
  Recomputation recomputation = Recomputation::Selective;
  int context = 1;               // c
  int virtual_stages = 1;        // v
  CommunicationOverlap overlap;  // the job's, with the scenario's defaults filled in
};

/// Bytes of one activation element and of one weight (BF16).
inline constexpr double kActivationBytes = 2;
inline constexpr double kWeightBytes = 2;

struct TransformerParameters {
  double dense = 0;    // attention, norms, embeddings, router: replicated over expert ranks
  double experts = 0;  // all experts' MLPs together: sharded over the e expert ranks

  double total() const { return dense + experts; }
};

TransformerParameters transformer_parameters(const TransformerShape& shape);

/// Weights of one MLP (per expert): M·h·f, with M = 3 for a gated MLP.
double mlp_matrices(const TransformerShape& shape);
/// Width of the key and value projections, h·a_kv/a.
double kv_width(const TransformerShape& shape);

/// Micro-batching of B sequences per step over d = P/(t·p·c) data-parallel replicas: m given, or
/// micro-batches of one sequence (m = B/d) when `micro_batches` is 0.
ReplicaLayout replica_layout(const Parallelism& parallelism, int ppus, double sequences_per_step);

struct StepFlops {
  double model = 0;     // useful work, the numerator of MFU
  double executed = 0;  // with recomputation: what the PPUs run
};

StepFlops flops_per_step(const TransformerShape& shape, double sequences_per_step,
                         Recomputation recomputation);

/// Tensor-parallel all-reduce bytes one PPU sends per step over the node's internal fabric.
double tensor_parallel_bytes_per_ppu_per_step(const TransformerShape& shape, const ReplicaLayout& layout);

/// Expert all-to-all bytes one PPU sends to other PPUs per step (dispatch and combine,
/// forward and backward).
double expert_all_to_all_bytes_per_ppu_per_step(const TransformerShape& shape, const ReplicaLayout& layout);

/// Activation bytes one PPU of the first pipeline stage holds at its peak.
double activation_bytes_per_ppu(const TransformerShape& shape, const ReplicaLayout& layout);

}  // namespace ppusim
