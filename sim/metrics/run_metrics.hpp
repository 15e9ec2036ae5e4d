// What the engine observes during a run: one record per job, and PPU-time integrated into
// time bins three ways (allocated, busy computing, FLOPs delivered) plus the queue length.
// The engine only reports events; everything derived (utilization, percentiles, energy,
// cost) is computed from this afterwards, in the report.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/core/interned_string.hpp"
#include "sim/engine/setup_times.hpp"
#include "sim/failures/failure_spec.hpp"
#include "sim/metrics/interruption_record.hpp"
#include "sim/metrics/tenant_usage.hpp"
#include "sim/metrics/time_series.hpp"
#include "workloads/job_speed.hpp"

namespace ppusim {

/// NotArrived: the run ended (horizon, interruption) before the job's submit time.
enum class JobOutcome { NotArrived, Queued, Running, Finished, Rejected };

struct JobRecord {
  std::string id;
  int ppus = 0;
  int held_ppus = 0;  // PPUs allocated, including the unused rest of whole nodes
  /// PPU-equivalents requested (ppus, or ppu_milli / 1000) and allocated (held_ppus, or
  /// ppu_milli / 1000 for a job sharing a PPU): what busy and allocated PPU-time count.
  double ppu_equivalents = 0;
  double allocated_ppus = 0;
  double submit_s = 0;
  double start_s = -1;  // the first allocation; restarts do not move it
  double end_s = -1;
  double compute_s = 0;  // busy time of the job's PPUs
  // The small fields side by side, so that the record has no padding between them (ten
  // million records in bench/month-1m.json: docs/performance.md).
  int leaves_spanned = 0;
  JobOutcome outcome = JobOutcome::NotArrived;
  int tenant = -1;  // index into the scenario's tenants; -1: none
  int pool = 0;     // the node pool its last attempt ran in (docs/config.md, "Node pools")
  /// Preemptions for other tenants' guarantees (docs/tenants.md); not counted in
  /// `interruptions`, which are failures and spot reclaims.
  int preemptions = 0;
  bool setup_done = false;  // false also for a job cut (horizon, interruption) during setup
  /// Few distinct texts (the reasons, with the sizes that decided them): one shared copy each.
  InternedString reject_reason;
  SetupTimes setup;  // the first attempt's; restarts add to interruptions.restart_setup_s
  InterruptionRecord interruptions;
  double preempted_lost_work_s = 0;
  double preempted_lost_flops = 0;
  /// From the job model (docs/models.md, section a): one copy per distinct speed, held by the
  /// run's RunMetrics (most of a million jobs share a few dozen speeds: 8 bytes a job instead
  /// of 80, docs/performance.md). Never null.
  const JobSpeed* speed = &kUnknownJobSpeed;

  /// Allocation time of every attempt, up to `window_end_s` for one still running.
  double held_s(double window_end_s) const;
  /// Productive training time / wall time from the first allocation to the end (or the
  /// window's end); negative when the job never started.
  double effective_training_time_ratio(double window_end_s) const;
};

/// A component failure, or a job interruption by its cause, at a simulated time.
struct FailureEvent {
  double time_s = 0;
  ComponentKind kind = ComponentKind::Node;
};

/// A computing interval in progress: from `since`, the job's PPUs compute for `busy_fraction`
/// of the time at `flops_per_s_while_busy` (RunMetrics::begin_compute).
struct OpenComputeInterval {
  double since = 0;
  double busy_fraction = 0;
  double flops_per_s_while_busy = 0;
};

class RunMetrics {
 public:
  /// `limit_s`: nothing is accounted past it (the horizon, or infinity).
  RunMetrics(std::vector<JobRecord> jobs, double bin_width_s, double limit_s);

