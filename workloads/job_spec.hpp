// A training job as submitted: what the trace says, before any model turns it into time.
//
// Exactly one of three descriptions of the work is set (docs/workloads.md):
//   - total_flops:        the job's useful floating-point work;
//   - model:              a transformer's parameter count and training tokens (6·N·D FLOPs);
//   - measured_duration:  how long the job ran on dedicated hardware (public traces).
// The performance model (workloads/job_performance.hpp) derives compute time and
// communication volume from it; the engine decides the wall time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ppusim {

enum class Precision { Bf16, Fp8 };

struct ModelDescription {
  double parameters = 0;           // N
  double tokens = 0;               // D, tokens seen during training
  double global_batch_tokens = 0;  // tokens per optimizer step; 0 = workload default
};

struct Parallelism {
  int tensor = 1;    // degree inside a model replica, kept inside one node
  int pipeline = 1;  // stages of a replica
  // data-parallel degree = ppus / (tensor · pipeline)
};

struct JobSpec {
  std::string id;
  double submit_s = 0;
  int ppus = 0;
  /// A share of one PPU, in thousandths (1..1000), for a job that needs one PPU or less
  /// (Alibaba's gpu_milli, docs/workloads.md). Absent: the job holds its PPUs whole. Only set
  /// with ppus == 1; the fractional-PPU scheduler reads it, the whole-PPU one ignores it.
  std::optional<int> ppu_milli;
  Precision precision = Precision::Bf16;
  std::optional<double> total_flops;
  std::optional<ModelDescription> model;
  std::optional<double> measured_duration_s;
  Parallelism parallelism;
  double dataset_bytes = 0;  // read from shared storage before the first step
  /// Container image the job runs in: pulled from the registry by every node that does not
  /// hold it in its cache (docs/setup.md). Jobs with the same image share cache entries.
  std::string image = "default";
  /// State read from shared storage before the first step: a fine-tuning job's base model,
  /// or a restarted job's last checkpoint.
  double checkpoint_bytes = 0;
  /// Where it came from, for messages: "trace.jsonl:17" or "generator".
  std::string origin;
};

/// A trace after reading: jobs sorted by submit time (ties keep file order), and the rows
/// that were skipped with --skip-bad-rows.
struct JobTrace {
  std::vector<JobSpec> jobs;
  std::int64_t skipped_rows = 0;
};

}  // namespace ppusim
