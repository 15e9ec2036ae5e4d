#include "sim/engine/cluster_manager.hpp"

#include <cmath>
#include <limits>
#include <simgrid/s4u.hpp>
#include <string>

#include "sim/config/duration_distribution.hpp"
#include "sim/engine/network_job.hpp"
#include "sim/engine/stop_request.hpp"
#include "workloads/ppu_memory.hpp"

namespace ppusim {

namespace sg4 = simgrid::s4u;

namespace {

constexpr double kNever = std::numeric_limits<double>::infinity();

}  // namespace

ClusterManager::ClusterManager(const Scenario& scenario, const JobTrace& trace, const FatTreeLayout& layout,
                               const SimgridPlatform& platform, RunMetrics& metrics)
    : scenario_(scenario),
      trace_(trace),
      layout_(layout),
      platform_(platform),
      metrics_(metrics),
      allocations_(trace.jobs.size()),
      pool_(layout, scenario.node.ppus_per_node, scenario.scheduler.placement),
      scheduler_(make_scheduler(scenario.scheduler)),
      image_cache_(layout.nodes, scenario.setup.image_cache_images),
      // A stream of its own, so that adding setup does not change any other draw.
      setup_rng_(scenario.simulation.seed ^ 0x5E7B5E7B5E7B5E7BULL),
      mutex_(sg4::Mutex::create()),
      wake_(sg4::ConditionVariable::create()),
      horizon_s_(scenario.simulation.horizon_s.value_or(kNever)),
      attempts_(trace.jobs.size()),
      failure_process_(scenario),
      recovery_rng_(scenario.simulation.seed ^ 0x4EC0E4EC0E4EC0E4ULL),
      jobs_on_node_(layout.nodes),
      outages_(layout.nodes),
      withdrawn_ppus_(layout.nodes),
      spares_available_(scenario.failures.spares.nodes) {
  work_.reserve(trace.jobs.size());
  for (const JobSpec& job : trace.jobs) {
    work_.push_back(derive_job_work(job, scenario));
    metrics_.set_speed(static_cast<int>(work_.size() - 1), work_.back().speed);
  }
}

void ClusterManager::run() {
  std::unique_lock lock(*mutex_);
  while (true) {
    const double now = sg4::Engine::get_clock();
    if (on_wake_) on_wake_(now);
    if (now >= horizon_s_) break;
    if (stop_requested()) {
      stop_everything(now);
      return;
    }

    for (int job : finished_network_jobs_) finish(job, now);
    finished_network_jobs_.clear();
    while (!calendar_.empty() && calendar_.top().end_s <= now) {
      const CalendarEntry entry = calendar_.top();
      calendar_.pop();
      if (attempt_is_current(entry.job, entry.attempt)) finish(entry.job, now);
    }
    handle_failures_until(now);
    handle_timed_events_until(now);
    admit_arrivals(now);
    if (fleet_) serve_inference(now);
    schedule(now);

    double wake = std::min(next_wake_time(), horizon_s_);
    if (fleet_) wake = std::min(wake, fleet_->next_control_s());
    // Services serve until the horizon (the loader requires one with services).
    const bool all_done =
        !fleet_ && next_arrival_ == trace_.jobs.size() && queue_.empty() && running_.empty();
    if (all_done) break;
    if (!finished_network_jobs_.empty()) continue;
    // Nothing runs and nothing will happen: the queued jobs need nodes that a topology failure
    // cut off for good (docs/topologies.md). They stay unstarted; the run ends here.
    if (wake == kNever && running_.empty() && !fleet_ && next_arrival_ == trace_.jobs.size()) break;
    if (wake == kNever) {
      wake_->wait(lock);
    } else if (wake > now) {
      wake_->wait_until(lock, wake);
    }
  }
  // At the horizon, network jobs stop by themselves (they know the horizon); jobs still
  // running are left as they are, and their metrics are clipped there.
}

void ClusterManager::stop_everything(double now) {
  interrupted_at_ = now;
  // Network jobs notice the request when their current sleep or flows end (flows are let
  // finish: cancelling host-to-host comms under a waiting actor is not clean in SimGrid 3.32),
  // and return without recording anything past the interruption. RunMetrics::close then
  // counts every open interval up to `now` only.
}

void ClusterManager::network_job_finished(int job) {
  finished_network_jobs_.push_back(job);
  wake_->notify_one();
}

double ClusterManager::next_wake_time() const {
  double wake = kNever;
  if (next_arrival_ < trace_.jobs.size()) wake = trace_.jobs[next_arrival_].submit_s;
  if (!calendar_.empty()) wake = std::min(wake, calendar_.top().end_s);
  if (!timed_events_.empty()) wake = std::min(wake, timed_events_.top().time_s);
  return std::min(wake, failure_process_.next_time());
}

void ClusterManager::admit_arrivals(double now) {
  bool queue_changed = false;
  for (; next_arrival_ < trace_.jobs.size() && trace_.jobs[next_arrival_].submit_s <= now; ++next_arrival_) {
    const int job = static_cast<int>(next_arrival_);
    const JobSpec& spec = trace_.jobs[job];
    metrics_.job_arrived(job);
    if (!pool_.ever_fits(spec.ppus)) {
      metrics_.job_rejected(
          job, "needs " + std::to_string(spec.ppus) + " PPUs, the cluster has " +
                   std::to_string(static_cast<long long>(layout_.nodes) * pool_.ppus_per_node()));
      continue;
    }
    if (std::optional<std::string> reason = why_job_cannot_fit(spec, scenario_)) {
      metrics_.job_rejected(job, std::move(*reason));
      continue;
    }
    queue_.push_back({job, spec.ppus, spec.ppu_milli, estimate_runtime_s(spec, work_[job], scenario_)});
    queue_changed = true;
  }
  if (queue_changed) metrics_.queue_length_changed(now, queue_.size());
}

void ClusterManager::schedule(double now) {
  if (queue_.empty()) return;
  ++counters_.scheduling_passes;
  std::vector<StartDecision> started = scheduler_->schedule(now, queue_, pool_, running_);
  if (started.empty()) return;
  metrics_.queue_length_changed(now, queue_.size());
  for (StartDecision& decision : started) {
    if (is_replica(decision.id)) {
      start_replica(decision.id, std::move(decision.allocation), now);
    } else {
      start(decision.id, std::move(decision.allocation), now);
    }
  }
}

double ClusterManager::draw_duration(const DurationDistribution& d) {
  return ppusim::draw_duration(d, setup_rng_);
}

void ClusterManager::start(int job, Allocation allocation, double now) {
  JobSpec spec = trace_.jobs[job];
  Attempt& attempt = attempts_[job];
  // A restarted job loads its last checkpoint instead of what it first started from.
  if (attempt.saved_any) spec.checkpoint_bytes = checkpoint_state_bytes(trace_.jobs[job], scenario_);
  const JobWork work = remaining_work(job);
  StartDraws draws;
  draws.provisioning_s = draw_duration(scenario_.setup.provisioning_s);
  if (scenario_.setup.image_bytes > 0)
    draws.image_pull_nodes = image_cache_.use(allocation.nodes, spec.image);
  JobPlan plan = make_job_plan(spec, work, allocation, layout_, scenario_, std::move(draws));
  // A fractional job sits on one PPU (held_ppus 1) but holds only its share of it.
  const int held_ppus = allocation.is_fractional() ? 1 : allocation.held_ppus();
  metrics_.job_started(job, now, held_ppus, allocation.allocated_ppus(), plan.leaves_spanned);
  occupy(job, allocation);
  allocations_[job] = std::move(allocation);
  attempt.steps_since = -1;
  attempt.paused_s = 0;
  attempt.write_since = -1;
  attempt.saved_progress_s = 0;
  attempt.interrupted_at = -1;
  attempt.flops_per_s = plan.delivered_flops_per_s;

  if (plan.uses_shared_resources()) {
    ++counters_.network_jobs;
    const double step_s = plan.compute_per_segment_s + plan.private_comm_per_segment_s;
    attempt.busy_share = step_s > 0 ? plan.compute_per_segment_s / step_s : 1.0;
    sg4::Actor::create("job" + std::to_string(job), platform_.controller,
                       NetworkJob{job, attempt.number, std::move(plan), &platform_, this, &metrics_,
                                  &counters_, horizon_s_});
    return;
  }
  // Nothing shared: the job's end is known now. After its setup (time only), its computing is
  // spread evenly over the rest of its run, as steps alternate compute and communication.
  ++counters_.local_jobs;
  const double first_step = now + plan.private_setup_s();
  const double end = now + plan.private_runtime_s();
  const double busy_share = end > first_step ? work.compute_s / (end - first_step) : 1.0;
  SetupTimes setup;
  setup.provisioning_s = plan.setup.provisioning_s;
  setup.image_pull_s = plan.setup.image_pull_private_s;
  setup.init_s = plan.setup.init_s;
  if (first_step <= horizon_s_) metrics_.setup_done(job, setup);
  metrics_.begin_compute(job, first_step, busy_share, plan.delivered_flops_per_s);
  attempt.steps_since = first_step;
  attempt.busy_share = busy_share;
  calendar_.push({end, job, attempt.number});
}

void ClusterManager::finish(int job, double now) {
  metrics_.add_productive_time(job, attempts_[job].progress_s(now));
  if (allocations_[job]) {
    vacate(job, *allocations_[job]);
    allocations_[job].reset();
  }
  running_.remove(job);
  metrics_.end_compute(job, now);
  metrics_.job_finished(job, now);
}

// --- Inference replicas (sim/engine/inference_fleet.hpp) --------------------------------
// A replica is a job with id trace size + replica id: queued and placed like a training job,
// held until the service releases it, its node fails (cluster_manager_failures.cpp) or the
// horizon.

void ClusterManager::serve_inference(double now) {
  fleet_->advance_to(now);
  const FleetActions actions = fleet_->control(now);
  for (int replica : actions.release) release_replica(replica_job_base() + replica, now);
  for (const ReplicaJob& replica : actions.start) queue_replica(replica, now, false);
  if (!actions.start.empty()) metrics_.queue_length_changed(now, queue_.size());
}

void ClusterManager::queue_replica(const ReplicaJob& replica, double now, bool at_head) {
  // Its "walltime" for EASY backfilling: it holds its PPUs until the horizon.
  const PendingJob pending{
      .id = replica_job_base() + replica.id, .ppus = replica.ppus, .estimated_runtime_s = horizon_s_ - now};
  if (at_head) {
    queue_.push_front(pending);
  } else {
    queue_.push_back(pending);
  }
}

void ClusterManager::release_replica(int job, double now) {
  const auto held = replica_allocations_.find(job);
  vacate(job, held->second);
  replica_allocations_.erase(held);
  running_.remove(job);
  fleet_->replica_released(job - replica_job_base(), now);
}

void ClusterManager::start_replica(int job, Allocation allocation, double now) {
  fleet_->replica_started(job - replica_job_base(), now, allocation.held_ppus());
  occupy(job, allocation);
  replica_allocations_.emplace(job, std::move(allocation));
}

}  // namespace ppusim
