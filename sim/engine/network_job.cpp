#include "sim/engine/network_job.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <simgrid/s4u.hpp>
#include <vector>

#include "sim/engine/engine_counters.hpp"
#include "sim/engine/stop_request.hpp"
#include "sim/engine/storage_tiers.hpp"

namespace ppusim {

namespace sg4 = simgrid::s4u;

namespace {

constexpr double kNoCheckpoint = std::numeric_limits<double>::infinity();

/// Starts a flow of `bytes` and adds it to `flows`; a flow of less than one byte is not
/// started. SimGrid 3.32 sends whole bytes, and a flow of zero bytes never completes under a
/// timed wait (`Comm::wait_all_for`, which every wait uses when the run has a horizon): the
/// job would stall until the horizon. Such flows came from a rounding-level cache "miss"
/// (docs/models.md, section c2); moving less than a byte takes no time anyway.
void add_flow(std::vector<sg4::CommPtr>& flows, sg4::Host* from, sg4::Host* to, double bytes) {
  const auto whole_bytes = static_cast<std::uint64_t>(bytes);
  if (whole_bytes == 0) return;
  flows.push_back(sg4::Comm::sendto_async(from, to, whole_bytes));
}

enum class Direction { ToStorage, FromStorage };

/// A checkpoint's traffic between the job's nodes and the store, as one flow per leaf group of
/// the job rather than one per node: the group's n nodes × `bytes_per_node`, between the
/// group's storage port (behind the leaf uplink) and the store (docs/failures.md).
std::vector<sg4::CommPtr> start_checkpoint_flows(const SimgridPlatform& platform,
                                                 const std::vector<LeafShare>& shares, double bytes_per_node,
                                                 Direction direction) {
  std::vector<sg4::CommPtr> flows;
  flows.reserve(shares.size());
  for (const LeafShare& share : shares) {
    sg4::Host* port = platform.leaf_storage_ports[share.leaf];
    const double bytes = bytes_per_node * share.nodes;
    if (direction == Direction::ToStorage) {
      add_flow(flows, port, platform.storage, bytes);
    } else {
      add_flow(flows, platform.storage, port, bytes);
    }
  }
  return flows;
}

/// Cancels the flows still in flight. A job that stops (horizon, interruption) cancels what it
/// no longer waits for: SimGrid 3.32 prints a backtrace (`Comm::~Comm`) for every started flow
/// that is dropped unfinished.
void cancel_unfinished(std::vector<sg4::CommPtr>& flows) {
  for (auto& flow : flows) {
    if (!flow->test()) flow->cancel();
  }
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
  cancel_unfinished(flows);
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

bool NetworkJob::move_checkpoint(double bytes_per_node, bool to_storage) const {
  const double start = sg4::Engine::get_clock();
  std::vector<sg4::CommPtr> flows =
      start_checkpoint_flows(*platform, plan.leaf_shares, bytes_per_node,
                             to_storage ? Direction::ToStorage : Direction::FromStorage);
  counters->flows += static_cast<long long>(flows.size());
  if (!wait_until_done(flows, horizon_s) || !current()) return false;
  // No node moves its share faster than its client link (SimGrid 3.32 cannot cap a
  // host-to-host flow's rate, so the bound is kept as time, like the ring's private time).
  const double floor_s = bytes_per_node / platform->storage_client_bandwidth;
  return sleep_until_or_horizon(start + floor_s, horizon_s) && current();
}

InputReads NetworkJob::start_input_reads(double read_per_node) const {
  const InputPlan& input = plan.input;
  const double per_node = input.bytes_per_node_per_segment;
  const double bytes = per_node * input.nodes;
  const double now = sg4::Engine::get_clock();
  // The node caches serve the job's second and later passes over its dataset (epochs), when
  // each node's share fits on its disk (job_plan.hpp).
  const bool from_node_cache = read_per_node >= input.node_cache_after_bytes;
  const InputSources sources =
      tiers->read(input.dataset, read_per_node * input.nodes, bytes, from_node_cache);
  InputReads reads;
  if (from_node_cache) {
    reads.ready_at_s = now + per_node / input.node_cache_bandwidth;
    return reads;
  }
  // One flow per leaf group and tier, carrying the group's share, as checkpoints travel.
  const double from_store = sources.store_bytes / bytes;
  for (const LeafShare& share : plan.leaf_shares) {
    sg4::Host* port = platform->leaf_storage_ports[share.leaf];
    const double group_bytes = per_node * share.nodes;
    add_flow(reads.flows, platform->storage, port, group_bytes * from_store);
    add_flow(reads.flows, platform->object_store, port, group_bytes * (1 - from_store));
  }
  counters->flows += static_cast<long long>(reads.flows.size());
  // No node reads its share faster than its client link (as for checkpoints).
  reads.ready_at_s = now + per_node / platform->storage_client_bandwidth;
  return reads;
}

bool NetworkJob::wait_for_input(InputReads& reads) const {
  const double wait_start = sg4::Engine::get_clock();
  const bool going =
      wait_until_done(reads.flows, horizon_s) && sleep_until_or_horizon(reads.ready_at_s, horizon_s);
  const double waited = sg4::Engine::get_clock() - wait_start;
  if (waited > 0 && current()) engine->input_waited(job, waited);
  return going && current();
}

bool NetworkJob::run_setup() const {
  const SetupPlan& setup = plan.setup;
  SetupTimes times;
  auto now = [] { return sg4::Engine::get_clock(); };
  double stage_start = now();

  if (!sleep_until_or_horizon(stage_start + setup.provisioning_s, horizon_s) || !current()) return false;
  times.provisioning_s = now() - stage_start;

  stage_start = now();
  std::vector<sg4::CommPtr> flows;
  if (setup.image_pull_flows) {
    for (int node : setup.image_pull_nodes) {
      add_flow(flows, platform->registry, platform->nodes[node], setup.image_bytes);
    }
  }
  if (!wait_until_done(flows, horizon_s) || !current()) return false;
  if (!sleep_until_or_horizon(stage_start + setup.image_pull_private_s, horizon_s) || !current())
    return false;
  times.image_pull_s = now() - stage_start;

  stage_start = now();
  flows.clear();
  for (const StagingFlow& staging : plan.staging) {
    add_flow(flows, platform->storage, platform->storage_clients[staging.node], staging.bytes);
  }
  if (!wait_until_done(flows, horizon_s) || !current()) return false;
  if (!plan.staging.empty() && !sleep_until_or_horizon(now() + plan.staging_latency_s, horizon_s))
    return false;
  if (!current()) return false;
  times.staging_s = now() - stage_start;

  stage_start = now();
  if (setup.checkpoint_bytes_per_node > 0 && !move_checkpoint(setup.checkpoint_bytes_per_node, false))
    return false;
  times.checkpoint_load_s = now() - stage_start;

  stage_start = now();
  if (!sleep_until_or_horizon(stage_start + setup.init_s, horizon_s) || !current()) return false;
  times.init_s = now() - stage_start;
  engine->setup_done(job, times);
  return true;
}

void NetworkJob::operator()() const {
  run();
  // Stopping early (horizon or interruption): the manager may be waiting with no timeout, for
  // this very job; wake it so that it sees the stop request.
  if (stop_requested()) engine->actor_stopped();
}

bool NetworkJob::current() const { return !stop_requested() && engine->attempt_is_current(job, attempt); }

bool NetworkJob::write_checkpoint(double work_done) const {
  engine->checkpoint_write_began(job, sg4::Engine::get_clock());
  if (!move_checkpoint(plan.checkpoint.bytes_per_node, true)) return false;
  engine->checkpoint_written(job, sg4::Engine::get_clock(), work_done);
  return true;
}

void NetworkJob::run() const {
  if (!run_setup()) return;
  engine->steps_began(job, sg4::Engine::get_clock());
  // Training progress: wall time spent in steps (computing and communicating), not in
  // checkpoint writes. A checkpoint is written each time progress crosses a multiple of the
  // interval, inside a compute phase exactly, after a communication phase when it crossed one.
  const CheckpointPlan& checkpoint = plan.checkpoint;
  const double total_compute_s = plan.compute_per_segment_s * plan.segments;
  double progress_s = 0;
  double computed_s = 0;
  double next_checkpoint_s = checkpoint.enabled() ? checkpoint.interval_s : kNoCheckpoint;
  auto work_done = [&] { return total_compute_s > 0 ? computed_s / total_compute_s : 1.0; };
  std::vector<sg4::CommPtr> flows;
  double input_read_per_node = 0;
  InputReads input;
  // A segment's reads run while it computes: a job that stops meanwhile cancels them.
  struct CancelInputOnStop {
    InputReads& reads;
    ~CancelInputOnStop() { cancel_unfinished(reads.flows); }
  } cancel_input_on_stop{input};
  for (int segment = 0; segment < plan.segments; ++segment) {
    // The segment's input streams in while it computes and communicates.
    if (plan.input.enabled()) {
      input = start_input_reads(input_read_per_node);
      input_read_per_node += plan.input.bytes_per_node_per_segment;
    }
    double compute_left_s = plan.compute_per_segment_s;
    do {
      const double piece_s = std::min(compute_left_s, next_checkpoint_s - progress_s);
      const double compute_start = sg4::Engine::get_clock();
      engine->compute_began(job, compute_start, plan.delivered_flops_per_s);
      if (!sleep_until_or_horizon(compute_start + piece_s, horizon_s) || !current()) return;
      engine->compute_ended(job, sg4::Engine::get_clock());
      progress_s += piece_s;
      computed_s += piece_s;
      compute_left_s -= piece_s;
      const bool job_done = segment + 1 == plan.segments && compute_left_s <= 0 &&
                            plan.cross_leaf_flows.empty() && plan.private_comm_per_segment_s <= 0;
      if (progress_s >= next_checkpoint_s && !job_done) {
        if (!write_checkpoint(work_done())) return;
        next_checkpoint_s += checkpoint.interval_s;
      }
    } while (compute_left_s > 0);

    const double comm_start = sg4::Engine::get_clock();
    flows.clear();
    for (const RingFlow& edge : plan.cross_leaf_flows) {
      add_flow(flows, platform->nodes[edge.from_node], platform->nodes[edge.to_node],
               plan.flow_bytes_per_segment);
    }
    counters->flows += static_cast<long long>(flows.size());
    ++counters->segments;
    if (!wait_until_done(flows, horizon_s) || !current()) return;
    if (!sleep_until_or_horizon(comm_start + plan.private_comm_per_segment_s, horizon_s) || !current())
      return;
    if (plan.input.enabled() && !wait_for_input(input)) return;
    progress_s += sg4::Engine::get_clock() - comm_start;
    if (progress_s >= next_checkpoint_s && segment + 1 < plan.segments) {
      if (!write_checkpoint(work_done())) return;
      next_checkpoint_s = (std::floor(progress_s / checkpoint.interval_s) + 1) * checkpoint.interval_s;
    }
  }
  engine->job_done(job, attempt, sg4::Engine::get_clock());
}

}  // namespace ppusim
