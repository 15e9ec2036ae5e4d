// The manager's side of failures, preemptions and restarts (docs/failures.md):
//
//   failure at t ─┬─ its nodes go out of service (withdrawn from the pool as soon as nothing
//                 │  runs on them), back after a spare swap or the repair;
//                 └─ each job on them (or, for a link, each job whose ring leaves the leaf
//                    group) is interrupted: it loses the progress since its last checkpoint,
//                    holds its nodes for detection + recovery, then is queued again, at the
//                    head of the queue, with the work left at its last checkpoint.
//                    An inference replica on them stops serving at once (its requests are
//                    routed again), holds its PPUs for the same detection + recovery, then
//                    gives them back and a replacement replica is queued at the head.
//
// A topology failure that cuts nodes off the fabric (a disconnection, link_failures.hpp) takes
// the same path as a failed switch: its nodes go out of service until the repair, and every job
// with a node among them is interrupted (docs/topologies.md, "Failures during a run").
#include <algorithm>
#include <cmath>
#include <simgrid/s4u.hpp>

#include "sim/engine/cluster_manager.hpp"
#include "sim/failures/blast_radius.hpp"

namespace ppusim {

double ClusterManager::Attempt::progress_s(double now) const {
  if (steps_since < 0 || now <= steps_since) return 0;
  const double writing = write_since >= 0 ? now - write_since : 0;
  return std::max(0.0, now - steps_since - paused_s - writing);
}

void ClusterManager::steps_began(int job, double now) { attempts_[job].steps_since = now; }

void ClusterManager::checkpoint_write_began(int job, double now) { attempts_[job].write_since = now; }

void ClusterManager::checkpoint_written(int job, double now, double work_done) {
  Attempt& attempt = attempts_[job];
  const double write_s = now - attempt.write_since;
  attempt.paused_s += write_s;
  attempt.write_since = -1;
  attempt.saved_progress_s = attempt.progress_s(now);
  attempt.saved_remaining = attempt.remaining * (1 - work_done);
  attempt.saved_any = true;
  metrics_.add_checkpoint_write(job, write_s);
}

void ClusterManager::close_attempts(double end_s) {
  for (std::size_t job = 0; job < attempts_.size(); ++job) {
    const Attempt& attempt = attempts_[job];
    if (allocations_[job] && attempt.interrupted_at < 0) {
      metrics_.add_productive_time(static_cast<int>(job), attempt.progress_s(end_s));
    }
  }
}

JobWork ClusterManager::remaining_work(int job) const {
  JobWork work = work_[job];
  const double left = attempts_[job].remaining;
  if (left >= 1) return work;
  work.total_flops *= left;
  work.compute_s *= left;
  // Whole steps are what a checkpoint saves; keep at least one so that the ring still runs.
  work.steps = std::max(1.0, work.steps * left);
  return work;
}

void ClusterManager::push_event(double time_s, TimedEvent::Kind kind, int target, ComponentKind cause) {
  timed_events_.push({time_s, event_sequence_++, kind, target, cause});
}

void ClusterManager::occupy(int job, const Allocation& allocation) {
  for (int node : allocation.nodes) jobs_on_node_[node].push_back(job);
}

void ClusterManager::vacate(int job, const Allocation& allocation) {
  pool_.release(allocation);
  for (int node : allocation.nodes) {
    std::vector<int>& jobs = jobs_on_node_[node];
    jobs.erase(std::find(jobs.begin(), jobs.end(), job));
    // A node that failed while this job held it leaves service now that it is free.
    if (outages_[node] > 0) withdrawn_ppus_[node] += pool_.withdraw_free(node);
  }
}

void ClusterManager::handle_failures_until(double now) {
  while (failure_process_.next_time() <= now) on_failure(failure_process_.pop());
}

void ClusterManager::handle_timed_events_until(double now) {
  while (!timed_events_.empty() && timed_events_.top().time_s <= now) {
    const TimedEvent event = timed_events_.top();
    timed_events_.pop();
    switch (event.kind) {
      case TimedEvent::Kind::ReleaseForRestart:
        release_for_restart(event.target, now);
        break;
      case TimedEvent::Kind::InterruptNode:
        interrupt_jobs_on(event.target, now, event.cause);
        break;
      case TimedEvent::Kind::NodeBack:
        back_in_service(event.target);
        break;
      case TimedEvent::Kind::SpareBack:
        ++spares_available_;
        break;
      case TimedEvent::Kind::Disconnect:
        disconnect(disconnections_[event.target], now);
        break;
      case TimedEvent::Kind::Reconnect:
        reconnect(disconnections_[event.target]);
        break;
    }
  }
}

void ClusterManager::on_failure(const ComponentFailure& failure) {
  const double now = failure.time_s;
  metrics_.component_failed(failure.component, now);
  const BlastRadius radius = blast_radius(failure, layout_, scenario_.node);
  if (radius.broken_uplink_leaf >= 0) {
    // Jobs whose ring crosses this leaf group's uplinks; each once, in job order.
    std::vector<int> hit;
    const int first = layout_.first_node_of_leaf(radius.broken_uplink_leaf);
    for (int n = 0; n < layout_.nodes_in_leaf(radius.broken_uplink_leaf); ++n) {
      for (int job : jobs_on_node_[first + n]) {
        // A replica sits on one node: its traffic never leaves the leaf group.
        if (!is_replica(job) && metrics_.jobs()[job].leaves_spanned > 1) hit.push_back(job);
      }
    }
    std::sort(hit.begin(), hit.end());
    hit.erase(std::unique(hit.begin(), hit.end()), hit.end());
    for (int job : hit) interrupt(job, now, failure.component);
    return;
  }

  const bool preemption = failure.component == ComponentKind::Preemption;
  double out_for_s = 0;
  if (preemption) {
    out_for_s = scenario_.economics.spot.reclaim_s;
  } else {
    const ComponentFailureSpec& spec = scenario_.failures.component(failure.component);
    const double repair_s = draw_duration(spec.repair_s, recovery_rng_);
    out_for_s = repair_s;
    if (radius.spare_can_replace && spares_available_ > 0) {
      // A spare stands in after the swap; the repaired hardware becomes a spare.
      --spares_available_;
      out_for_s = std::min(repair_s, scenario_.failures.spares.swap_s);
      push_event(now + repair_s, TimedEvent::Kind::SpareBack, 0);
    }
  }
  for (int node : radius.nodes_down) {
    take_out_of_service(node, now);
    push_event(now + out_for_s, TimedEvent::Kind::NodeBack, node);
    // A spot notice gives the jobs on the node notice_s before it is taken.
    const double notice_s = preemption ? scenario_.economics.spot.notice_s : 0;
    if (notice_s > 0) {
      push_event(now + notice_s, TimedEvent::Kind::InterruptNode, node, failure.component);
    } else {
      interrupt_jobs_on(node, now, failure.component);
    }
  }
}

void ClusterManager::schedule_disconnections(std::vector<NodeDisconnection> disconnections) {
  disconnections_ = std::move(disconnections);
  for (std::size_t i = 0; i < disconnections_.size(); ++i) {
    const NodeDisconnection& cut = disconnections_[i];
    push_event(cut.from_s, TimedEvent::Kind::Disconnect, static_cast<int>(i), cut.cause);
    if (std::isfinite(cut.until_s))
      push_event(cut.until_s, TimedEvent::Kind::Reconnect, static_cast<int>(i), cut.cause);
  }
}

void ClusterManager::disconnect(const NodeDisconnection& cut, double now) {
  // Cut off from storage and from the rest of the fabric: no job on these nodes can read its
  // data, save a checkpoint or reach its peers elsewhere, so each is interrupted, as by a node
  // failure; the nodes take no job until the repair.
  for (int node = cut.first_node; node < cut.first_node + cut.node_count; ++node) {
    take_out_of_service(node, now);
    interrupt_jobs_on(node, now, cut.cause);
  }
}

void ClusterManager::reconnect(const NodeDisconnection& cut) {
  for (int node = cut.first_node; node < cut.first_node + cut.node_count; ++node) back_in_service(node);
}

void ClusterManager::take_out_of_service(int node, double /*now*/) {
  if (outages_[node]++ == 0) withdrawn_ppus_[node] += pool_.withdraw_free(node);
}

void ClusterManager::back_in_service(int node) {
  if (--outages_[node] > 0) return;
  pool_.restore(node, withdrawn_ppus_[node]);
  withdrawn_ppus_[node] = 0;
}

void ClusterManager::interrupt_jobs_on(int node, double now, ComponentKind cause) {
  const std::vector<int> jobs = jobs_on_node_[node];  // interrupt() does not change it, but be safe
  for (int job : jobs) interrupt(job, now, cause);
}

double ClusterManager::draw_recovery_delay_s() {
  const RecoverySpec& recovery = scenario_.failures.recovery;
  const bool manual = recovery.manual_fraction > 0 && recovery_rng_.uniform01() < recovery.manual_fraction;
  return recovery.detection_s + (manual ? recovery.manual_restart_s : recovery.automatic_restart_s);
}

void ClusterManager::schedule_release_for_restart(int job, double now) {
  const double delay_s = draw_recovery_delay_s();
  if (delay_s > 0) {
    push_event(now + delay_s, TimedEvent::Kind::ReleaseForRestart, job);
  } else {
    release_for_restart(job, now);
  }
}

void ClusterManager::interrupt(int job, double now, ComponentKind cause) {
  if (is_replica(job)) {
    interrupt_replica(job, now);
    return;
  }
  Attempt& attempt = attempts_[job];
  if (attempt.interrupted_at >= 0 || !allocations_[job]) return;  // already down, or done
  ++attempt.number;  // the actor or calendar entry of the old attempt is now ignored
  metrics_.end_compute(job, now);
  const double progress_s = attempt.progress_s(now);
  const double lost_s = std::max(0.0, progress_s - attempt.saved_progress_s);
  metrics_.job_interrupted(job, cause, now, lost_s, lost_s * attempt.busy_share * attempt.flops_per_s);
  metrics_.add_productive_time(job, std::min(progress_s, attempt.saved_progress_s));
  if (attempt.write_since >= 0) metrics_.add_checkpoint_write(job, now - attempt.write_since);
  attempt.write_since = -1;
  attempt.remaining = attempt.saved_remaining;
  attempt.interrupted_at = now;
  schedule_release_for_restart(job, now);
}

void ClusterManager::interrupt_replica(int job, double now) {
  if (!replica_allocations_.contains(job) || failed_replicas_.contains(job)) return;
  failed_replicas_.emplace(job, fleet_->replica_failed(job - replica_job_base(), now));
  schedule_release_for_restart(job, now);
}

void ClusterManager::release_for_restart(int job, double now) {
  if (is_replica(job)) {
    release_replica_for_restart(job, now);
    return;
  }
  Attempt& attempt = attempts_[job];
  if (!allocations_[job] || attempt.interrupted_at < 0) return;  // released already
  vacate(job, *allocations_[job]);
  allocations_[job].reset();
  running_.remove(job);
  metrics_.job_released_for_restart(job, now, now - attempt.interrupted_at);
  attempt.interrupted_at = -1;
  const JobSpec& spec = trace_.jobs[job];
  queue_.push_front(
      {job, spec.ppus, spec.ppu_milli, estimate_runtime_s(spec, remaining_work(job), scenario_)});
  metrics_.queue_length_changed(now, queue_.size());
}

void ClusterManager::release_replica_for_restart(int job, double now) {
  const auto failed = failed_replicas_.find(job);
  if (failed == failed_replicas_.end()) return;
  const bool replace = failed->second;
  failed_replicas_.erase(failed);
  const int replica = job - replica_job_base();
  release_replica(job, now);
  if (!replace) return;
  // A replacement goes through the queue and its setup again, like a restarted job.
  queue_replica(fleet_->replacement_for(replica), now, true);
  metrics_.queue_length_changed(now, queue_.size());
}

}  // namespace ppusim
