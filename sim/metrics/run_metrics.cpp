#include "sim/metrics/run_metrics.hpp"

#include <algorithm>
#include <utility>

namespace ppusim {

RunMetrics::RunMetrics(std::vector<JobRecord> jobs, double bin_width_s, double limit_s)
    : jobs_(std::move(jobs)),
      limit_s_(limit_s),
      allocated_(bin_width_s),
      busy_(bin_width_s),
      delivered_(bin_width_s),
      queued_(bin_width_s),
      storage_read_(bin_width_s) {}

void RunMetrics::job_rejected(int job, std::string reason) {
  jobs_[job].outcome = JobOutcome::Rejected;
  jobs_[job].reject_reason = std::move(reason);
}

void RunMetrics::job_started(int job, double now, int held_ppus, double allocated_ppus, int leaves_spanned) {
  JobRecord& record = jobs_[job];
  record.outcome = JobOutcome::Running;
  if (record.start_s < 0) record.start_s = now;
  record.interruptions.attempt_start_s = now;
  record.held_ppus = held_ppus;
  record.allocated_ppus = allocated_ppus;
  record.leaves_spanned = leaves_spanned;
}

void RunMetrics::job_finished(int job, double now) {
  JobRecord& record = jobs_[job];
  record.outcome = JobOutcome::Finished;
  record.end_s = now;
  add_allocated(job, record.interruptions.attempt_start_s, now, limit_s_);
}

void RunMetrics::add_allocated(int job, double t0, double t1, double limit) {
  const JobRecord& record = jobs_[job];
  allocated_.add(t0, t1, record.allocated_ppus, limit);
  if (pool_allocated_ppu_s_.empty()) return;
  const double end = std::min(t1, limit);
  if (end > t0) add_to_pools(pool_allocated_ppu_s_, job, (end - t0) * record.allocated_ppus);
}

void RunMetrics::add_to_pools(std::vector<double>& per_pool, int job, double ppu_s) const {
  const auto spans = pool_shares_.find(job);
  if (spans == pool_shares_.end()) {
    per_pool[jobs_[job].pool] += ppu_s;
    return;
  }
  for (std::size_t k = 0; k < spans->second.size(); ++k) {
    if (spans->second[k] > 0) per_pool[k] += ppu_s * spans->second[k];
  }
}

void RunMetrics::job_spans_pools(int job, const std::vector<int>& ppus_per_pool) {
  double ppus = 0;
  for (const int n : ppus_per_pool) ppus += n;
  std::vector<double> shares(ppus_per_pool.size(), 0);
  for (std::size_t k = 0; k < shares.size(); ++k) shares[k] = ppus > 0 ? ppus_per_pool[k] / ppus : 0;
  pool_shares_[job] = std::move(shares);
}

std::string RunMetrics::pool_label(int job) const {
  if (pool_names_.empty() || jobs_[job].start_s < 0) return {};
  std::uint64_t spanned = pools_spanned(job);
  if (spanned == 0) return pool_names_[jobs_[job].pool];
  std::string label;
  for (std::size_t k = 0; k < pool_names_.size(); ++k) {
    if (spanned >> k & 1U) label += (label.empty() ? "" : "+") + pool_names_[k];
  }
  return label;
}

std::uint64_t RunMetrics::pools_spanned(int job) const {
  const auto spans = pool_shares_.find(job);
  if (spans == pool_shares_.end()) return 0;
  std::uint64_t mask = 0;
  for (std::size_t k = 0; k < spans->second.size(); ++k) {
    if (spans->second[k] > 0) mask |= std::uint64_t{1} << k;
  }
  return mask;
}

void RunMetrics::setup_done(int job, const SetupTimes& times) {
  JobRecord& record = jobs_[job];
  if (record.setup_done) {
    record.interruptions.restart_setup_s += times.total_s();
    return;
  }
  record.setup = times;
  record.setup_done = true;
}

void RunMetrics::job_interrupted(int job, ComponentKind cause, double now, double lost_work_s,
                                 double lost_flops) {
  InterruptionRecord& record = jobs_[job].interruptions;
  ++record.interruptions;
  record.lost_work_s += lost_work_s;
  record.lost_flops += lost_flops;
  ++interruptions_by_cause_[static_cast<std::size_t>(cause)];
  interruption_events_.push_back({now, cause});
}

void RunMetrics::job_released_for_restart(int job, double now, double hold_s) {
  JobRecord& record = jobs_[job];
  InterruptionRecord& interruptions = record.interruptions;
  add_allocated(job, interruptions.attempt_start_s, now, limit_s_);
  interruptions.held_before_s += now - interruptions.attempt_start_s;
  interruptions.attempt_start_s = -1;
  interruptions.restart_hold_s += hold_s;
  record.outcome = JobOutcome::Queued;
}

void RunMetrics::job_preempted(int job, double lost_work_s, double lost_flops) {
  JobRecord& record = jobs_[job];
  ++record.preemptions;
  record.preempted_lost_work_s += lost_work_s;
  record.preempted_lost_flops += lost_flops;
}

void RunMetrics::set_tenant_guarantees(const std::vector<double>& guaranteed_ppus) {
  tenants_.assign(guaranteed_ppus.size(), TenantUsageRecord(allocated_.bin_width_s()));
  for (std::size_t t = 0; t < guaranteed_ppus.size(); ++t) tenants_[t].guaranteed_ppus = guaranteed_ppus[t];
}

double JobRecord::held_s(double window_end_s) const {
  double held = interruptions.held_before_s;
  if (interruptions.attempt_start_s >= 0) {
    held += std::max(0.0, (end_s >= 0 ? end_s : window_end_s) - interruptions.attempt_start_s);
  }
  return held;
}

double JobRecord::effective_training_time_ratio(double window_end_s) const {
  if (start_s < 0) return -1;
  const double wall = (end_s >= 0 ? end_s : window_end_s) - start_s;
  return wall > 0 ? interruptions.productive_s / wall : 0.0;
}

void RunMetrics::begin_compute(int job, double now, double busy_fraction, double flops_per_s_while_busy) {
  computing_[job] = {now, busy_fraction, flops_per_s_while_busy};
}

const OpenComputeInterval* RunMetrics::open_compute(int job) const {
  const auto found = computing_.find(job);
  return found == computing_.end() ? nullptr : &found->second;
}

void RunMetrics::end_compute(int job, double now) {
  const auto found = computing_.find(job);
  if (found == computing_.end()) return;
  const OpenComputeInterval interval = found->second;
  computing_.erase(found);
  const double t0 = interval.since;
  const double t1 = std::min(now, limit_s_);
  if (!(t1 > t0)) return;
  JobRecord& record = jobs_[job];
  record.compute_s += (t1 - t0) * interval.busy_fraction;
  busy_.add(t0, t1, record.ppu_equivalents * interval.busy_fraction, limit_s_);
  if (!pool_busy_ppu_s_.empty())
    add_to_pools(pool_busy_ppu_s_, job, (t1 - t0) * record.ppu_equivalents * interval.busy_fraction);
  delivered_.add(t0, t1, interval.flops_per_s_while_busy * interval.busy_fraction, limit_s_);
}

std::vector<std::pair<int, OpenComputeInterval>> RunMetrics::open_intervals_in_job_order() const {
  std::vector<std::pair<int, OpenComputeInterval>> open(computing_.begin(), computing_.end());
  std::sort(open.begin(), open.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return open;
}

void RunMetrics::queue_length_changed(double now, std::size_t length) {
  queued_.add(queue_changed_at_, now, static_cast<double>(queue_length_), limit_s_);
  queue_changed_at_ = now;
  queue_length_ = length;
}

void RunMetrics::close(double end_s) {
  window_end_s_ = end_s;
  limit_s_ = std::min(limit_s_, end_s);
  queue_length_changed(end_s, queue_length_);
  for (TenantUsageRecord& tenant : tenants_) tenant.change(end_s, tenant.allocated_ppus, limit_s_);
  // Each series adds the jobs in job order, as when the interval was a field of the record: the
  // busy and delivered sums here, the allocated ones below (separate sums, so the split keeps
  // every sum's order and so its bits).
  for (const auto& [job, interval] : open_intervals_in_job_order()) end_compute(job, end_s);
  for (std::size_t job = 0; job < jobs_.size(); ++job) {
    const JobRecord& record = jobs_[job];
    if (record.outcome == JobOutcome::Running) {
      add_allocated(static_cast<int>(job), record.interruptions.attempt_start_s, end_s, end_s);
    }
  }
}

RunMetrics RunMetrics::series_snapshot(double now) const {
  RunMetrics snapshot({}, allocated_.bin_width_s(), std::min(limit_s_, now));
  snapshot.allocated_ = allocated_;
  snapshot.busy_ = busy_;
  snapshot.delivered_ = delivered_;
  snapshot.queued_ = queued_;
  snapshot.storage_read_ = storage_read_;
  snapshot.window_end_s_ = now;
  snapshot.failure_events_ = failure_events_;
  snapshot.interruption_events_ = interruption_events_;
  const double limit = snapshot.limit_s_;
  snapshot.queued_.add(queue_changed_at_, now, static_cast<double>(queue_length_), limit);
  // The intervals still open at `now`, as close() would count them.
  for (const JobRecord& record : jobs_) {
    if (record.outcome != JobOutcome::Running) continue;
    snapshot.allocated_.add(record.interruptions.attempt_start_s, now, record.allocated_ppus, limit);
  }
  for (const auto& [job, interval] : open_intervals_in_job_order()) {
    const JobRecord& record = jobs_[job];
    if (record.outcome != JobOutcome::Running || !(now > interval.since)) continue;
    snapshot.busy_.add(interval.since, now, record.ppu_equivalents * interval.busy_fraction, limit);
    snapshot.delivered_.add(interval.since, now, interval.flops_per_s_while_busy * interval.busy_fraction,
                            limit);
  }
  return snapshot;
}

}  // namespace ppusim
