#include "sim/scheduler/greedy_fit_policy.hpp"

#include <queue>

#include "sim/scheduler/fifo_policy.hpp"

namespace ppusim {

void GreedyFitPolicy::queued(JobQueue::const_iterator job, bool at_head, const ResourcePool& /*pool*/) {
  const long long sequence = at_head ? --first_sequence_ : ++last_sequence_;
  index_.add(job, {order_of(*job), sequence}, QueueByRequest::class_of(*job));
}

std::vector<StartDecision> GreedyFitPolicy::schedule(double now, JobQueue& queue, ResourcePool& pool,
                                                     RunningJobs& running) {
  using Head = QueueByRequest::Head;
  auto later = [](const Head& a, const Head& b) { return b.key < a.key; };
  std::priority_queue<Head, std::vector<Head>, decltype(later)> heads(later, index_.fitting_heads(pool));

  std::vector<StartDecision> started;
  while (!heads.empty()) {
    const Head head = heads.top();
    heads.pop();
    if (!QueueByRequest::may_fit(head.request, pool)) continue;  // the class stopped fitting
    const QueueByRequest::Entry job = index_.pop_first(head.request);
    std::optional<Allocation> allocation =
        pool.allocate(job->ppus, {}, job->ppu_milli, now + job->estimated_runtime_s, job->request);
    if (!allocation) {
      // The free counts allowed it but no pool placed it (its CPU or memory did not fit beside
      // what runs): the job waits, back in its class, and the class, whose every job asks the
      // same, is passed over for the rest of the pass.
      index_.add(job, head.key, head.request);
      continue;
    }
    record_start(now, *job, std::move(*allocation), running, started);
    queue.erase(job);
    if (std::optional<QueueByRequest::OrderKey> next = index_.first_key(head.request))
      heads.push({*next, head.request});
  }
  return started;
}

}  // namespace ppusim
