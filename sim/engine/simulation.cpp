#include "sim/engine/simulation.hpp"

#include <limits>
#include <simgrid/s4u.hpp>
#include <string>
#include <vector>

#include "sim/core/input_error.hpp"
#include "sim/core/json_reader.hpp"
#include "sim/engine/inference_fleet.hpp"
#include "sim/engine/link_failure_actor.hpp"
#include "sim/engine/stop_request.hpp"
#include "sim/metrics/metrics_observer.hpp"
#include "topologies/simgrid_platform.hpp"
#include "topologies/topology_layout.hpp"

namespace ppusim {

namespace sg4 = simgrid::s4u;

namespace {

/// SimGrid settings and why (docs/engine.md):
///  - CM02 with no TCP window (TCP-gamma 0) and unit factors: an RDMA fabric moves bytes at
///    link rate; LV08's TCP calibration (latency ×13.01, bandwidth ×0.97) does not apply.
///  - No cross-traffic: ACK flows in the reverse direction cost most of the solver's time and
///    are negligible for bulk RDMA transfers.
///  - Quiet logs: the report is the output.
std::vector<std::string> engine_arguments() {
  return {"ppusim",
          "--cfg=network/model:CM02",
          "--cfg=network/TCP-gamma:0",
          "--cfg=network/crosstraffic:0",
          "--cfg=contexts/stack-size:256",
          "--log=root.thres:critical",
          "--log=xbt_cfg.thres:critical"};
}

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

}  // namespace

SimulationResult run_simulation(const Scenario& scenario, const JobTrace& trace,
                                const std::vector<RunObserver*>& observers) {
  std::vector<std::vector<InferenceRequest>> requests = load_service_requests(scenario);
  std::vector<std::string> arguments = engine_arguments();
  std::vector<char*> argv;
  for (std::string& argument : arguments) argv.push_back(argument.data());
  int argc = static_cast<int>(argv.size());
  argv.push_back(nullptr);
  sg4::Engine engine(&argc, argv.data());
  install_stop_signal_handlers();

  const TopologyLayout layout = make_topology_layout(scenario);
  TopologyFailurePlan topology_failures = plan_topology_failures(scenario, layout);
  const SimgridPlatform platform = build_simgrid_platform(scenario, layout);

  const double limit = scenario.simulation.horizon_s.value_or(std::numeric_limits<double>::infinity());
  SimulationResult result{
      RunMetrics(initial_records(trace), scenario.simulation.time_series_interval_s, limit),
      layout,
      {},
      {},
      trace.skipped_rows,
      std::nullopt,
      {}};
  std::vector<double> guarantees;
  for (const TenantSpec& tenant : scenario.tenants.tenants)
    guarantees.push_back(static_cast<double>(tenant.guaranteed_ppus));
  result.metrics.set_tenant_guarantees(guarantees);
  if (scenario.has_several_pools()) {
    std::vector<std::string> names;
    for (const PoolSpec& pool : scenario.pools) names.push_back(pool.name);
    result.metrics.set_pools(std::move(names));
  }
  MetricsObserver metrics_observer(result.metrics);
  ClusterManager manager(scenario, trace, layout, platform, metrics_observer);
  manager.schedule_disconnections(std::move(topology_failures.disconnections));
  InferenceFleet fleet(scenario, std::move(requests), &result.metrics);
  if (!fleet.empty()) manager.attach_services(&fleet);
  if (!observers.empty()) {
    manager.set_wake_callback([&](double now) {
      for (RunObserver* observer : observers) observer->on_wake(now, result.metrics, manager.counters());
    });
  }
  // The manager returns once every job has ended, the horizon has passed or a stop request
  // came. If SimGrid ends the run before that, no activity could progress any more: a
  // deadlock (a flow that can never finish), which must not pass for a finished run.
  bool manager_returned = false;
  sg4::Actor::create("cluster-manager", platform.controller, [&manager, &manager_returned] {
    manager.run();
    manager_returned = true;
  });
  if (!topology_failures.capacity_changes.empty()) {
    sg4::Actor::create("link-failures", platform.controller,
                       LinkFailureActor{std::move(topology_failures.capacity_changes)});
  }
  engine.run();

  // The window ends at an interruption, at the horizon, or when the last job ended.
  result.interrupted_at_s = manager.interrupted_at();
  if (!manager_returned && !result.interrupted_at_s) {
    throw InputError(scenario.source_path + ": the simulation deadlocked at " +
                     JsonReader::format_number(sg4::Engine::get_clock()) +
                     " s of simulated time: SimGrid found no activity that can still progress, so some "
                     "jobs could never finish (a link or path too slow to carry their flows?); no report "
                     "was written");
  }
  double end = 0;
  if (result.interrupted_at_s) {
    end = *result.interrupted_at_s;
  } else if (scenario.simulation.horizon_s) {
    end = *scenario.simulation.horizon_s;
  } else {
    for (const JobRecord& job : result.metrics.jobs()) end = std::max(end, job.end_s);
  }
  manager.close_attempts(end);
  result.services = fleet.finish(end);
  result.metrics.close(end);
  result.counters = manager.counters();
  result.storage_reads = manager.storage_reads();
  return result;
}

}  // namespace ppusim
