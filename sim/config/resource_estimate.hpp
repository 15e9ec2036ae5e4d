// How much memory a scenario will need, estimated from the scenario alone, before any job is
// generated or read and before the platform is built. A scenario that cannot fit is refused in
// a fraction of a second with the estimate, instead of being killed by the kernel (or pushing
// the machine into swap) minutes later; an absurd size such as 1e12 generator jobs is refused
// the same way instead of failing an allocation.
//
// The estimate is a sum of measured terms (docs/robustness.md, "Memory estimate"):
//   base + per node + per leaf group + per pod   the SimGrid platform
//   + per job                                    job spec, derived work, record, report row
//   + per time-series interval                   bins, report.json and CSV rows
// Jobs are the generator's count, or, for a trace, the trace file's size divided by a typical
// row length (the trace is not read: reading it is what the estimate is there to guard).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sim/config/scenario.hpp"

namespace ppusim {

/// What the estimate is for: a run builds the platform and simulates; `ppusim trace generate`
/// only draws the jobs and writes them out; `ppusim topology` only builds the network.
enum class ResourceUse { Run, TraceGenerate, Topology };

struct ResourceEstimate {
  std::int64_t nodes = 0;
  std::int64_t leaf_groups = 0;
  std::int64_t pods = 0;
  double jobs = 0;                            // a double: a generator may ask for up to 2^63 - 1
  bool jobs_known = false;                    // false: a trace whose size cannot be read
  std::optional<std::uintmax_t> trace_bytes;  // set when `jobs` was derived from a trace's size
  double time_series_bins = 0;                // 0 when the window is unknown (a trace, no horizon)
  /// Failures and spot reclaims the run is expected to draw over its window:
  /// Σ components × window / MTBF, plus nodes × window × reclaims per node-hour. Each costs a
  /// scheduling pass, not memory, so it is bounded by kMaxFailureEvents rather than by bytes.
  double failure_events = 0;
  double bytes = 0;  // estimated peak resident memory of the process
};

/// Memory the process may still use.
struct AvailableMemory {
  double bytes = 0;
  bool from_cgroup = false;  // limited by the process's cgroup rather than the machine
};

ResourceEstimate estimate_resources(const Scenario& scenario, ResourceUse use = ResourceUse::Run);

/// MemAvailable from /proc/meminfo, lowered to what the process's cgroup memory limit leaves
/// (containers and CI runners see the host's /proc/meminfo). nullopt when nothing is readable.
std::optional<AvailableMemory> available_memory();

/// Throws InputError when the estimate exceeds what is available:
/// "scenario.json: needs about 37.2 GiB of memory (12,500,000 nodes, 1,000,000 jobs), this
/// machine has 21.3 GiB available". Nothing is checked when `available` is nullopt.
void require_memory(const Scenario& scenario, const ResourceEstimate& estimate,
                    const std::optional<AvailableMemory>& available);

/// The estimate and the check against this machine, as the commands call it. The environment
/// variable PPUSIM_SKIP_MEMORY_CHECK=1 skips the check (the estimate is an estimate).
ResourceEstimate check_resources(const Scenario& scenario, ResourceUse use = ResourceUse::Run);

/// More failure events than a run can get through in reasonable time (a scheduling pass each, on
/// the whole cluster): 10^7, far above any sourced failure rate (a year of 1,000,000 PPUs at
/// Llama 3's observed rates draws about 10^5).
inline constexpr double kMaxFailureEvents = 1e7;

/// Throws InputError when the scenario's failures block (or spot billing) would draw more than
/// kMaxFailureEvents over the window, naming the expected count and its biggest source.
void require_feasible_failure_events(const Scenario& scenario, const ResourceEstimate& estimate);

/// "about 105 MiB of memory (12,500 nodes, 1 job); 21.3 GiB available", for `ppusim validate`.
std::string describe_resources(const ResourceEstimate& estimate,
                               const std::optional<AvailableMemory>& available);

/// "105 MiB", "37.2 GiB", "1.5 EiB".
std::string format_bytes(double bytes);

/// "12,500,000"; very large or fractional values in exponent form ("1e+30").
std::string format_count(double count);

}  // namespace ppusim
