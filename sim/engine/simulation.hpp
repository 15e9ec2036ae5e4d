// One simulation run: scenario and jobs in, observations out. SimGrid allows one engine per
// process, so a process runs one simulation (tests and comparisons run each in a child
// process: isolated_run.hpp).
#pragma once

#include <optional>

#include "sim/config/scenario.hpp"
#include "sim/engine/cluster_manager.hpp"
#include "sim/engine/run_observer.hpp"
#include "sim/engine/storage_tiers.hpp"
#include "sim/inference/service_outcome.hpp"
#include "sim/metrics/run_metrics.hpp"
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

/// `observers` watch the run as it goes (progress, partial outputs); they change nothing in it.
SimulationResult run_simulation(const Scenario& scenario, const JobTrace& trace,
                                const std::vector<RunObserver*>& observers = {});

}  // namespace ppusim
