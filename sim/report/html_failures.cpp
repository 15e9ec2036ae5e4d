#include "sim/report/html_failures.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "sim/report/html_figures.hpp"

namespace ppusim {

using nlohmann::json;

namespace {

long long sum_of(const std::vector<long long>& values) {
  long long total = 0;
  for (long long value : values) total += value;
  return total;
}

constexpr const char* kId = "chart-failures-timeline";
constexpr const char* kTitle = "Failures timeline: job interruptions by cause";

json note(const std::string& text) {
  return {{"id", kId}, {"title", kTitle}, {"caption", text}, {"kind", "note"}};
}

/// The unit of the bin labels: the one the window calls for, or a smaller one when the bin width
/// is not a whole number of it (1-hour bins over 30 days: hours, never "0.291667 days").
TimeUnit bin_unit(double width_s, double window_s) {
  const TimeUnit candidates[] = {{"days", 86400}, {"h", 3600}, {"min", 60}};
  const TimeUnit largest = time_unit_for(std::max(width_s, window_s));
  for (const TimeUnit& unit : candidates) {
    if (unit.seconds > largest.seconds) continue;
    const double bins = width_s / unit.seconds;
    if (bins >= 1 && bins == std::floor(bins)) return unit;
  }
  return {"s", 1};
}

/// "1 hour", "2 days", "30 seconds".
std::string bin_width_words(double width_s, const TimeUnit& unit) {
  const double count = width_s / unit.seconds;
  const std::string name = unit.seconds == 86400  ? "day"
                           : unit.seconds == 3600 ? "hour"
                           : unit.seconds == 60   ? "minute"
                                                  : "second";
  return format_compact(count, 3) + " " + name + (count == 1 ? "" : "s");
}

}  // namespace

json failures_timeline_chart(const Report& report) {
  if (!report.failures.enabled) {
    return note(
        "No failures configured: the scenario has no failures block and no spot billing "
        "(docs/failures.md), so nothing failed and no job was interrupted. Nothing to draw.");
  }
  const ReportTimeSeries& series = report.time_series;
  if (!report.sections.failures_timeline) {
    return note("This report.json has no interruption counts in its time series (report schema " +
                std::to_string(report.schema_version) + "; the failures timeline came with schema 2).");
  }
  const double width = series.interval_s;
  const TimeUnit unit = bin_unit(width, report.window_s);
  json labels = json::array();
  // At most three significant digits: "0.292", not "0.291667" (issue #16).
  for (double start : series.start_s) labels.push_back(format_compact(start / unit.seconds, 3));
  // Stacked: every job interruption falls in exactly one cause.
  const std::pair<const std::vector<long long>*, const char*> causes[] = {
      {&series.interruptions_hardware, "hardware failure (PPU, HBM, node, NIC)"},
      {&series.interruptions_network, "network failure (link, switch)"},
      {&series.interruptions_preemption, "spot preemption"}};
  json stacks = json::array();
  long long interruptions = 0;
  for (const auto& [values, label] : causes) {
    interruptions += sum_of(*values);
    stacks.push_back({{"label", label}, {"values", *values}});
  }
  const long long events = sum_of(series.component_failures);
  return {
      {"id", kId},
      {"title", kTitle},
      {"caption", "Jobs interrupted in each time bin of " + bin_width_words(width, unit) +
                      ", stacked by cause (report.json time_series.interruptions_*): " +
                      format_count(interruptions) + " interruptions in all, from " + format_count(events) +
                      " component failures and spot reclaims (time_series.component_failures; one can hit "
                      "several jobs, or none)."},
      {"kind", "bar"},
      {"labels", labels},
      {"series", stacks},
      {"category_label", std::string("bin start, simulated time (") + unit.name + ")"},
      {"value_label", "jobs interrupted"},
      {"value_format", "number"},
      {"stacked", true}};
}

}  // namespace ppusim
