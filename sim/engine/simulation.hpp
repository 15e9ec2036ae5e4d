// One simulation run: scenario and jobs in, events out through an EngineObserver. SimGrid
// allows one engine per process, so a process runs one simulation (tests and comparisons run
// each in a child process: sim/app/isolated_run.hpp). The run's records (RunMetrics) are the
// results layer's: sim/metrics/observed_simulation.hpp runs this with them as the observer.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "sim/config/scenario.hpp"
#include "sim/engine/engine_counters.hpp"
#include "sim/engine/engine_observer.hpp"
#include "sim/engine/storage_tiers.hpp"
#include "sim/inference/service_outcome.hpp"
#include "topologies/topology_layout.hpp"
#include "workloads/job_spec.hpp"

namespace ppusim {

/// What the engine itself knows once a run has ended; what happened during it went out
/// through the observer.
struct EngineRun {
  TopologyLayout layout;
  EngineCounters counters;
  StorageReads storage_reads;  // what the storage tiers served to streaming inputs
  /// Set when a stop request (SIGINT, SIGTERM) ended the run at this simulated time.
  std::optional<double> interrupted_at_s;
  /// Where the observed window ends: the interruption, the horizon, or the last job's end.
  /// Open attempts and replicas were closed there; the observer's records close there too.
  double window_end_s = 0;
  std::vector<ServiceOutcome> services;  // one per scenario service, in order
};

/// Called at every manager wake-up (arrivals, job ends, scheduling) with the simulated clock
/// and the engine's counters: progress and partial outputs. It can change nothing in the run.
using WakeCallback = std::function<void(double now, const EngineCounters& counters)>;

/// Runs `trace` on `scenario`, telling `observer` every event in time order.
EngineRun run_simulation(const Scenario& scenario, const JobTrace& trace, EngineObserver& observer,
                         const WakeCallback& on_wake = {});

}  // namespace ppusim
