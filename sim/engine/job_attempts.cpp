#include "sim/engine/job_attempts.hpp"

#include <algorithm>
#include <utility>

namespace ppusim {

JobAttempts::JobAttempts(std::size_t jobs) : attempts_(jobs) {}

double JobAttempts::Holding::progress_s(double now) const {
  if (steps_since < 0 || now <= steps_since) return 0;
  const double writing = write_since >= 0 ? now - write_since : 0;
  return std::max(0.0, now - steps_since - paused_s - writing);
}

bool JobAttempts::is_running(int job) const {
  const auto held = holding_.find(job);
  return held != holding_.end() && held->second.interrupted_at < 0;
}

double JobAttempts::progress_s(int job, double now) const {
  const auto held = holding_.find(job);
  return held == holding_.end() ? 0 : held->second.progress_s(now);
}

double JobAttempts::unsaved_progress_s(int job, double now) const {
  const Holding& held = holding_.at(job);
  return std::max(0.0, held.progress_s(now) - held.saved_progress_s);
}

JobWork JobAttempts::remaining_work(int job) const {
  JobWork work = work_.at(job);
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
  attempts_[job].leaves_spanned = leaves_spanned;
  Holding& held = holding_[job];
  held = Holding{};
  held.allocation = std::move(allocation);
  held.started_at = now;
  held.flops_per_s = flops_per_s;
  held.busy_share = busy_share;
}

void JobAttempts::steps_began(int job, double now) {
  if (const auto held = holding_.find(job); held != holding_.end()) held->second.steps_since = now;
}

void JobAttempts::checkpoint_write_began(int job, double now) {
  if (const auto held = holding_.find(job); held != holding_.end()) held->second.write_since = now;
}

double JobAttempts::checkpoint_written(int job, double now, double work_done) {
  Attempt& attempt = attempts_[job];
  Holding& held = holding_.at(job);
  const double write_s = now - held.write_since;
  held.paused_s += write_s;
  held.write_since = -1;
  held.saved_progress_s = held.progress_s(now);
  attempt.saved_remaining = attempt.remaining * (1 - work_done);
  attempt.saved_any = true;
  return write_s;
}

std::optional<JobAttempts::Interruption> JobAttempts::interrupt(int job, double now) {
  const auto found = holding_.find(job);
  if (found == holding_.end() || found->second.interrupted_at >= 0) return std::nullopt;  // done, or down
  Attempt& attempt = attempts_[job];
  Holding& held = found->second;
  ++attempt.number;  // events and actors of the old attempt are now ignored
  Interruption cost;
  cost.progress_s = held.progress_s(now);
  cost.kept_s = std::min(cost.progress_s, held.saved_progress_s);
  cost.lost_s = std::max(0.0, cost.progress_s - held.saved_progress_s);
  cost.lost_flops = cost.lost_s * held.busy_share * held.flops_per_s;
  if (held.write_since >= 0) {
    cost.write_open = true;
    cost.open_write_s = now - held.write_since;
  }
  held.write_since = -1;
  attempt.remaining = attempt.saved_remaining;
  held.interrupted_at = now;
  return cost;
}

std::optional<std::pair<Allocation, double>> JobAttempts::release_interrupted(int job, double now) {
  const auto found = holding_.find(job);
  if (found == holding_.end() || found->second.interrupted_at < 0) return std::nullopt;  // released already
  std::pair<Allocation, double> released{std::move(found->second.allocation),
                                         now - found->second.interrupted_at};
  holding_.erase(found);
  return released;
}

std::optional<Allocation> JobAttempts::finish(int job) {
  work_.erase(job);
  const auto found = holding_.find(job);
  if (found == holding_.end()) return std::nullopt;
  std::optional<Allocation> held = std::move(found->second.allocation);
  holding_.erase(found);
  return held;
}

std::vector<std::pair<int, double>> JobAttempts::running_progress(double end_s) const {
  std::vector<std::pair<int, double>> running;
  for (const auto& [job, held] : holding_) {
    if (held.interrupted_at < 0) running.emplace_back(job, held.progress_s(end_s));
  }
  std::sort(running.begin(), running.end());  // job order, whatever the table's
  return running;
}

}  // namespace ppusim
