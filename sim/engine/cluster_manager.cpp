#include "sim/engine/cluster_manager.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <simgrid/s4u.hpp>
#include <string>
#include <utility>

#include "sim/config/duration_distribution.hpp"
#include "sim/engine/cluster_resources.hpp"
#include "sim/engine/job_plan.hpp"
#include "sim/engine/network_job.hpp"
#include "sim/engine/pool_eligibility.hpp"
#include "sim/engine/pool_preference.hpp"
#include "sim/engine/stop_request.hpp"
#include "workloads/ppu_memory.hpp"

namespace ppusim {

namespace sg4 = simgrid::s4u;

namespace {

constexpr double kNever = std::numeric_limits<double>::infinity();

/// How many of the allocation's PPUs each pool's nodes hold, indexed by pool.
std::vector<int> ppus_per_pool(const Allocation& allocation, const ResourcePool& resources) {
  std::vector<int> ppus(resources.pool_count(), 0);
  for (const int node : allocation.nodes)
    ppus[resources.pool_of_node(node)] += resources.ppus_held_on(allocation, node);
  return ppus;
}

}  // namespace

ClusterManager::ClusterManager(const Scenario& scenario, const JobTrace& trace, const TopologyLayout& layout,
                               const SimgridPlatform& platform, EngineObserver& observer)
    : scenario_(scenario),
      trace_(trace),
      layout_(layout),
      platform_(platform),
      observer_(observer),
      horizon_s_(scenario.simulation.horizon_s.value_or(kNever)),
      pool_views_(pool_views(scenario)),
      work_pool_(pool_views_.empty() ? 0 : trace.jobs.size(), 0),
      requests_(scenario.has_several_pools() || scenario.models_host_resources() ? trace.jobs.size() : 0),
      pool_orders_(scenario.has_several_pools() && scenario.scheduler.pool_choice == PoolPreference::Fastest
                       ? trace.jobs.size()
                       : 0),
      pool_(make_resources(layout, scenario, placement_inputs(scenario, trace))),
      nodes_(layout.nodes, pool_, scenario.failures.spares.nodes),
      attempts_(trace.jobs.size()),
      pass_(scenario.scheduler, scenario.tenants, pool_, static_cast<int>(trace.jobs.size())),
      image_cache_(layout.nodes, scenario.setup.image_cache_images),
      tiers_(scenario.storage),
      fabric_(scenario, trace, layout),
      // Streams of their own, so that adding setup or failures does not change any other draw.
      setup_rng_(scenario.simulation.seed ^ 0x5E7B5E7B5E7B5E7BULL),
      recovery_rng_(scenario.simulation.seed ^ 0x4EC0E4EC0E4EC0E4ULL),
      failure_process_(scenario),
      mutex_(sg4::Mutex::create()),
      wake_(sg4::ConditionVariable::create()) {
  for (const JobSpec& job : trace.jobs) {
    if (job.input) tiers_.count_streaming_job();
  }
  // Arrivals and failures are drawn lazily: each source keeps only its next event queued.
  if (arrivals_left()) push(trace_.jobs[0].submit_s, EventType::Arrival, 0);
  if (std::isfinite(failure_process_.next_time()))
    push(failure_process_.next_time(), EventType::ComponentFailure, 0);
}

EngineCounters ClusterManager::counters() const {
  EngineCounters counters = counters_;
  counters.scheduling_passes = pass_.passes();
  return counters;
}

void ClusterManager::push(double time_s, EventType type, int target, ComponentKind cause) {
  events_.push({.time_s = time_s, .type = type, .target = target, .attempt = 0, .cause = cause});
}

void ClusterManager::run() {
  std::unique_lock lock(*mutex_);
  while (true) {
    const double now = sg4::Engine::get_clock();
    if (on_wake_) on_wake_(now);
    if (now >= horizon_s_) break;
    if (stop_requested()) {
      // Network jobs notice the request when their current sleep or flows end (flows are let
      // finish: cancelling host-to-host comms under a waiting actor is not clean in SimGrid
      // 3.32), and return without recording anything past the interruption. RunMetrics::close
      // then counts every open interval up to `now` only.
      interrupted_at_ = now;
      break;
    }

    while (events_.next_time() <= now) dispatch(events_.pop(), now);
    decide(now);

    double wake = std::min(events_.next_time(), horizon_s_);
    if (replicas_.has_services()) wake = std::min(wake, replicas_.next_control_s());
    // Services serve until the horizon (the loader requires one with services).
    const bool nothing_left = !replicas_.has_services() && !arrivals_left() && pass_.nothing_running();
    if (nothing_left && pass_.queue_length() == 0) break;
    // Nothing runs and nothing will happen: the queued jobs need nodes that a topology failure
    // cut off for good (docs/topologies.md). They stay unstarted; the run ends here.
    if (wake == kNever && nothing_left) break;
    if (wake == kNever) {
      wake_->wait(lock);
    } else if (wake > now) {
      wake_->wait_until(lock, wake);
    }
  }
  // At the horizon, network jobs stop by themselves (they know the horizon); jobs still
  // running are left as they are, and their metrics are clipped there.
  // Every job's speed is in the report, arrived or not.
  for (std::size_t job = next_arrival_; job < trace_.jobs.size(); ++job)
    observer_.on_job_speed(static_cast<int>(job), derive_job_work(trace_.jobs[job], scenario_).speed);
}

void ClusterManager::dispatch(const EngineEvent& event, double now) {
  switch (event.type) {
    case EventType::NetworkJobDone:
    case EventType::LocalJobEnd:
      on_job_end(event.target, event.attempt, now);
      break;
    case EventType::ComponentFailure:
      on_component_failure();
      break;
    case EventType::ReleaseForRestart:
      on_release_for_restart(event.target, now);
      break;
    case EventType::ReplicaRestart:
      on_replica_restart(event.target, now);
      break;
    case EventType::InterruptNode:
      on_interrupt_node(event.target, now, event.cause);
      break;
    case EventType::NodeBack:
      nodes_.back_in_service(event.target);
      break;
    case EventType::SpareBack:
      nodes_.spare_back();
      break;
    case EventType::Disconnect:
      on_disconnect(event.target, now);
      break;
    case EventType::Reconnect:
      on_reconnect(event.target);
      break;
    case EventType::Preemption:
      on_preemption(event.target, event.attempt, now);
      break;
    case EventType::Arrival:
      on_arrival(event.target, now);
      break;
  }
}

void ClusterManager::decide(double now) {
  if (replicas_.has_services()) serve_inference(now);
  start_all(pass_.run(now), now);
  if (!pass_.has_tenants()) return;
  // A job within its tenant's guarantee still waits: borrowed PPUs are taken back for it
  // (Preemption events, handled at once), and nobody borrows more meanwhile.
  if (preempt_for_waiting_job(now)) return;
  start_all(pass_.run_borrowing(now), now);
}

void ClusterManager::start_all(std::vector<SchedulingPass::Start> starts, double now) {
  if (starts.empty()) return;
  observer_.on_queue_length_changed(now, pass_.queue_length());
  for (SchedulingPass::Start& started : starts) {
    if (started.work.is_replica()) {
      nodes_.occupy(started.work, started.allocation);
      replicas_.started(started.work.index, std::move(started.allocation), now);
    } else {
      start(started.work.index, std::move(started.allocation), now);
    }
  }
}

// --- Training jobs --------------------------------------------------------------------------

void ClusterManager::on_arrival(int job, double now) {
  next_arrival_ = static_cast<std::size_t>(job) + 1;
  if (arrivals_left()) push(trace_.jobs[next_arrival_].submit_s, EventType::Arrival, job + 1);
  const JobSpec& spec = trace_.jobs[job];
  observer_.on_job_arrived(job);
  // The job's work is derived once, here, and held only until it ends (job_attempts.hpp:
  // memory at month scale); jobs that never arrive get their speed at the end of the run.
  // With several pools this is the work as pool 0's chip does it, until a pool is chosen.
  JobWork work = derive_job_work(spec, scenario_);
  observer_.on_job_speed(job, work.speed);
  if (!admit(job)) return;
  if (spec.tenant_index >= 0) {
    const TenantLedger& tenants = pass_.tenants();
    const PoolMask pools = requests_.empty() ? kAnyPool : requests_[job].pools;
    const std::int64_t held_milli = pass_.least_held_milli(spec.ppus, spec.ppu_milli, pools);
    if (held_milli > tenants.burst_milli(spec.tenant_index)) {
      observer_.on_job_rejected(
          job, "holds " + std::to_string(held_milli / TenantLedger::kMilli) + " PPUs, above tenant " +
                   spec.tenant + "'s burst limit of " +
                   std::to_string(tenants.burst_milli(spec.tenant_index) / TenantLedger::kMilli));
      return;
    }
  }
  attempts_.arrived(job, std::move(work));
  // Its speed and estimate as the first pool it tries does it (where it goes when all fit).
  if (!requests_.empty()) use_pool_work(job, preferred_pool(job));
  enqueue(job, false);
  observer_.on_queue_length_changed(now, pass_.queue_length());
}

bool ClusterManager::admit(int job) {
  const JobSpec& spec = trace_.jobs[job];
  PoolChoice choice = admissible_pools(spec, scenario_, pool_,
                                       [this](int pool) -> const Scenario& { return seen_from_pool(pool); });
  if (choice.pools == 0) {
    observer_.on_job_rejected(job, std::move(choice.reason));
    return false;
  }
  if (requests_.empty()) return true;  // one pool, no host limits: jobs carry no request
  requests_[job].pools = choice.pools;
  if (!pool_orders_.empty()) {
    pool_orders_[job] = pools_fastest_first(
        spec, choice.pools, pool_, [this](int pool) -> const Scenario& { return seen_from_pool(pool); });
    requests_[job].order = pool_orders_[job];
  }
  requests_[job].host = host_request_of(spec);
  return true;
}

int ClusterManager::preferred_pool(int job) const {
  const PlacementRequest& request = requests_[job];
  return request.order.empty() ? std::countr_zero(request.pools) : request.order.front();
}

void ClusterManager::use_pool_work(int job, int pool) {
  if (pool_views_.empty() || work_pool_[job] == pool) return;
  work_pool_[job] = pool;
  attempts_.set_work(job, derive_job_work(trace_.jobs[job], pool_views_[pool]));
  observer_.on_job_speed(job, attempts_.work(job).speed);
}

void ClusterManager::use_weakest_server_work(int job, const Scenario& weakest) {
  work_pool_[job] = kWeakestServerWork;
  attempts_.set_work(job, derive_job_work(trace_.jobs[job], weakest));
  observer_.on_job_speed(job, attempts_.work(job).speed);
}

const Scenario& ClusterManager::weakest_server_of(PoolMask pools) {
  auto view = weakest_views_.find(pools);
  if (view == weakest_views_.end())
    view = weakest_views_.emplace(pools, weakest_server_view(scenario_, pools)).first;
  return view->second;
}

void ClusterManager::enqueue(int job, bool at_head) {
  const JobSpec& spec = trace_.jobs[job];
  // Back in the queue after a span of servers of different shapes: its work and estimate as the
  // first pool it tries does it again.
  if (!pool_views_.empty() && work_pool_[job] == kWeakestServerWork) use_pool_work(job, preferred_pool(job));
  const Scenario& seen = pool_views_.empty() ? scenario_ : pool_views_[work_pool_[job]];
  pass_.enqueue(WorkId::job(job),
                {.ppus = spec.ppus,
                 .ppu_milli = spec.ppu_milli,
                 .estimated_runtime_s = estimate_runtime_s(spec, attempts_.remaining_work(job), seen),
                 .tenant = spec.tenant_index,
                 .submit_s = spec.submit_s,
                 .placement = requests_.empty() ? PlacementRequest{} : requests_[job]},
                at_head);
}

void ClusterManager::start(int job, Allocation allocation, double now) {
  JobSpec spec = trace_.jobs[job];
  // A restarted job loads its last checkpoint instead of what it first started from.
  if (attempts_.has_checkpoint(job))
    spec.checkpoint_bytes = checkpoint_state_bytes(trace_.jobs[job], scenario_);
  // A job spanning servers of different shapes runs at the weakest one's speed.
  const bool on_weakest =
      allocation.spanned_pools != 0 && spans_server_shapes(scenario_, allocation.spanned_pools);
  const Scenario& seen =
      on_weakest ? weakest_server_of(allocation.spanned_pools) : seen_from_pool(allocation.pool);
  if (on_weakest) {
    use_weakest_server_work(job, seen);
  } else {
    use_pool_work(job, allocation.pool);
  }
  const JobWork work = attempts_.remaining_work(job);
  StartDraws draws;
  draws.provisioning_s = draw_duration(scenario_.setup.provisioning_s, setup_rng_);
  if (scenario_.setup.image_bytes > 0)
    draws.image_pull_nodes = image_cache_.use(allocation.nodes, spec.image);
  JobPlan plan = make_job_plan(spec, work, allocation, layout_, seen, std::move(draws));
  // Ring flows nothing can slow down take their NIC time, as the job's own links do.
  fabric_.fold_ring_flows(plan, allocation);
  // A fractional job sits on one PPU (held_ppus 1) but holds only its share of it.
  const int held_ppus = allocation.is_fractional() ? 1 : allocation.held_ppus();
  observer_.on_job_started(job, now, held_ppus, allocation.allocated_ppus(), plan.leaves_spanned);
  if (scenario_.pools.size() > 1) observer_.on_job_pool(job, allocation.pool);
  if (allocation.spanned_pools != 0) observer_.on_job_spans_pools(job, ppus_per_pool(allocation, pool_));
  report_tenant_use(spec.tenant_index, now);
  nodes_.occupy(WorkId::job(job), allocation);
  const int attempt = attempts_.current(job);

  if (plan.uses_shared_resources()) {
    ++counters_.network_jobs;
    const double step_s = plan.compute_per_segment_s + plan.private_comm_per_segment_s;
    const double busy_share = step_s > 0 ? plan.compute_per_segment_s / step_s : 1.0;
    attempts_.started(job, std::move(allocation), plan.leaves_spanned, plan.delivered_flops_per_s, busy_share,
                      now);
    sg4::Actor::create(
        "job" + std::to_string(job), platform_.controller,
        NetworkJob{job, attempt, std::move(plan), &platform_, this, &counters_, &tiers_, horizon_s_});
    return;
  }
  // Nothing shared: the job's end is known now. After its setup (time only), its computing is
  // spread evenly over the rest of its run, as steps alternate compute and communication.
  ++counters_.local_jobs;
  const double first_step = now + plan.private_setup_s();
  const double end = now + plan.private_runtime_s();
  const double busy_share = end > first_step ? work.compute_s / (end - first_step) : 1.0;
  attempts_.started(job, std::move(allocation), plan.leaves_spanned, plan.delivered_flops_per_s, busy_share,
                    now);
  SetupTimes setup;
  setup.provisioning_s = plan.setup.provisioning_s;
  setup.image_pull_s = plan.setup.image_pull_private_s;
  setup.init_s = plan.setup.init_s;
  if (first_step <= horizon_s_) observer_.on_setup_done(job, setup);
  observer_.on_compute_began(job, first_step, busy_share, plan.delivered_flops_per_s);
  attempts_.steps_began(job, first_step);
  events_.push({.time_s = end, .type = EventType::LocalJobEnd, .target = job, .attempt = attempt});
}

void ClusterManager::on_job_end(int job, int attempt, double now) {
  if (!attempts_.is_current(job, attempt)) return;  // an interrupted attempt's end
  observer_.on_productive_time(job, attempts_.progress_s(job, now));
  if (std::optional<Allocation> held = attempts_.finish(job)) nodes_.vacate(WorkId::job(job), *held);
  pass_.stopped(WorkId::job(job), now);
  report_tenant_use(trace_.jobs[job].tenant_index, now);
  observer_.on_compute_ended(job, now);
  observer_.on_job_finished(job, now);
  last_job_end_s_ = std::max(last_job_end_s_, now);
}

void ClusterManager::job_done(int job, int attempt, double now) {
  events_.push({.time_s = now, .type = EventType::NetworkJobDone, .target = job, .attempt = attempt});
  wake_->notify_one();
}

void ClusterManager::checkpoint_written(int job, double now, double work_done) {
  observer_.on_checkpoint_write(job, attempts_.checkpoint_written(job, now, work_done));
}

void ClusterManager::close_attempts(double end_s) {
  for (const auto& [job, progress_s] : attempts_.running_progress(end_s))
    observer_.on_productive_time(job, progress_s);
}

// --- Inference replicas (sim/engine/inference_fleet.hpp) --------------------------------
// Queued and placed like a training job, held until the service releases it, its node fails
// (cluster_manager_failures.cpp) or the horizon.

void ClusterManager::serve_inference(double now) {
  const FleetActions actions = replicas_.control(now);
  for (int replica : actions.release) release_replica(replica, now);
  for (const ReplicaJob& replica : actions.start) queue_replica(replica, now, false);
  if (!actions.start.empty()) observer_.on_queue_length_changed(now, pass_.queue_length());
}

void ClusterManager::queue_replica(const ReplicaJob& replica, double now, bool at_head) {
  // Its "walltime" for EASY backfilling: it holds its PPUs until the horizon. It belongs to no
  // tenant: the services are the cluster's own. It runs in its service's pool only.
  pass_.enqueue(
      WorkId::replica(replica.id),
      {.ppus = replica.ppus,
       .ppu_milli = 1000,
       .estimated_runtime_s = horizon_s_ - now,
       .submit_s = now,
       .placement = {.pools = scenario_.has_several_pools() ? PoolMask{1} << replica.pool : kAnyPool,
                     .order = {},
                     .host = {}}},
      at_head);
}

void ClusterManager::release_replica(int replica, double now) {
  const Allocation allocation = replicas_.released(replica, now);
  nodes_.vacate(WorkId::replica(replica), allocation);
  pass_.stopped(WorkId::replica(replica), now);
}

}  // namespace ppusim
