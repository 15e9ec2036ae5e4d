// A simulation run with its records: the engine's run (sim/engine/simulation.hpp) observed by
// RunMetrics through MetricsObserver, and what the engine returns, as one SimulationResult
// that the report is built from.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "sim/config/scenario.hpp"
#include "sim/engine/engine_counters.hpp"
#include "sim/engine/storage_tiers.hpp"
#include "sim/inference/service_outcome.hpp"
#include "sim/metrics/run_metrics.hpp"
#include "sim/metrics/run_observer.hpp"
#include "topologies/topology_layout.hpp"
#include "workloads/job_spec.hpp"

namespace ppusim {

struct SimulationResult {
  RunMetrics metrics;
  TopologyLayout layout;
  EngineCounters counters;
  StorageReads storage_reads;  // what the storage tiers served to streaming inputs
  std::int64_t skipped_trace_rows = 0;
  /// Set when a stop request (SIGINT, SIGTERM) ended the run at this simulated time.
  std::optional<double> interrupted_at_s;
  std::vector<ServiceOutcome> services;  // one per scenario service, in order
};

/// Runs `trace` on `scenario` and records it. `observers` watch the run as it goes (progress,
/// partial outputs); they change nothing in it.
SimulationResult observed_simulation(const Scenario& scenario, const JobTrace& trace,
                                     const std::vector<RunObserver*>& observers = {});

}  // namespace ppusim