  void job_arrived(int job) { jobs_[job].outcome = JobOutcome::Queued; }
  void set_speed(int job, const JobSpeed& speed) { jobs_[job].speed = &*speeds_->insert(speed).first; }
  void job_rejected(int job, std::string reason);
  void job_started(int job, double now, int held_ppus, double allocated_ppus, int leaves_spanned);
  void job_finished(int job, double now);
  /// The job's attempt that just started runs in pool `pool`.
  void job_pool(int job, int pool) {
    jobs_[job].pool = pool;
    pool_shares_.erase(job);
  }
  /// The attempt spans pools: its PPU-time counts in each pool by that pool's share of the PPUs
  /// it holds (with one server size, its share of the nodes).
  void job_spans_pools(int job, const std::vector<int>& ppus_per_pool);
  /// The pools the job's last attempt spanned, bit k for pool k; 0 when it ran in one pool.
  std::uint64_t pools_spanned(int job) const;
  /// Counts allocated and busy PPU-time per pool too, and names each job's pool (several
  /// pools; before the run).
  void set_pools(std::vector<std::string> names) {
    pool_allocated_ppu_s_.assign(names.size(), 0);
    pool_busy_ppu_s_.assign(names.size(), 0);
    pool_names_ = std::move(names);
  }
  /// The pool the job's last attempt ran in, by name; the names joined by "+" when it spanned
  /// pools. Empty with one pool, and for a job that never started.
  std::string pool_label(int job) const;
  /// Per pool, in pool order: allocated and busy PPU-seconds up to the window's end (empty
  /// unless set_pools was called).
  const std::vector<double>& pool_allocated_ppu_s() const { return pool_allocated_ppu_s_; }
  const std::vector<double>& pool_busy_ppu_s() const { return pool_busy_ppu_s_; }
  void setup_done(int job, const SetupTimes& times);
  /// A failure or preemption hit the job at `now` (it keeps its nodes until released_for_restart).
  void job_interrupted(int job, ComponentKind cause, double now, double lost_work_s, double lost_flops);
  /// The interrupted job gives its nodes back after `hold_s` of recovery and is queued again.
  void job_released_for_restart(int job, double now, double hold_s);
  void job_preempted(int job, double lost_work_s, double lost_flops);
  /// The tenants, by their guarantees, before the run.
  void set_tenant_guarantees(const std::vector<double>& guaranteed_ppus);
  void tenant_allocation_changed(int tenant, double now, double allocated_ppus) {
    tenants_[tenant].change(now, allocated_ppus, limit_s_);
  }
  const std::vector<TenantUsageRecord>& tenants() const { return tenants_; }
  void add_checkpoint_write(int job, double seconds) {
    jobs_[job].interruptions.checkpoint_write_s += seconds;
  }
  /// The job's steps waited `seconds` for streaming input: its allocated PPUs idled meanwhile.
  void add_input_wait(int job, double seconds) { input_wait_ppu_s_ += seconds * jobs_[job].allocated_ppus; }
  /// `bytes` read from shared storage over [t0, t1), spread evenly: the read-rate series.
  void add_input_read(double t0, double t1, double bytes) {
    if (t1 > t0) storage_read_.add(t0, t1, bytes / (t1 - t0), limit_s_);
  }
  void add_productive_time(int job, double seconds) { jobs_[job].interruptions.productive_s += seconds; }
  /// A component failed (or a spot node was reclaimed) at `now`, whether it hit a job or not.
  void component_failed(ComponentKind kind, double now) {
    ++failures_by_kind_[static_cast<std::size_t>(kind)];
    failure_events_.push_back({now, kind});
  }
  /// From `now` on, the job's PPUs compute for `busy_fraction` of the time, delivering
  /// `flops_per_s_while_busy` (all its PPUs together) while they do. Accounted when the
  /// interval ends, so that a run cut short (horizon, interruption) counts only what happened.
  void begin_compute(int job, double now, double busy_fraction, double flops_per_s_while_busy);
  void end_compute(int job, double now);
  /// The job's computing interval in progress, if any (for tests and partial outputs).
  const OpenComputeInterval* open_compute(int job) const;
  void queue_length_changed(double now, std::size_t length);
  /// An inference replica (sim/inference) held `held_ppus` over [t0, t1).
  void record_service_allocation(double t0, double t1, int held_ppus) {
    allocated_.add(t0, t1, held_ppus, limit_s_);
  }
  /// An inference replica's `ppus` computed over [t0, t1) at `flops_per_s` (one iteration).
  void record_service_busy(double t0, double t1, int ppus, double flops_per_s) {
    busy_.add(t0, t1, ppus, limit_s_);
    delivered_.add(t0, t1, flops_per_s, limit_s_);
  }
  /// Closes the window at `end_s`: running jobs hold their PPUs, and computing intervals
  /// still open count, until then.
  void close(double end_s);

