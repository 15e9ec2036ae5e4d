#include "sim/engine/simulation.hpp"

#include <simgrid/s4u.hpp>
#include <string>
#include <vector>

#include "sim/core/input_error.hpp"
#include "sim/core/json_reader.hpp"
#include "sim/engine/cluster_manager.hpp"
#include "sim/engine/inference_fleet.hpp"
#include "sim/engine/link_failure_actor.hpp"
#include "sim/engine/stop_request.hpp"
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

}  // namespace

EngineRun run_simulation(const Scenario& scenario, const JobTrace& trace, EngineObserver& observer,
                         const WakeCallback& on_wake) {
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

  ClusterManager manager(scenario, trace, layout, platform, observer);
  manager.schedule_disconnections(std::move(topology_failures.disconnections));
  InferenceFleet fleet(scenario, std::move(requests), &observer);
  if (!fleet.empty()) manager.attach_services(&fleet);
  if (on_wake) manager.set_wake_callback([&](double now) { on_wake(now, manager.counters()); });
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
  EngineRun result;
  result.layout = layout;
  result.interrupted_at_s = manager.interrupted_at();
  if (!manager_returned && !result.interrupted_at_s) {
    throw InputError(scenario.source_path + ": the simulation deadlocked at " +
                     JsonReader::format_number(sg4::Engine::get_clock()) +
                     " s of simulated time: SimGrid found no activity that can still progress, so some "
                     "jobs could never finish (a link or path too slow to carry their flows?); no report "
                     "was written");
  }
  double end = manager.last_job_end_s();
  if (result.interrupted_at_s) {
    end = *result.interrupted_at_s;
  } else if (scenario.simulation.horizon_s) {
    end = *scenario.simulation.horizon_s;
  }
  manager.close_attempts(end);
  result.services = fleet.finish(end);
  result.window_end_s = end;
  result.counters = manager.counters();
  result.storage_reads = manager.storage_reads();
  return result;
}

}  // namespace ppusim
