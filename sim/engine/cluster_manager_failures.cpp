// The engine's handlers for failures, preemptions and restarts (docs/failures.md):
//
//   failure at t ─┬─ its nodes go out of service (withdrawn from the pool as soon as nothing
//                 │  runs on them), back after a spare swap or the repair (NodeBack, SpareBack);
//                 └─ each job on them (or, for a link, each job whose ring leaves the leaf
//                    group) is interrupted: it loses the progress since its last checkpoint,
//                    holds its nodes for detection + recovery (ReleaseForRestart), then is
//                    queued again, at the head of the queue, with the work left at its last
//                    checkpoint. An inference replica on them stops serving at once (its
//                    requests are routed again), holds its PPUs for the same detection +
//                    recovery (ReplicaRestart), then gives them back and a replacement replica
//                    is queued at the head.
//
// A spot reclaim gives the jobs on its nodes notice first (InterruptNode). A topology failure
// that cuts nodes off the fabric (Disconnect, link_failures.hpp) takes the same path as a
// failed switch: its nodes go out of service until the repair (Reconnect), and every job with
// a node among them is interrupted (docs/topologies.md, "Failures during a run").
#include <algorithm>
#include <cmath>

#include "sim/config/duration_distribution.hpp"
#include "sim/engine/cluster_manager.hpp"
#include "sim/failures/blast_radius.hpp"

namespace ppusim {

void ClusterManager::on_component_failure() {
  const ComponentFailure failure = failure_process_.pop();
  if (std::isfinite(failure_process_.next_time()))
    push(failure_process_.next_time(), EventType::ComponentFailure, 0);
  const double now = failure.time_s;
  observer_.on_component_failed(failure.component, now);
  const BlastRadius radius = blast_radius(failure, layout_, scenario_.node);
  if (radius.broken_uplink_leaf >= 0) {
    // Jobs whose ring crosses this leaf group's uplinks; each once, in job order. A replica
    // sits on one node: its traffic never leaves the leaf group.
    std::vector<int> hit;
    const int first = layout_.first_node_of_leaf(radius.broken_uplink_leaf);
    for (int n = 0; n < layout_.nodes_in_leaf(radius.broken_uplink_leaf); ++n) {
      for (WorkId work : nodes_.holders(first + n)) {
        if (!work.is_replica() && attempts_.leaves_spanned(work.index) > 1) hit.push_back(work.index);
      }
    }
    std::sort(hit.begin(), hit.end());
    hit.erase(std::unique(hit.begin(), hit.end()), hit.end());
    for (int job : hit) interrupt_job(job, now, failure.component);
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
    if (radius.spare_can_replace && nodes_.take_spare()) {
      // A spare stands in after the swap; the repaired hardware becomes a spare.
      out_for_s = std::min(repair_s, scenario_.failures.spares.swap_s);
      push(now + repair_s, EventType::SpareBack, 0);
    }
  }
  for (int node : radius.nodes_down) {
    nodes_.take_out_of_service(node);
    push(now + out_for_s, EventType::NodeBack, node);
    // A spot notice gives the jobs on the node notice_s before it is taken.
    const double notice_s = preemption ? scenario_.economics.spot.notice_s : 0;
    if (notice_s > 0) {
      push(now + notice_s, EventType::InterruptNode, node, failure.component);
    } else {
      on_interrupt_node(node, now, failure.component);
    }
  }
}

void ClusterManager::schedule_disconnections(std::vector<NodeDisconnection> disconnections) {
  for (std::size_t i = 0; i < disconnections.size(); ++i) {
    const NodeDisconnection& cut = disconnections[i];
    push(cut.from_s, EventType::Disconnect, static_cast<int>(i), cut.cause);
    if (std::isfinite(cut.until_s)) push(cut.until_s, EventType::Reconnect, static_cast<int>(i), cut.cause);
  }
  nodes_.set_disconnections(std::move(disconnections));
}

void ClusterManager::on_disconnect(int cut_index, double now) {
  // Cut off from storage and from the rest of the fabric: no job on these nodes can read its
  // data, save a checkpoint or reach its peers elsewhere, so each is interrupted, as by a node
  // failure; the nodes take no job until the repair.
  const NodeDisconnection& cut = nodes_.disconnections()[cut_index];
  for (int node = cut.first_node; node < cut.first_node + cut.node_count; ++node) {
    nodes_.take_out_of_service(node);
    on_interrupt_node(node, now, cut.cause);
  }
}

void ClusterManager::on_reconnect(int cut_index) {
  const NodeDisconnection& cut = nodes_.disconnections()[cut_index];
  for (int node = cut.first_node; node < cut.first_node + cut.node_count; ++node)
    nodes_.back_in_service(node);
}

void ClusterManager::on_interrupt_node(int node, double now, ComponentKind cause) {
  const std::vector<WorkId> holders = nodes_.holders(node);  // interrupting changes no holder; be safe
  for (WorkId work : holders) {
    if (work.is_replica()) {
      interrupt_replica(work.index, now);
    } else {
      interrupt_job(work.index, now, cause);
    }
  }
}

double ClusterManager::draw_recovery_delay_s() {
  const RecoverySpec& recovery = scenario_.failures.recovery;
  const bool manual = recovery.manual_fraction > 0 && recovery_rng_.uniform01() < recovery.manual_fraction;
  return recovery.detection_s + (manual ? recovery.manual_restart_s : recovery.automatic_restart_s);
}

void ClusterManager::after_recovery_delay(EventType release, int target, double now) {
  const double delay_s = draw_recovery_delay_s();
  if (delay_s > 0) {
    push(now + delay_s, release, target);
  } else {
    dispatch({.time_s = now, .type = release, .target = target}, now);
  }
}

void ClusterManager::interrupt_job(int job, double now, ComponentKind cause) {
  const std::optional<JobAttempts::Interruption> cost = attempts_.interrupt(job, now);
  if (!cost) return;  // already down, or done
  observer_.on_compute_ended(job, now);
  observer_.on_job_interrupted(job, cause, now, cost->lost_s, cost->lost_flops);
  observer_.on_productive_time(job, cost->kept_s);
  if (cost->write_open) observer_.on_checkpoint_write(job, cost->open_write_s);
  after_recovery_delay(EventType::ReleaseForRestart, job, now);
}

void ClusterManager::interrupt_replica(int replica, double now) {
  if (!replicas_.failed(replica, now)) return;
  after_recovery_delay(EventType::ReplicaRestart, replica, now);
}

void ClusterManager::on_release_for_restart(int job, double now) {
  std::optional<std::pair<Allocation, double>> released = attempts_.release_interrupted(job, now);
  if (!released) return;  // released already
  nodes_.vacate(WorkId::job(job), released->first);
  pass_.stopped(WorkId::job(job), now);
  report_tenant_use(trace_.jobs[job].tenant_index, now);
  observer_.on_job_released_for_restart(job, now, released->second);
  enqueue(job, true);
  observer_.on_queue_length_changed(now, pass_.queue_length());
}

void ClusterManager::on_replica_restart(int replica, double now) {
  const std::optional<bool> replace = replicas_.recovery_over(replica);
  if (!replace) return;
  release_replica(replica, now);
  if (!*replace) return;
  // A replacement goes through the queue and its setup again, like a restarted job.
  queue_replica(replicas_.replacement_for(replica), now, true);
  observer_.on_queue_length_changed(now, pass_.queue_length());
}

}  // namespace ppusim
