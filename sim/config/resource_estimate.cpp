#include "sim/config/resource_estimate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>
#include <string_view>
#include <vector>

#include "sim/core/input_error.hpp"
#include "sim/failures/failure_process.hpp"

namespace ppusim {

namespace {

// Coefficients of the estimate, fitted to peak RSS (/usr/bin/time -f %M) of `ppusim run` on
// the reference hardware (docs/robustness.md, "Memory estimate", has the runs and the fit).
// Each is rounded up a little: refusing a run that would have fitted by a few percent costs
// less than a run killed after an hour.
constexpr double kBaseBytes = 36e6;           // program, SimGrid, one small platform
constexpr double kBytesPerNode = 6.2e3;       // host, NIC link, storage client and its link
constexpr double kBytesPerLeafGroup = 1.5e3;  // leaf uplink
constexpr double kBytesPerPod = 3.8e3;        // pod zone, spine zone, router, pod uplink
constexpr double kBytesPerJob =
    1.5e3;  // spec, work, record with its step breakdown, allocation, attempt (jobs.csv is streamed)
constexpr double kBytesPerTraceJob = 0.12e3;  // a trace job's origin "path:LINE" on top
constexpr double kBytesPerBin = 210;          // 4 binned series, report.json and CSV rows
// `ppusim trace generate` holds the jobs and the text it writes (twice: the stream, then the
// string handed to the atomic write), and builds no platform.
constexpr double kBytesPerGeneratedJob = 0.45e3;
// Rows written by `ppusim trace generate` average 98 bytes; hand-written rows without model
// or parallelism are shorter (the shortest valid row is 44 bytes). 80 sits between, so a
// trace's job count is estimated high rather than low.
constexpr double kTraceBytesPerRow = 80;

constexpr double kKiB = 1024.0;

/// Reads "Key:   123 kB" from a /proc file; nullopt if absent.
std::optional<double> read_proc_kib(const std::string& path, std::string_view key) {
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (line.compare(0, key.size(), key) != 0 || line.size() <= key.size() || line[key.size()] != ':')
      continue;
    std::istringstream fields(line.substr(key.size() + 1));
    double kib = 0;
    if (fields >> kib) return kib * kKiB;
  }
  return std::nullopt;
}

/// The first number in a file (cgroup files hold one); nullopt for "max" or anything else.
std::optional<double> read_number_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  double value = 0;
  if (in >> value) return value;
  return std::nullopt;
}

/// "inactive_file 1234" (cgroup v2) or "total_inactive_file 1234" (v1) from memory.stat: page
/// cache the kernel reclaims before it kills anything, so it counts as available.
double read_inactive_file(const std::filesystem::path& stat, std::string_view key) {
  std::ifstream in(stat);
  std::string name;
  double value = 0;
  while (in >> name >> value) {
    if (name == key) return value;
  }
  return 0;
}

/// What the memory limit of this process's cgroup, and of its ancestors, still leaves; nullopt
/// when there is no limit or it cannot be read. Limits above the machine's memory (v1 writes
/// 2^63 for "none") lose to MemAvailable in the caller.
std::optional<double> cgroup_headroom() {
  std::ifstream in("/proc/self/cgroup");
  std::optional<double> headroom;
  const auto consider = [&headroom](std::optional<double> limit, std::optional<double> usage,
                                    double inactive) {
    if (!limit || !usage) return;
    const double left = std::max(0.0, *limit - std::max(0.0, *usage - inactive));
    headroom = headroom ? std::min(*headroom, left) : left;
  };
  // Lines are "ID:CONTROLLERS:PATH": "0::/a/b" for cgroup v2, "4:memory:/a/b" for v1.
  for (std::string line; std::getline(in, line);) {
    const auto first = line.find(':');
    const auto second = first == std::string::npos ? std::string::npos : line.find(':', first + 1);
    if (second == std::string::npos) continue;
    const std::string controllers = line.substr(first + 1, second - first - 1);
    const std::filesystem::path own = std::filesystem::path(line.substr(second + 1)).relative_path();
    const bool v2 = controllers.empty();
    const bool v1 = controllers == "memory" || controllers.find("memory,") != std::string::npos ||
                    controllers.find(",memory") != std::string::npos;
    if (!v2 && !v1) continue;
    const std::filesystem::path mount = v2 ? "/sys/fs/cgroup" : "/sys/fs/cgroup/memory";
    // Each ancestor's limit applies too; inside a container the path may not exist under the
    // mount (a cgroup namespace shows "/"), then the mount's own files are the container's.
    for (std::filesystem::path group = own;; group = group.parent_path()) {
      const std::filesystem::path dir = mount / group;
      if (v2) {
        consider(read_number_file(dir / "memory.max"), read_number_file(dir / "memory.current"),
                 read_inactive_file(dir / "memory.stat", "inactive_file"));
      } else {
        consider(read_number_file(dir / "memory.limit_in_bytes"),
                 read_number_file(dir / "memory.usage_in_bytes"),
                 read_inactive_file(dir / "memory.stat", "total_inactive_file"));
      }
      if (group.empty()) break;
    }
  }
  return headroom;
}

