#include "sim/engine/network_job.hpp"

#include <cmath>
#include <simgrid/s4u.hpp>
#include <vector>

#include "sim/engine/cluster_manager.hpp"
#include "sim/engine/stop_request.hpp"
#include "sim/metrics/run_metrics.hpp"

namespace ppusim {

namespace sg4 = simgrid::s4u;

namespace {

sg4::CommPtr start_flow(sg4::Host* from, sg4::Host* to, double bytes) {
  return sg4::Comm::sendto_async(from, to, static_cast<std::uint64_t>(bytes));
}

/// Waits for every flow or until the horizon. False if the job must stop: the horizon came
/// first (its flows are then cancelled), or the run is being interrupted.
bool wait_until_done(std::vector<sg4::CommPtr>& flows, double horizon_s) {
  if (flows.empty()) return !stop_requested();
  const double budget = horizon_s - sg4::Engine::get_clock();
  if (std::isinf(budget)) {
    sg4::Comm::wait_all(flows);
    return !stop_requested();
  }
  if (sg4::Comm::wait_all_for(flows, budget) == flows.size()) return !stop_requested();
  for (auto& flow : flows) {
    if (!flow->test()) flow->cancel();
  }
  return false;
}

/// Sleeps until `t` or the horizon; false if the horizon came first.
bool sleep_until_or_horizon(double t, double horizon_s) {
  if (t > horizon_s) {
    sg4::this_actor::sleep_until(horizon_s);
    return false;
  }
  if (t > sg4::Engine::get_clock()) sg4::this_actor::sleep_until(t);
  return !stop_requested();
}

}  // namespace

bool NetworkJob::run_setup() const {
  const SetupPlan& setup = plan.setup;
  SetupTimes times;
  auto now = [] { return sg4::Engine::get_clock(); };
  double stage_start = now();

  if (!sleep_until_or_horizon(stage_start + setup.provisioning_s, horizon_s)) return false;
  times.provisioning_s = now() - stage_start;

  stage_start = now();
  std::vector<sg4::CommPtr> flows;
  if (setup.image_pull_flows) {
    for (int node : setup.image_pull_nodes) {
      flows.push_back(start_flow(platform->registry, platform->nodes[node], setup.image_bytes));
    }
  }
  if (!wait_until_done(flows, horizon_s)) return false;
  if (!sleep_until_or_horizon(stage_start + setup.image_pull_private_s, horizon_s)) return false;
  times.image_pull_s = now() - stage_start;

  stage_start = now();
  flows.clear();
  for (const StagingFlow& staging : plan.staging) {
    flows.push_back(start_flow(platform->storage, platform->storage_clients[staging.node], staging.bytes));
  }
  if (!wait_until_done(flows, horizon_s)) return false;
  if (!plan.staging.empty() && !sleep_until_or_horizon(now() + plan.staging_latency_s, horizon_s)) return false;
  times.staging_s = now() - stage_start;

  stage_start = now();
  flows.clear();
  if (setup.checkpoint_bytes_per_node > 0) {
    for (int node : nodes) {
      flows.push_back(start_flow(platform->storage, platform->storage_clients[node], setup.checkpoint_bytes_per_node));
    }
  }
  if (!wait_until_done(flows, horizon_s)) return false;
  times.checkpoint_load_s = now() - stage_start;

  stage_start = now();
  if (!sleep_until_or_horizon(stage_start + setup.init_s, horizon_s)) return false;
  times.init_s = now() - stage_start;
  metrics->setup_done(job, times);
  return true;
}

void NetworkJob::operator()() const {
  run();
  // Stopping early (horizon or interruption): the manager may be waiting with no timeout, for
  // this very job; wake it so that it sees the stop request.
  if (stop_requested()) manager->wake();
}

void NetworkJob::run() const {
  if (!run_setup()) return;
  std::vector<sg4::CommPtr> flows;
  for (int segment = 0; segment < plan.segments; ++segment) {
    const double compute_start = sg4::Engine::get_clock();
    metrics->begin_compute(job, compute_start, 1.0, plan.delivered_flops_per_s);
    if (!sleep_until_or_horizon(compute_start + plan.compute_per_segment_s, horizon_s)) return;
    metrics->end_compute(job, sg4::Engine::get_clock());

    const double comm_start = sg4::Engine::get_clock();
    flows.clear();
    for (const RingFlow& edge : plan.cross_leaf_flows) {
      flows.push_back(
          start_flow(platform->nodes[edge.from_node], platform->nodes[edge.to_node], plan.flow_bytes_per_segment));
    }
    counters->flows += static_cast<long long>(flows.size());
    ++counters->segments;
    if (!wait_until_done(flows, horizon_s)) return;
    if (!sleep_until_or_horizon(comm_start + plan.private_comm_per_segment_s, horizon_s)) return;
  }
  manager->network_job_finished(job);
}

}  // namespace ppusim
