// Progress of a long run on stderr: simulated time, share done (of the horizon, or of the jobs
// when there is none), scheduling passes per wall second, and the time left at that pace.
//   Terminal: one line rewritten in place (carriage return), at most four times a second.
//   Lines (--progress, for logs): one full line every ten wall seconds.
// Wall-clock times only decide when to print; nothing printed here goes into an output file.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <ostream>

#include "sim/metrics/run_observer.hpp"

namespace ppusim {

enum class ProgressStyle { Terminal, Lines };

class ProgressMeter : public RunObserver {
 public:
  /// `horizon_s`: the scenario's, if any; `jobs`: jobs in the workload.
  ProgressMeter(std::ostream& err, ProgressStyle style, std::optional<double> horizon_s, std::size_t jobs);

  void on_wake(double now, const RunMetrics& metrics, const EngineCounters& counters) override;
  /// Ends the progress line (terminal style) so that what follows starts on a clean line.
  void finish();

 private:
  using Clock = std::chrono::steady_clock;

  std::ostream& err_;
  ProgressStyle style_;
  std::optional<double> horizon_s_;
  std::size_t jobs_;
  Clock::time_point started_;
  Clock::time_point last_print_;
  bool printed_once_ = false;  // the first wake prints: a log shows the run has started
  long long passes_at_last_print_ = 0;
  std::size_t last_width_ = 0;  // of the terminal line, to blank what a shorter one leaves
};

/// "3d 04:05:06" or "04:05:06".
std::string format_duration(double seconds);

}  // namespace ppusim