/// Adds a thousands separator: 12500000 -> "12,500,000".
std::string group_digits(std::uint64_t value) {
  std::string digits = std::to_string(value);
  for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) digits.insert(at, ",");
  return digits;
}

/// "12,500 nodes, 1,000,000 jobs", plus the time series when it is a large part of the total.
std::string describe_sizes(const ResourceEstimate& estimate) {
  const auto plural = [](double count, const char* one, const char* many) {
    return format_count(count) + " " + (count == 1 ? one : many);
  };
  std::string text;
  if (estimate.nodes > 0) text = plural(static_cast<double>(estimate.nodes), "node", "nodes") + ", ";
  if (estimate.trace_bytes) {
    text += "about " + plural(estimate.jobs, "job", "jobs") + " in a trace of " +
            format_bytes(static_cast<double>(*estimate.trace_bytes));
  } else if (estimate.jobs_known) {
    text += plural(estimate.jobs, "job", "jobs");
  } else if (estimate.nodes > 0 && estimate.jobs == 0 && estimate.time_series_bins == 0) {
    text.resize(text.size() - 2);  // the network alone (`ppusim topology`): no jobs to name
  } else {
    text += "the jobs of an unreadable trace";
  }
  if (estimate.time_series_bins * kBytesPerBin >= 0.1 * estimate.bytes) {
    text += ", " + plural(estimate.time_series_bins, "time-series interval", "time-series intervals");
  }
  return text;
}

/// Σ over failing component kinds of count × window / mean lifetime, plus spot reclaims at
/// nodes × window × rate: the expected number of failure events, repairs aside.
double expected_failure_events(const Scenario& scenario, double window_s) {
  double events = 0;
  const FailureSpec& failures = scenario.failures;
  if (failures.enabled) {
    const auto counts = failure_component_counts(scenario);
    for (std::size_t k = 0; k < kHardwareComponentKinds; ++k) {
      const ComponentFailureSpec& component = failures.components[k];
      const double mean_s =
          component.lifetime.mean_s > 0 ? component.lifetime.mean_s : component.lifetime.scale_s;
      if (component.enabled && mean_s > 0) events += static_cast<double>(counts[k]) * window_s / mean_s;
    }
    events += static_cast<double>(failures.events.size());
  }
  if (scenario.economics.billing == CloudBilling::Spot)
    events += static_cast<double>(scenario.cluster.nodes) * (window_s / 3600.0) *
              scenario.economics.spot.preemptions_per_node_hour;
  return events;
}

}  // namespace

