#include "sim/engine/job_attempts.hpp"

#include <algorithm>
#include <utility>

namespace ppusim {

JobAttempts::JobAttempts(std::vector<JobWork> work)
    : work_(std::move(work)),
      attempts_(work_.size()),
      allocations_(work_.size()),
      leaves_spanned_(work_.size()) {}

double JobAttempts::Attempt::progress_s(double now) const {
  if (steps_since < 0 || now <= steps_since) return 0;
  const double writing = write_since >= 0 ? now - write_since : 0;
  return std::max(0.0, now - steps_since - paused_s - writing);
}

double JobAttempts::progress_s(int job, double now) const { return attempts_[job].progress_s(now); }

double JobAttempts::unsaved_progress_s(int job, double now) const {
  const Attempt& attempt = attempts_[job];
  return std::max(0.0, attempt.progress_s(now) - attempt.saved_progress_s);
}

JobWork JobAttempts::remaining_work(int job) const {
  JobWork work = work_[job];
  const double left = attempts_[job].remaining;
  if (left >= 1) return work;
  work.total_flops *= left;
  work.compute_s *= left;
  // Whole steps are what a checkpoint saves; keep at least one so that the ring still runs.
  work.steps = std::max(1.0, work.steps * left);
  return work;
}

void JobAttempts::started(int job, Allocation allocation, int leaves_spanned, double flops_per_s,
                          double busy_share, double now) {
  allocations_[job] = std::move(allocation);
  leaves_spanned_[job] = leaves_spanned;
  Attempt& attempt = attempts_[job];
  attempt.steps_since = -1;
  attempt.paused_s = 0;
  attempt.write_since = -1;
  attempt.saved_progress_s = 0;
  attempt.interrupted_at = -1;
  attempt.started_at = now;
  attempt.flops_per_s = flops_per_s;
  attempt.busy_share = busy_share;
}

void JobAttempts::checkpoint_write_began(int job, double now) { attempts_[job].write_since = now; }

double JobAttempts::checkpoint_written(int job, double now, double work_done) {
  Attempt& attempt = attempts_[job];
  const double write_s = now - attempt.write_since;
  attempt.paused_s += write_s;
  attempt.write_since = -1;
  attempt.saved_progress_s = attempt.progress_s(now);
  attempt.saved_remaining = attempt.remaining * (1 - work_done);
  attempt.saved_any = true;
  return write_s;
}

std::optional<JobAttempts::Interruption> JobAttempts::interrupt(int job, double now) {
  Attempt& attempt = attempts_[job];
  if (attempt.interrupted_at >= 0 || !allocations_[job]) return std::nullopt;  // already down, or done
  ++attempt.number;  // events and actors of the old attempt are now ignored
  Interruption cost;
  cost.progress_s = attempt.progress_s(now);
  cost.kept_s = std::min(cost.progress_s, attempt.saved_progress_s);
  cost.lost_s = std::max(0.0, cost.progress_s - attempt.saved_progress_s);
  cost.lost_flops = cost.lost_s * attempt.busy_share * attempt.flops_per_s;
  if (attempt.write_since >= 0) {
    cost.write_open = true;
    cost.open_write_s = now - attempt.write_since;
  }
  attempt.write_since = -1;
  attempt.remaining = attempt.saved_remaining;
  attempt.interrupted_at = now;
  return cost;
}

std::optional<std::pair<Allocation, double>> JobAttempts::release_interrupted(int job, double now) {
  Attempt& attempt = attempts_[job];
  if (!allocations_[job] || attempt.interrupted_at < 0) return std::nullopt;  // released already
  std::pair<Allocation, double> released{std::move(*allocations_[job]), now - attempt.interrupted_at};
  allocations_[job].reset();
  attempt.interrupted_at = -1;
  return released;
}

std::optional<Allocation> JobAttempts::finish(int job) {
  std::optional<Allocation> held = std::move(allocations_[job]);
  allocations_[job].reset();
  return held;
}

std::vector<std::pair<int, double>> JobAttempts::running_progress(double end_s) const {
  std::vector<std::pair<int, double>> running;
  for (std::size_t job = 0; job < attempts_.size(); ++job) {
    if (allocations_[job] && attempts_[job].interrupted_at < 0)
      running.emplace_back(static_cast<int>(job), attempts_[job].progress_s(end_s));
  }
  return running;
}

}  // namespace ppusim
