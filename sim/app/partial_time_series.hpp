// time_series.partial.csv: the time series so far, rewritten atomically every few wall
// seconds while a run goes, so that a run killed outright (SIGKILL, out of memory, a batch
// system's hard limit) still leaves usable data. Its name and its first line say it is
// partial:
//   # partial: simulated up to 86400 s; the run was still going when this was written ...
// then the columns of time_series.csv, the last bin cut at that time. A run that ends
// normally (or is interrupted cleanly) writes its final outputs and removes this file.
#pragma once

#include <chrono>
#include <string>

#include "sim/config/scenario.hpp"
#include "sim/metrics/run_observer.hpp"

namespace ppusim {

inline constexpr const char* kPartialTimeSeriesFile = "time_series.partial.csv";
/// Wall seconds between rewrites unless asked otherwise (`ppusim run --partial-every`).
inline constexpr double kDefaultPartialEveryS = 5;

/// The partial file's content at simulated time `now`.
std::string format_partial_time_series(const Scenario& scenario, const RunMetrics& metrics, double now);

class PartialTimeSeriesWriter : public RunObserver {
 public:
  /// Writes into `folder` every `every_s` wall seconds (> 0).
  PartialTimeSeriesWriter(const Scenario& scenario, const std::string& folder, double every_s);

  void on_wake(double now, const RunMetrics& metrics, const EngineCounters& counters) override;
  /// Removes the partial file (the final outputs are written).
  void remove() const;

 private:
  using Clock = std::chrono::steady_clock;

  const Scenario& scenario_;
  std::string path_;
  double every_s_;
  Clock::time_point last_write_;
};

}  // namespace ppusim