std::string format_count(double count) {
  if (count >= 0 && count < 1e19 && count == std::floor(count)) {
    return group_digits(static_cast<std::uint64_t>(count));
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3g", count);
  return buffer;
}

std::string format_bytes(double bytes) {
  static constexpr const char* kUnits[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  std::size_t unit = 0;
  double value = bytes;
  while (value >= 1024 && unit + 1 < std::size(kUnits)) {
    value /= 1024;
    ++unit;
  }
  char buffer[64];
  if (unit == 0) {
    std::snprintf(buffer, sizeof buffer, "%.0f bytes", value);
  } else if (value >= 1e6) {  // beyond EiB: keep the text short
    std::snprintf(buffer, sizeof buffer, "%.2g %s", value, kUnits[unit]);
  } else {
    // Three significant digits are plenty for an estimate: "105 MiB", "37.2 GiB", "1.50 TiB".
    std::snprintf(buffer, sizeof buffer,
                  value >= 100  ? "%.0f %s"
                  : value >= 10 ? "%.1f %s"
                                : "%.2f %s",
                  value, kUnits[unit]);
  }
  return buffer;
}

ResourceEstimate estimate_resources(const Scenario& scenario, ResourceUse use) {
  ResourceEstimate estimate;
  const WorkloadSpec& workload = scenario.workload;
  if (use == ResourceUse::Topology) {
    // No job is read or drawn; the network's switches and links scale with the nodes.
  } else if (workload.generator) {
    estimate.jobs = static_cast<double>(workload.generator->jobs);
    estimate.jobs_known = true;
  } else {
    std::error_code error;
    const std::uintmax_t size = std::filesystem::file_size(workload.trace_path, error);
    // A trace that cannot be read is reported by the reader, with its own message.
    if (!error) {
      estimate.jobs_known = true;
      estimate.trace_bytes = size;
      estimate.jobs = std::ceil(static_cast<double>(size) / kTraceBytesPerRow);
    }
  }

  if (use == ResourceUse::TraceGenerate) {
    estimate.bytes =
        std::min(kBaseBytes + kBytesPerGeneratedJob * estimate.jobs, std::numeric_limits<double>::max());
    return estimate;
  }

  // The loader bounds nodes, nodes_per_leaf and leaves_per_pod to [1, INT_MAX], so these fit.
  const std::int64_t nodes = scenario.cluster.nodes;
  const std::int64_t per_leaf = std::max(1, scenario.topology.nodes_per_leaf);
  const std::int64_t per_pod = std::max(1, scenario.topology.leaves_per_pod);
  estimate.nodes = nodes;
  estimate.leaf_groups = (nodes + per_leaf - 1) / per_leaf;
  estimate.pods = scenario.topology.tiers == 2 ? 1 : (estimate.leaf_groups + per_pod - 1) / per_pod;
  if (use == ResourceUse::Topology) {
    estimate.bytes = kBaseBytes + kBytesPerNode * static_cast<double>(estimate.nodes) +
                     kBytesPerLeafGroup * static_cast<double>(estimate.leaf_groups) +
                     kBytesPerPod * static_cast<double>(estimate.pods);
    return estimate;
  }

  // The report has one time-series row per interval of the window. Without a horizon the
  // window ends with the last job; the generator's arrival span is a lower bound of it, and a
  // trace's is unknown until the trace is read.
  const double interval = scenario.simulation.time_series_interval_s;
  std::optional<double> window = scenario.simulation.horizon_s;
  if (!window && workload.generator) window = workload.generator->duration_s;
  if (window && interval > 0) estimate.time_series_bins = std::ceil(*window / interval);
  // A window of 1e300 s in 1 ms intervals overflows to infinity; keep every number printable.
  constexpr double kHuge = std::numeric_limits<double>::max();
  estimate.time_series_bins = std::min(estimate.time_series_bins, kHuge);

  if (window) estimate.failure_events = std::min(expected_failure_events(scenario, *window), kHuge);

  const double per_job = kBytesPerJob + (estimate.trace_bytes ? kBytesPerTraceJob : 0);
  estimate.bytes = kBaseBytes + kBytesPerNode * static_cast<double>(estimate.nodes) +
                   kBytesPerLeafGroup * static_cast<double>(estimate.leaf_groups) +
                   kBytesPerPod * static_cast<double>(estimate.pods) + per_job * estimate.jobs +
                   kBytesPerBin * estimate.time_series_bins;
  estimate.bytes = std::min(estimate.bytes, kHuge);
  return estimate;
}

std::optional<AvailableMemory> available_memory() {
  std::optional<AvailableMemory> available;
  if (const auto machine = read_proc_kib("/proc/meminfo", "MemAvailable"))
    available = AvailableMemory{*machine, false};
  if (const auto group = cgroup_headroom(); group && (!available || *group < available->bytes)) {
    available = AvailableMemory{*group, true};
  }
  return available;
}

void require_memory(const Scenario& scenario, const ResourceEstimate& estimate,
                    const std::optional<AvailableMemory>& available) {
  if (!available || !(estimate.bytes > available->bytes)) return;
  throw InputError(
      scenario.source_path + ": needs about " + format_bytes(estimate.bytes) + " of memory (" +
      describe_sizes(estimate) + "), " +
      (available->from_cgroup ? "the memory limit of this process's cgroup leaves " : "this machine has ") +
      format_bytes(available->bytes) + " available (PPUSIM_SKIP_MEMORY_CHECK=1 runs it anyway)");
}

void require_feasible_failure_events(const Scenario& scenario, const ResourceEstimate& estimate) {
  if (!(estimate.failure_events > kMaxFailureEvents)) return;
  throw InputError(scenario.source_path + ": the failures block draws about " +
                   format_count(std::round(estimate.failure_events)) +
                   " failure events over the window (components × window / MTBF, plus spot "
                   "reclaims), expected at most " +
                   format_count(kMaxFailureEvents) +
                   ": raise the MTBFs, lower the reclaim rate or shorten the window "
                   "(docs/robustness.md, \"Failure events\")");
}

ResourceEstimate check_resources(const Scenario& scenario, ResourceUse use) {
  const ResourceEstimate estimate = estimate_resources(scenario, use);
  if (use == ResourceUse::Run) require_feasible_failure_events(scenario, estimate);
  const char* skip = std::getenv("PPUSIM_SKIP_MEMORY_CHECK");
  if (skip == nullptr || std::string_view(skip) != "1")
    require_memory(scenario, estimate, available_memory());
  return estimate;
}

std::string describe_resources(const ResourceEstimate& estimate,
                               const std::optional<AvailableMemory>& available) {
  std::string text =
      "about " + format_bytes(estimate.bytes) + " of memory (" + describe_sizes(estimate) + ")";
  if (available) text += "; " + format_bytes(available->bytes) + " available";
  return text;
}

}  // namespace ppusim
