// A training job as submitted: what the trace says, before any model turns it into time.
//
// Exactly one of three descriptions of the work is set (docs/workloads.md):
//   - total_flops:        the job's useful floating-point work;
//   - model:              a transformer's parameter count or shape, and training tokens;
//   - measured_duration:  how long the job ran on dedicated hardware (public traces).
// The performance model (workloads/job_performance.hpp) derives compute time and
// communication volume from it; the engine decides the wall time.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/boxed_optional.hpp"
#include "sim/core/interned_string.hpp"
#include "workloads/communication_overlap.hpp"

namespace ppusim {

enum class Precision { Bf16, Fp8 };

/// A GPT-style decoder's shape (Narayanan et al. 2021, notation of section 3): enough to count
/// its FLOPs including attention, its parameters, and its activation memory. A mixture-of-experts
/// model replaces every layer's MLP by `experts` MLPs of which each token uses `top_k`.
struct TransformerShape {
  int layers = 0;           // l
  int hidden = 0;           // h
  int heads = 0;            // a; 0 = h / 128 (a head dimension of 128)
  int sequence_length = 0;  // s
  int vocabulary = 51200;   // V (Megatron-LM's padded GPT-2 vocabulary)
  int experts = 1;          // E; 1 = a dense model
  int top_k = 1;            // experts each token is routed to (k <= E)
  int kv_heads = 0;         // key/value heads (grouped-query attention); 0 = heads
  int ffn_hidden = 0;       // f, the MLP's inner width; 0 = 4h
  bool gated_mlp = false;   // SwiGLU-style: three h × f matrices instead of two

  int heads_or_default() const { return heads > 0 ? heads : std::max(1, hidden / 128); }
  int kv_heads_or_default() const { return kv_heads > 0 ? kv_heads : heads_or_default(); }
  double ffn_or_default() const { return ffn_hidden > 0 ? ffn_hidden : 4.0 * hidden; }
  bool is_mixture_of_experts() const { return experts > 1; }
};

struct ModelDescription {
  double parameters = 0;           // N (derived from the shape when there is one)
  double tokens = 0;               // D, tokens seen during training
  double global_batch_tokens = 0;  // tokens per optimizer step; 0 = workload default
  /// Absent: the model is known by N only, and costs 6·N·D FLOPs with no pipeline, tensor or
  /// expert terms (docs/models.md, section i).
  std::optional<TransformerShape> shape;
};

/// What the backward pass recomputes instead of storing (Korthikanti et al. 2022).
enum class Recomputation { None, Selective, Full };

struct Parallelism {
  int tensor = 1;    // degree inside a model replica, kept inside one node
  int pipeline = 1;  // stages of a replica
  // data-parallel degree d = ppus / (tensor · pipeline)
  int expert = 1;         // expert-parallel degree, a divisor of d (mixture-of-experts models)
  int micro_batches = 0;  // per pipeline per step; 0 = micro-batches of one sequence
  int zero_stage =
      0;  // ZeRO (Rajbhandari et al. 2020): 1 shards optimizer state over d, 2 also gradients, 3 also weights
  Recomputation recomputation = Recomputation::Selective;
  int context = 1;         // context-parallel degree c: each sequence split over c PPUs
  int virtual_stages = 1;  // v: interleaved 1F1B with v model chunks per stage (1 = plain 1F1B)
  /// Which communication hides behind compute; each field unset takes the scenario's
  /// `workload.overlap` (workloads/communication_overlap.hpp).
  OverlapChoice overlap{};
};

/// What a training job's input is counted in: bytes per optimizer step, per training token, or
/// per sample (one sequence of the model's shape: tokens / sequence_length samples).
enum class InputUnit { PerStep, PerToken, PerSample };

/// Input a training job reads throughout its run, beside the `dataset_bytes` it stages before
/// its first step (docs/models.md, section c2): a perception model reading video and LiDAR
/// frames. `bytes` per `unit`; `dataset` names a dataset of the scenario's `storage.datasets`,
/// whose tiers then serve the reads (empty: read from the shared store, nothing cached).
struct StreamingInput {
  double bytes = 0;
  InputUnit unit = InputUnit::PerStep;
  std::string dataset;
};

/// What a job asks of the cluster besides its PPUs (docs/config.md, "Requests"): the chips it
/// may run on, and CPU cores and memory for the whole job (split evenly over its nodes when it
/// takes whole nodes).
struct ResourceRequest {
  std::vector<std::string> ppu_types;  // chip names (a pool's chip or a catalog chip); empty: any
  double cpu_cores = 0;
  double memory_bytes = 0;
};

struct JobSpec {
  std::string id;
  double submit_s = 0;
  int ppus = 0;
  /// Thousandths of one PPU the job uses (1..1000), for jobs of one PPU: jobs share a PPU as
  /// with MPS or MIG, each computing at its share of the peak (docs/models.md, section j).
  /// Alibaba's gpu_milli and PAI's plan_gpu percent become this (docs/workloads.md); 1000 (the
  /// default) is a whole PPU.
  int ppu_milli = 1000;
  Precision precision = Precision::Bf16;
  std::optional<double> total_flops;
  /// On the heap: 8 bytes in the jobs without one (most), 72 in those with one.
  BoxedOptional<ModelDescription> model;
  std::optional<double> measured_duration_s;
  /// The hardware catalog chip measured_duration_s was measured on; empty: the scenario's own,
  /// and the duration is taken as it is on any hardware (docs/workloads.md, "Work units").
  InternedString measured_on;
  Parallelism parallelism;
  /// A measured model FLOPs utilization for this job (trace `mfu`): overrides the step-time
  /// model and the scenario's `workload.model_flops_utilization` (docs/models.md).
  std::optional<double> mfu;
  double dataset_bytes = 0;  // read from shared storage before the first step
  /// Container image the job runs in: pulled from the registry by every node that does not
  /// hold it in its cache (docs/setup.md). Jobs with the same image share cache entries.
  InternedString image = default_image();
  /// State read from shared storage before the first step: a fine-tuning job's base model,
  /// or a restarted job's last checkpoint.
  double checkpoint_bytes = 0;
  /// Input read while training; null for most jobs (a pointer keeps a job that streams nothing
  /// at 16 bytes for it, where the struct inline would be 48).
  std::shared_ptr<const StreamingInput> input;
  /// Where it came from, for messages: "trace.jsonl:17" or "generator".
  std::string origin;
  /// The tenant that submitted it (trace field `tenant`, or drawn by the generator); empty:
  /// none. `tenant_index` is its place in the scenario's tenants, -1 for none
  /// (workloads/tenant_assignment.hpp).
  InternedString tenant;
  int tenant_index = -1;
  /// Its chip, CPU and memory request (trace fields `ppu_type`, `cpu_cores`, `memory_gib`);
  /// null for a job that asks for PPUs only (a pointer keeps it at 16 bytes, as `input`).
  std::shared_ptr<const ResourceRequest> request;

  /// The image of a job that names none.
  static InternedString default_image() {
    static const InternedString image("default");
    return image;
  }

  bool is_fractional() const { return ppu_milli < 1000; }
  /// PPUs' worth of compute the job holds: ppu_milli / 1000 for a fractional job, else ppus.
  double ppu_equivalents() const { return is_fractional() ? ppu_milli / 1000.0 : ppus; }
};

/// A trace after reading: jobs sorted by submit time (ties keep file order), and the rows
/// that were skipped with --skip-bad-rows.
struct JobTrace {
  std::vector<JobSpec> jobs;
  std::int64_t skipped_rows = 0;
};

}  // namespace ppusim
