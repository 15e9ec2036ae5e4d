#include "sim/scheduler/greedy_fit_policy.hpp"

#include <algorithm>
#include <queue>
#include <set>

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

std::vector<StartDecision> GreedyFitPolicy::schedule_round(
    double now, RoundOffer& offer, ResourcePool& pool, RunningJobs& running,
    std::optional<PendingJob>* first_left_with_tenant) {
  const JobQueue offered = offer.in_queue_order();
  std::vector<const PendingJob*> order;
  order.reserve(offered.size());
  for (const PendingJob& job : offered) order.push_back(&job);
  auto before = [this](const PendingJob* a, const PendingJob* b) { return order_of(*a) < order_of(*b); };
  if (!std::is_sorted(order.begin(), order.end(), before))
    std::stable_sort(order.begin(), order.end(), before);

  std::set<QueueByRequest::RequestClass> passed_over;  // classes that found no room in this pass
  std::vector<StartDecision> started;
  std::optional<PendingJob> first_left;  // with a tenant
  for (const PendingJob* job : order) {
    const QueueByRequest::RequestClass request = QueueByRequest::class_of(*job);
    bool starts = false;
    if (!passed_over.contains(request)) {
      if (QueueByRequest::may_fit(request, pool)) {
        std::optional<Allocation> allocation =
            pool.allocate(job->ppus, {}, job->ppu_milli, now + job->estimated_runtime_s, job->request);
        if (allocation) {
          record_start(now, *job, std::move(*allocation), running, started);
          starts = true;
        }
      }
      // As in schedule(): free capacity only shrinks within a pass, so none of its class fits.
      if (!starts) passed_over.insert(request);
    }
    if (!starts && !first_left && job->tenant >= 0) first_left = *job;
  }
  if (first_left_with_tenant != nullptr && first_left) *first_left_with_tenant = std::move(first_left);
  return started;
}

}  // namespace ppusim
