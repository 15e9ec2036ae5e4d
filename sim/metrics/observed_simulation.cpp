#include "sim/metrics/observed_simulation.hpp"

#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "sim/engine/simulation.hpp"
#include "sim/metrics/metrics_observer.hpp"

namespace ppusim {

namespace {

/// One record per trace job, before anything happened to it.
std::vector<JobRecord> initial_records(const JobTrace& trace) {
  std::vector<JobRecord> records(trace.jobs.size());
  for (std::size_t i = 0; i < trace.jobs.size(); ++i) {
    records[i].id = trace.jobs[i].id;
    records[i].ppus = trace.jobs[i].ppus;
    records[i].ppu_equivalents = trace.jobs[i].ppu_equivalents();
    records[i].submit_s = trace.jobs[i].submit_s;
    records[i].tenant = trace.jobs[i].tenant_index;
  }
  return records;
}

/// The run's records, ready for the engine's first event: nothing counts past the horizon.
RunMetrics empty_metrics(const Scenario& scenario, const JobTrace& trace) {
  const double limit = scenario.simulation.horizon_s.value_or(std::numeric_limits<double>::infinity());
  RunMetrics metrics(initial_records(trace), scenario.simulation.time_series_interval_s, limit);
  std::vector<double> guarantees;
  for (const TenantSpec& tenant : scenario.tenants.tenants)
    guarantees.push_back(static_cast<double>(tenant.guaranteed_ppus));
  metrics.set_tenant_guarantees(guarantees);
  if (scenario.has_several_pools()) {
    std::vector<std::string> names;
    for (const PoolSpec& pool : scenario.pools) names.push_back(pool.name);
    metrics.set_pools(std::move(names));
  }
  return metrics;
}

}  // namespace

SimulationResult observed_simulation(const Scenario& scenario, const JobTrace& trace,
                                     const std::vector<RunObserver*>& observers) {
  RunMetrics metrics = empty_metrics(scenario, trace);
  MetricsObserver recorder(metrics);
  WakeCallback on_wake;
  if (!observers.empty()) {
    on_wake = [&observers, &metrics](double now, const EngineCounters& counters) {
      for (RunObserver* observer : observers) observer->on_wake(now, metrics, counters);
    };
  }
  EngineRun run = run_simulation(scenario, trace, recorder, on_wake);
  metrics.close(run.window_end_s);
  return SimulationResult{.metrics = std::move(metrics),
                          .layout = std::move(run.layout),
                          .counters = run.counters,
                          .storage_reads = std::move(run.storage_reads),
                          .skipped_trace_rows = trace.skipped_rows,
                          .interrupted_at_s = run.interrupted_at_s,
                          .services = std::move(run.services)};
}

}  // namespace ppusim
