// What the engine tells the outside world as a run goes: the narrow interface through which
// results (sim/metrics) watch the engine. The engine only reports what happened, in time
// order; it never reads anything back through this interface, so no observer can change a
// decision. RunMetrics is told through an adapter (sim/metrics/metrics_observer.hpp).
//
// Jobs are the trace's job indices. Inference replicas are scheduled through the inference
// fleet (sim/engine/inference_fleet.hpp); only the PPU-time they hold and compute is reported
// here, so that inference shows in the cluster's utilization.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "sim/engine/setup_times.hpp"
#include "sim/failures/failure_spec.hpp"
#include "workloads/job_speed.hpp"

namespace ppusim {

class EngineObserver {
 public:
  virtual ~EngineObserver() = default;

  /// Before the run: the job model's speed for each job (docs/models.md, section a).
  virtual void on_job_speed(int job, const JobSpeed& speed) = 0;
  virtual void on_job_arrived(int job) = 0;
  /// The job can never run on this cluster; `reason` says why.
  virtual void on_job_rejected(int job, std::string reason) = 0;
  /// An attempt of the job got its PPUs at `now` (`held_ppus` whole PPUs, `allocated_ppus`
  /// PPU-equivalents), on nodes under `leaves_spanned` leaf groups.
  virtual void on_job_started(int job, double now, int held_ppus, double allocated_ppus,
                              int leaves_spanned) = 0;
  virtual void on_job_finished(int job, double now) = 0;
  /// The job's attempt that just started runs in pool `pool` (several pools only).
  virtual void on_job_pool(int /*job*/, int /*pool*/) {}
  /// After on_job_pool, when the attempt spans several pools of one chip (resource_pool.hpp):
  /// how many of its PPUs each pool's nodes hold, indexed by pool.
  virtual void on_job_spans_pools(int /*job*/, const std::vector<int>& /*ppus_per_pool*/) {}
  /// The attempt's setup stages ended (the first attempt's, or a restart's).
  virtual void on_setup_done(int job, const SetupTimes& times) = 0;
  /// From `now` on, the job's PPUs compute for `busy_fraction` of the time, delivering
  /// `flops_per_s_while_busy` while they do, until on_compute_ended.
  virtual void on_compute_began(int job, double now, double busy_fraction, double flops_per_s_while_busy) = 0;
  virtual void on_compute_ended(int job, double now) = 0;
  /// A failure or a spot reclaim hit the job at `now`: `lost_work_s` of training progress since its
  /// last checkpoint is lost, `lost_flops` of delivered work with it.
  virtual void on_job_interrupted(int job, ComponentKind cause, double now, double lost_work_s,
                                  double lost_flops) = 0;
  /// The job was preempted at `now` to make room for a job within its tenant's guarantee
  /// (docs/tenants.md): `lost_work_s` of training progress since its last checkpoint is lost,
  /// `lost_flops` of delivered work with it. It gives its PPUs back at once
  /// (on_job_released_for_restart follows) and is queued again.
  virtual void on_job_preempted(int job, double now, double lost_work_s, double lost_flops) = 0;
  /// The PPUs (PPU-equivalents) tenant `tenant` holds changed to `allocated_ppus` at `now`.
  virtual void on_tenant_allocation_changed(int tenant, double now, double allocated_ppus) = 0;
  /// The interrupted job gave its nodes back at `now` after `hold_s` of recovery, and is queued.
  virtual void on_job_released_for_restart(int job, double now, double hold_s) = 0;
  /// The job spent `seconds` writing checkpoints (a finished write, or one cut by a failure).
  virtual void on_checkpoint_write(int job, double seconds) = 0;
  /// The job's steps waited `seconds` for their streaming input (docs/models.md, section c2).
  virtual void on_input_wait(int job, double seconds) = 0;
  /// The job's segment [t0, t1) read `bytes` of streaming input from shared storage.
  virtual void on_input_read(int /*job*/, double /*t0*/, double /*t1*/, double /*bytes*/) {}
  /// `seconds` of the job's training progress were kept (saved, or ended with the job).
  virtual void on_productive_time(int job, double seconds) = 0;
  /// A component failed (or a spot node was reclaimed) at `now`, whether it hit a job or not.
  virtual void on_component_failed(ComponentKind kind, double now) = 0;
  virtual void on_queue_length_changed(double now, std::size_t length) = 0;
  /// An inference replica held `held_ppus` PPUs over [t0, t1): reported when it gives them back,
  /// or when the window closes with the replica still holding them.
  virtual void on_replica_held(double t0, double t1, int held_ppus) = 0;
  /// An inference replica's `ppus` PPUs computed over [t0, t1) at `flops_per_s` (one batching
  /// iteration).
  virtual void on_replica_busy(double t0, double t1, int ppus, double flops_per_s) = 0;
};

}  // namespace ppusim
