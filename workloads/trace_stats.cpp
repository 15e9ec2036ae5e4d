#include "workloads/trace_stats.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "workloads/importers/format_registry.hpp"

namespace ppusim {
namespace {

constexpr double kHourS = 3600;

/// Counts arrivals per hour of day, and how many hours of each kind [first, last] touches.
void count_hours(const std::vector<double>& arrivals_s, double offset_s, TraceStats& stats) {
  for (double t : arrivals_s) {
    const auto hour = static_cast<std::int64_t>(std::floor((t + offset_s) / kHourS));
    ++stats.arrivals_by_hour[static_cast<std::size_t>(((hour % 24) + 24) % 24)];
  }
  if (arrivals_s.empty()) return;
  const auto first_hour = static_cast<std::int64_t>(std::floor((stats.first_s + offset_s) / kHourS));
  const auto last_hour = static_cast<std::int64_t>(std::floor((stats.last_s + offset_s) / kHourS));
  std::array<std::int64_t, 24> slots{};
  const std::int64_t hours = last_hour - first_hour + 1;
  for (std::int64_t h = 0; h < 24; ++h) {  // hours of kind (first_hour + h) mod 24
    slots[static_cast<std::size_t>(((first_hour + h) % 24 + 24) % 24)] =
        hours / 24 + (h < hours % 24 ? 1 : 0);
  }
  // The seconds the trace observes of each hour of day: whole hours, less the part of the first
  // hour before the first arrival and of the last hour after the last one. A 61-s trace is a
  // rate over 61 s, not over an hour (issue #16).
  std::array<double, 24> seconds{};
  for (std::size_t h = 0; h < 24; ++h) seconds[h] = static_cast<double>(slots[h]) * kHourS;
  const auto hour_of_day = [](std::int64_t hour) {
    return static_cast<std::size_t>(((hour % 24) + 24) % 24);
  };
  seconds[hour_of_day(first_hour)] -= stats.first_s + offset_s - static_cast<double>(first_hour) * kHourS;
  seconds[hour_of_day(last_hour)] -= static_cast<double>(last_hour + 1) * kHourS - (stats.last_s + offset_s);
  for (std::size_t h = 0; h < 24; ++h) {
    // At least a second: arrivals all at one instant still give a finite rate.
    stats.rate_by_hour_per_s[h] =
        slots[h] > 0 ? static_cast<double>(stats.arrivals_by_hour[h]) / std::max(seconds[h], 1.0) : 0;
  }
}

nlohmann::ordered_json distribution_json(const Distribution& d) {
  return {{"count", d.count}, {"mean", d.mean}, {"p50", d.p50},
          {"p90", d.p90},     {"p99", d.p99},   {"max", d.max}};
}

std::string number_text(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  return buffer;
}

void distribution_line(std::ostringstream& out, const char* label, const Distribution& d) {
  if (d.count == 0) return;
  char buffer[200];
  std::snprintf(buffer, sizeof buffer, "  %-16s %10lld %12s %12s %12s %12s %12s\n", label,
                static_cast<long long>(d.count), number_text(d.mean).c_str(), number_text(d.p50).c_str(),
                number_text(d.p90).c_str(), number_text(d.p99).c_str(), number_text(d.max).c_str());
  out << buffer;
}

}  // namespace

TraceStats compute_trace_stats(const ImportedTrace& trace, const std::string& format) {
  TraceStats stats;
  stats.format = format;
  stats.kind = trace.kind;
  stats.rows = trace.rows;
  stats.skipped_rows = trace.skipped_rows();
  stats.left_out = trace.left_out;
  stats.calendar_hours = trace.epoch_of_time_zero_s.has_value();
  const double offset_s = trace.epoch_of_time_zero_s.value_or(0);
  std::vector<double> arrivals;
  if (trace.kind == TraceKind::Jobs) {
    std::vector<double> sizes, durations;
    for (const JobSpec& job : trace.jobs.jobs) {
      arrivals.push_back(job.submit_s);
      sizes.push_back(job.ppu_equivalents());
      if (job.is_fractional()) ++stats.fractional_jobs;
      if (job.measured_duration_s) durations.push_back(*job.measured_duration_s);
      stats.flops_jobs += job.total_flops ? 1 : 0;
      stats.model_jobs += job.model ? 1 : 0;
      stats.duration_jobs += job.measured_duration_s ? 1 : 0;
    }
    stats.ppus = summarize(std::move(sizes));
    stats.duration_s = summarize(std::move(durations));
  } else if (trace.kind == TraceKind::Requests) {
    std::vector<double> input, output, service;
    for (const InferenceRequest& request : trace.requests) {
      arrivals.push_back(request.arrival_s);
      input.push_back(static_cast<double>(request.input_tokens));
      output.push_back(static_cast<double>(request.output_tokens));
      if (request.service_s) service.push_back(*request.service_s);
    }
    stats.input_tokens = summarize(std::move(input));
    stats.output_tokens = summarize(std::move(output));
    stats.service_s = summarize(std::move(service));
  } else {
    stats.groups = trace.cluster.groups;
    stats.cpu_only_nodes = trace.cluster.cpu_only_nodes;
    for (const ClusterInventory::Group& group : stats.groups) {
      stats.nodes += group.nodes;
      stats.total_ppus += group.nodes * group.ppus_per_node;
    }
    stats.records = stats.nodes;
    return stats;
  }
  stats.records = static_cast<std::int64_t>(arrivals.size());
  if (!arrivals.empty()) {
    stats.first_s = *std::min_element(arrivals.begin(), arrivals.end());
    stats.last_s = *std::max_element(arrivals.begin(), arrivals.end());
  }
  count_hours(arrivals, offset_s, stats);
  return stats;
}

nlohmann::ordered_json trace_stats_json(const TraceStats& stats) {
  nlohmann::ordered_json j;
  j["format"] = stats.format;
  j["kind"] = trace_kind_name(stats.kind);
  j["records"] = stats.records;
  j["rows"] = stats.rows;
  j["skipped_rows"] = stats.skipped_rows;
  j["left_out"] = stats.left_out;
  if (stats.kind == TraceKind::Cluster) {
    j["ppu_nodes"] = stats.nodes;
    j["ppus"] = stats.total_ppus;
    j["cpu_only_nodes"] = stats.cpu_only_nodes;
    nlohmann::ordered_json groups = nlohmann::ordered_json::array();
    for (const auto& g : stats.groups)
      groups.push_back({{"ppu_type", g.ppu_type}, {"ppus_per_node", g.ppus_per_node}, {"nodes", g.nodes}});
    j["groups"] = std::move(groups);
    return j;
  }
  j["first_s"] = stats.first_s;
  j["last_s"] = stats.last_s;
  if (stats.kind == TraceKind::Jobs) {
    j["work"] = {{"flops", stats.flops_jobs}, {"model", stats.model_jobs}, {"duration", stats.duration_jobs}};
    j["ppus"] = distribution_json(stats.ppus);
    j["fractional_jobs"] = stats.fractional_jobs;
    j["duration_s"] = distribution_json(stats.duration_s);
  } else {
    j["input_tokens"] = distribution_json(stats.input_tokens);
    j["output_tokens"] = distribution_json(stats.output_tokens);
    j["service_s"] = distribution_json(stats.service_s);
  }
  j["hour_of_day"] = stats.calendar_hours ? "UTC" : "from time 0";
  j["arrivals_by_hour"] = stats.arrivals_by_hour;
  j["rate_by_hour_per_s"] = stats.rate_by_hour_per_s;
  return j;
}

std::string trace_stats_table(const TraceStats& stats) {
  std::ostringstream out;
  out << "format " << stats.format << " (" << trace_kind_name(stats.kind) << "s): " << stats.records << " "
      << (stats.kind == TraceKind::Cluster ? "PPU nodes" : std::string(trace_kind_name(stats.kind)) + "s")
      << " from " << stats.rows << " rows";
  if (stats.skipped_rows > 0) out << ", " << stats.skipped_rows << " bad rows skipped";
  for (const auto& [reason, count] : stats.left_out) out << ", " << count << " left out (" << reason << ")";
  out << "\n";
  if (stats.kind == TraceKind::Cluster) {
    out << "  " << stats.total_ppus << " PPUs on " << stats.nodes << " nodes, plus " << stats.cpu_only_nodes
        << " CPU-only nodes\n";
    for (const auto& g : stats.groups)
      out << "  " << g.nodes << " x " << g.ppus_per_node << " " << g.ppu_type << "\n";
    return out.str();
  }
  out << "  span " << number_text(stats.first_s) << " s .. " << number_text(stats.last_s) << " s ("
      << number_text((stats.last_s - stats.first_s) / 86400) << " days)\n";
  out << "  " << std::string(16, ' ')
      << "      count         mean          p50          p90          p99          max\n";
  if (stats.kind == TraceKind::Jobs) {
    distribution_line(out, "ppus", stats.ppus);
    distribution_line(out, "duration_s", stats.duration_s);
    out << "  jobs whose work is given as FLOPs: " << stats.flops_jobs << ", as a model: " << stats.model_jobs
        << ", as a duration: " << stats.duration_jobs << "; fractional-PPU jobs: " << stats.fractional_jobs
        << "\n";
  } else {
    distribution_line(out, "input_tokens", stats.input_tokens);
    distribution_line(out, "output_tokens", stats.output_tokens);
    distribution_line(out, "service_s", stats.service_s);
  }
  out << "  arrivals by hour of day (" << (stats.calendar_hours ? "UTC" : "from time 0")
      << "): arrivals / mean per s over the seconds the trace covers:\n";
  for (std::size_t h = 0; h < 24; ++h) {
    char buffer[80];
    std::snprintf(buffer, sizeof buffer, "  %02zu:00 %9lld %10s%s", h,
                  static_cast<long long>(stats.arrivals_by_hour[h]),
                  number_text(stats.rate_by_hour_per_s[h]).c_str(), h % 2 == 1 ? "\n" : "   ");
    out << buffer;
  }
  return out.str();
}

}  // namespace ppusim