  /// The time series as close(now) would leave them, without the job records, leaving this
  /// object untouched: partial outputs during a run. O(jobs + bins).
  RunMetrics series_snapshot(double now) const;

  const std::vector<JobRecord>& jobs() const { return jobs_; }
  double window_end_s() const { return window_end_s_; }
  const BinnedSeries& allocated_ppu_s() const { return allocated_; }
  const BinnedSeries& busy_ppu_s() const { return busy_; }
  const BinnedSeries& delivered_flops() const { return delivered_; }
  const BinnedSeries& queued_job_s() const { return queued_; }
  /// Bytes of streaming input read from shared storage, per bin.
  const BinnedSeries& storage_read_bytes() const { return storage_read_; }
  /// PPU-time the jobs' allocated PPUs spent waiting for streaming input.
  double input_wait_ppu_s() const { return input_wait_ppu_s_; }
  /// Component failures (and preemptions) that happened, by kind, whether they hit a job or not.
  const std::array<long long, kComponentKinds>& failures_by_kind() const { return failures_by_kind_; }
  /// Job interruptions by their cause.
  const std::array<long long, kComponentKinds>& interruptions_by_cause() const {
    return interruptions_by_cause_;
  }
  /// The same events with their times, in the order they happened: the failures timeline.
  const std::vector<FailureEvent>& failure_events() const { return failure_events_; }
  const std::vector<FailureEvent>& interruption_events() const { return interruption_events_; }

 private:
  std::vector<JobRecord> jobs_;
  /// The computing intervals in progress, by job: only the running jobs', not a field of every
  /// record (24 bytes in ten million records, docs/performance.md). Read in job order where the
  /// order of additions matters (close, series_snapshot: `open_intervals_in_job_order`).
  std::unordered_map<int, OpenComputeInterval> computing_;
  /// The distinct speeds the records point to; shared, so that a copy of the metrics (and of
  /// its records) points to speeds that live as long as it does. A set's elements never move.
  std::shared_ptr<std::set<JobSpeed>> speeds_ = std::make_shared<std::set<JobSpeed>>();
  double limit_s_;
  double window_end_s_ = 0;
  BinnedSeries allocated_;
  BinnedSeries busy_;
  BinnedSeries delivered_;
  BinnedSeries queued_;
  BinnedSeries storage_read_;
  double queue_changed_at_ = 0;
  double input_wait_ppu_s_ = 0;
  std::size_t queue_length_ = 0;
  std::array<long long, kComponentKinds> failures_by_kind_{};
  std::array<long long, kComponentKinds> interruptions_by_cause_{};
  std::vector<FailureEvent> failure_events_;
  std::vector<FailureEvent> interruption_events_;
  std::vector<TenantUsageRecord> tenants_;
  std::vector<double> pool_allocated_ppu_s_;
  std::vector<double> pool_busy_ppu_s_;
  /// Jobs whose current (or last) attempt spans pools: each pool's share of their nodes.
  std::map<int, std::vector<double>> pool_shares_;
  std::vector<std::string> pool_names_;

  /// The open computing intervals sorted by job: the order in which the records were once walked.
  std::vector<std::pair<int, OpenComputeInterval>> open_intervals_in_job_order() const;
  /// The job held its allocation over [t0, t1): into the allocated series (nothing past `limit`).
  void add_allocated(int job, double t0, double t1, double limit);
  /// Adds a job's PPU-seconds to `per_pool`: to its pool, or split over the pools it spans.
  void add_to_pools(std::vector<double>& per_pool, int job, double ppu_s) const;
};

}  // namespace ppusim
