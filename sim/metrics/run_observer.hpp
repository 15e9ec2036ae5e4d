// Watching a run as it goes (progress on stderr, partial outputs), without being part of it:
// observed_simulation (observed_simulation.hpp) calls each observer once per engine wake-up
// with the simulated clock and the records so far, and the observer only reads. Nothing an
// observer does can change a simulated number.
#pragma once

#include "sim/engine/engine_counters.hpp"
#include "sim/metrics/run_metrics.hpp"

namespace ppusim {

class RunObserver {
 public:
  virtual ~RunObserver() = default;
  /// Called at every manager wake-up (arrivals, job ends, scheduling), at simulated time
  /// `now`. Must be cheap on average: it should look at the wall clock and return.
  virtual void on_wake(double now, const RunMetrics& metrics, const EngineCounters& counters) = 0;
};

}  // namespace ppusim
