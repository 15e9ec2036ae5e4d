// `ppusim trace stats`: what a trace holds (docs/workloads.md, "Trace statistics"): counts, time
// span, size and duration distributions, arrivals by hour of day; for jobs, requests or a
// machine list alike. Percentiles are those of the report (sim/core/statistics.hpp: linear
// interpolation between order statistics).
#pragma once

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/statistics.hpp"
#include "workloads/importers/imported_trace.hpp"

namespace ppusim {

struct TraceStats {
  std::string format;
  TraceKind kind = TraceKind::Jobs;
  std::int64_t records = 0;  // jobs, requests or PPU machines
  std::int64_t rows = 0;
  std::int64_t skipped_rows = 0;
  std::map<std::string, std::int64_t> left_out;
  // Jobs and requests.
  double first_s = 0;
  double last_s = 0;
  /// Arrivals in each hour of the day, and the mean rate in that hour (per s) over the hours
  /// of that kind the span covers. Hour 0 is midnight UTC for traces with calendar times,
  /// else the trace's time 0.
  std::array<std::int64_t, 24> arrivals_by_hour{};
  std::array<double, 24> rate_by_hour_per_s{};
  bool calendar_hours = false;
  // Jobs.
  Distribution ppus;
  Distribution duration_s;  // jobs with a measured run time
  std::int64_t fractional_jobs = 0;
  std::int64_t flops_jobs = 0, model_jobs = 0, duration_jobs = 0;
  // Requests.
  Distribution input_tokens, output_tokens, service_s;
  // Clusters.
  std::int64_t nodes = 0, cpu_only_nodes = 0, total_ppus = 0;
  std::vector<ClusterInventory::Group> groups;
};

TraceStats compute_trace_stats(const ImportedTrace& trace, const std::string& format);
nlohmann::ordered_json trace_stats_json(const TraceStats& stats);
/// The same as a plain-text table for the terminal.
std::string trace_stats_table(const TraceStats& stats);

}  // namespace ppusim
