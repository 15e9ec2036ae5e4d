#include "sim/cli/progress_meter.hpp"

#include <cmath>
#include <cstdio>
#include <string>

namespace ppusim {

namespace {

/// How often each style prints, in wall seconds.
double print_interval_s(ProgressStyle style) { return style == ProgressStyle::Terminal ? 0.25 : 10.0; }

std::size_t jobs_ended(const RunMetrics& metrics) {
  std::size_t ended = 0;
  for (const JobRecord& job : metrics.jobs()) {
    ended += job.outcome == JobOutcome::Finished || job.outcome == JobOutcome::Rejected ? 1 : 0;
  }
  return ended;
}

}  // namespace

std::string format_duration(double seconds) {
  const long long total = std::llround(std::max(0.0, seconds));
  char buffer[64];
  const long long days = total / 86400, hours = total % 86400 / 3600, minutes = total % 3600 / 60,
                  secs = total % 60;
  if (days > 0) {
    std::snprintf(buffer, sizeof buffer, "%lldd %02lld:%02lld:%02lld", days, hours, minutes, secs);
  } else {
    std::snprintf(buffer, sizeof buffer, "%02lld:%02lld:%02lld", hours, minutes, secs);
  }
  return buffer;
}

ProgressMeter::ProgressMeter(std::ostream& err, ProgressStyle style, std::optional<double> horizon_s,
                             std::size_t jobs)
    : err_(err),
      style_(style),
      horizon_s_(horizon_s),
      jobs_(jobs),
      started_(Clock::now()),
      last_print_(started_) {}

void ProgressMeter::on_wake(double now, const RunMetrics& metrics, const EngineCounters& counters) {
  const Clock::time_point wall = Clock::now();
  const double since_print = std::chrono::duration<double>(wall - last_print_).count();
  if (printed_once_ && since_print < print_interval_s(style_)) return;
  printed_once_ = true;
  const double elapsed = std::chrono::duration<double>(wall - started_).count();

  const std::size_t ended = jobs_ended(metrics);
  const double done = horizon_s_ && *horizon_s_ > 0 ? std::min(1.0, now / *horizon_s_)
                      : jobs_ > 0                   ? static_cast<double>(ended) / static_cast<double>(jobs_)
                                                    : 0.0;
  const double passes_per_s =
      since_print > 0 ? (counters.scheduling_passes - passes_at_last_print_) / since_print : 0.0;
  char percent[32];
  std::snprintf(percent, sizeof percent, "%.1f%%", 100 * done);
  std::string line = "simulated " + format_duration(now) + " (" + percent +
                     (horizon_s_ ? " of horizon" : " of jobs") + "), " + std::to_string(ended) + "/" +
                     std::to_string(jobs_) + " jobs ended, " + std::to_string(std::llround(passes_per_s)) +
                     " scheduling passes/s, ETA " +
                     (done > 0 ? format_duration(elapsed * (1 - done) / done) : std::string("unknown"));

  if (style_ == ProgressStyle::Terminal) {
    const std::size_t width = line.size();
    if (width < last_width_) line += std::string(last_width_ - width, ' ');
    last_width_ = width;
    err_ << '\r' << line << std::flush;
  } else {
    err_ << "ppusim: " << line << "\n" << std::flush;
  }
  last_print_ = wall;
  passes_at_last_print_ = counters.scheduling_passes;
}

void ProgressMeter::finish() {
  if (style_ == ProgressStyle::Terminal && last_width_ > 0)
    err_ << '\r' << std::string(last_width_, ' ') << '\r' << std::flush;
}

}  // namespace ppusim
