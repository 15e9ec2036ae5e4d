// What an importer turns a foreign trace into (docs/workloads.md, "Importing traces"): one of
// three kinds of record, and an account of the rows it read, skipped and left out.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "workloads/job_spec.hpp"

namespace ppusim {

/// One inference request, the row of ppusim's request format (JSON Lines, docs/workloads.md,
/// "Request traces"), which the inference-serving model reads.
struct InferenceRequest {
  double arrival_s = 0;
  std::int64_t input_tokens = 0;
  std::int64_t output_tokens = 0;
  /// Ids of the prompt's 512-token prefix blocks (Mooncake's hash_ids): requests sharing a
  /// block id share that prefix. Empty when the trace does not say.
  std::vector<std::int64_t> prefix_blocks;
  /// Measured service time, when the trace gives one instead of tokens (LoRA diffusion requests).
  std::optional<double> service_s;
};

/// What a machine offers besides its accelerators.
struct MachineHost {
  double cpu_cores = 0;
  double memory_gib = 0;
};

/// A cluster as a machine list describes it: nodes grouped by accelerator type and count.
struct ClusterInventory {
  struct Group {
    std::string ppu_type;  // as the trace names it ("V100M32", "T4")
    int ppus_per_node = 0;
    std::int64_t nodes = 0;
    /// How many of the group's machines have each host: its machines need not have equal
    /// hosts (openb's 2-GPU P100 servers have 8, 16 or 64 cores). One entry per distinct host,
    /// in the order the list first names it; the counts sum to `nodes`.
    struct HostCount {
      MachineHost host;
      std::int64_t nodes = 0;
    };
    std::vector<HostCount> hosts;

    /// The smallest and largest of each resource over the group's machines.
    MachineHost smallest_host() const;
    MachineHost largest_host() const;
    /// The node-weighted mean CPU cores (what the group's hosts draw power by).
    double mean_cpu_cores() const;
  };
  std::vector<Group> groups;        // sorted by type, then PPUs per node
  std::int64_t cpu_only_nodes = 0;  // machines without accelerators
};

enum class TraceKind { Jobs, Requests, Cluster };

struct ImportedTrace {
  TraceKind kind = TraceKind::Jobs;
  JobTrace jobs;                           // kind Jobs: sorted by submit time
  std::vector<InferenceRequest> requests;  // kind Requests: sorted by arrival
  ClusterInventory cluster;                // kind Cluster
  std::int64_t rows = 0;                   // data rows read, bad ones included
  /// Good rows that do not become a record, by reason ("no GPU requested": 1088).
  std::map<std::string, std::int64_t> left_out;
  /// Rows kept with a figure the trace does not give, by what was assumed ("never scheduled
  /// (Pending), run time = the median of the scheduled pods, 1,234 s": 861).
  std::map<std::string, std::int64_t> kept_with_assumption;
  /// Seconds since the Unix epoch of the trace's time 0, for traces with calendar times; the
  /// hour-of-day statistics use it. Absent: time 0 is taken as midnight.
  std::optional<double> epoch_of_time_zero_s;

  std::int64_t skipped_rows() const { return jobs.skipped_rows; }
};

/// Choices an importer cannot take from the trace itself.
struct ImportOptions {
  bool skip_bad_rows = false;
  /// Traces without submit times (Philly runtimes): jobs arrive as a Poisson process of this
  /// rate, drawn with `seed`. Required for such traces.
  std::optional<double> arrival_rate_per_s;
  std::uint64_t seed = 1;
  /// Traces without job sizes (Philly runtimes): PPUs per job.
  int ppus_per_job = 1;
  /// openb pods never scheduled (Pending): kept with an assumed run time, or left out.
  bool keep_never_scheduled = true;
};

}  // namespace ppusim
