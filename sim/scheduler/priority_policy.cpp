#include "sim/scheduler/priority_policy.hpp"

#include <algorithm>
#include <tuple>
#include <unordered_map>

#include "sim/scheduler/fifo_policy.hpp"
#include "sim/scheduler/held_resources.hpp"

namespace ppusim {

namespace {

/// The policy's order: highest priority first, then earliest submit, then lowest index.
auto order_key(double priority, const PendingJob& job) { return std::tuple(-priority, job.submit_s, job.id); }

/// A queue read as one stream per tenant and one for the jobs without, each in (submit time,
/// job index) order: how schedule() fills progressively with the merge of schedule_streams.
/// Popping a stream's head takes that job out of the queue.
class QueueAsStreams : public OfferStreams {
 public:
  QueueAsStreams(JobQueue& queue, int tenants) : queue_(queue), streams_(tenants + 1), next_(tenants + 1, 0) {
    for (auto it = queue.begin(); it != queue.end(); ++it)
      streams_[it->tenant >= 0 ? it->tenant : tenants].push_back(it);
    for (auto& stream : streams_) {
      std::sort(stream.begin(), stream.end(), [](JobQueue::const_iterator a, JobQueue::const_iterator b) {
        return std::tuple(a->submit_s, a->id) < std::tuple(b->submit_s, b->id);
      });
    }
  }
  int count() const override { return static_cast<int>(streams_.size()); }
  const PendingJob* peek(int s) override {
    return next_[s] < streams_[s].size() ? &*streams_[s][next_[s]] : nullptr;
  }
  void pop(int s) override { queue_.erase(streams_[s][next_[s]++]); }

 private:
  JobQueue& queue_;
  std::vector<std::vector<JobQueue::const_iterator>> streams_;
  std::vector<std::size_t> next_;
};

}  // namespace

std::vector<StartDecision> PriorityPolicy::schedule(double now, JobQueue& queue, ResourcePool& pool,
                                                    RunningJobs& running) {
  priority_.refresh(ledger_, pool);
  if (priority_.fills_progressively()) {
    // The factors change with each start: the order is found as the pass goes (merge_streams).
    QueueAsStreams offer(queue, ledger_.count());
    return merge_streams(now, offer, pool, running, nullptr);
  }
  std::unordered_map<int, double> priority_of;
  for (const PendingJob& job : queue) priority_of[job.id] = priority_.priority(job.tenant, job.submit_s, now);
  // Highest priority first; std::list::sort is stable, and the tie-breaks make the order total.
  queue.sort([&priority_of](const PendingJob& a, const PendingJob& b) {
    return order_key(priority_of.at(a.id), a) < order_key(priority_of.at(b.id), b);
  });
  std::vector<StartDecision> started;
  start_from_head(now, queue, pool, running, started);
  return started;
}

std::vector<StartDecision> PriorityPolicy::schedule_streams(
    double now, OfferStreams& offer, ResourcePool& pool, RunningJobs& running,
    std::optional<PendingJob>* first_left_with_tenant) {
  priority_.refresh(ledger_, pool);
  return merge_streams(now, offer, pool, running, first_left_with_tenant);
}

std::vector<StartDecision> PriorityPolicy::merge_streams(double now, OfferStreams& offer, ResourcePool& pool,
                                                         RunningJobs& running,
                                                         std::optional<PendingJob>* first_left_with_tenant) {
  // The stream whose head comes first in the policy's order, among those `eligible`; -1: none.
  // The heads' priorities are computed as they are compared, so a factor that a start just
  // changed (DRF's) is the current one.
  auto first_stream = [&](auto eligible) {
    int best = -1;
    double best_priority = 0;
    const PendingJob* best_job = nullptr;
    for (int s = 0; s < offer.count(); ++s) {
      const PendingJob* job = offer.peek(s);
      if (job == nullptr || !eligible(*job)) continue;
      const double priority = priority_.priority(job->tenant, job->submit_s, now);
      if (best < 0 || order_key(priority, *job) < order_key(best_priority, *best_job)) {
        best = s;
        best_priority = priority;
        best_job = job;
      }
    }
    return best;
  };
  auto any_job = [](const PendingJob&) { return true; };
  std::vector<StartDecision> started;
  // As start_from_head: in order, while they fit.
  for (int s = first_stream(any_job); s >= 0; s = first_stream(any_job)) {
    const PendingJob& job = *offer.peek(s);
    std::optional<Allocation> allocation =
        pool.allocate(job.ppus, {}, job.ppu_milli, now + job.estimated_runtime_s, job.request);
    if (!allocation) break;
    if (priority_.fills_progressively()) {
      priority_.started(job.tenant, ledger_.type_of_pool(allocation->pool),
                        held_resources(*allocation, pool.pool(allocation->pool)));
    }
    record_start(now, job, std::move(*allocation), running, started);
    offer.pop(s);
  }
  if (first_left_with_tenant != nullptr) {
    const int s = first_stream([](const PendingJob& job) { return job.tenant >= 0; });
    if (s >= 0) *first_left_with_tenant = *offer.peek(s);
  }
  return started;
}

}  // namespace ppusim
