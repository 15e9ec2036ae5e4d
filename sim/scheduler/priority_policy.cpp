#include "sim/scheduler/priority_policy.hpp"

#include <tuple>

#include "sim/scheduler/fifo_policy.hpp"

namespace ppusim {

std::vector<StartDecision> PriorityPolicy::schedule(double now, std::list<PendingJob>& queue,
                                                    ResourcePool& pool, RunningJobs& running) {
  priority_.refresh(ledger_);
  for (PendingJob& job : queue) job.priority = priority_.priority(job.tenant, job.submit_s, now);
  // Highest priority first; std::list::sort is stable, and the tie-breaks make the order total.
  queue.sort([](const PendingJob& a, const PendingJob& b) {
    return std::tuple(-a.priority, a.submit_s, a.id) < std::tuple(-b.priority, b.submit_s, b.id);
  });
  std::vector<StartDecision> started;
  start_from_head(now, queue, pool, running, started);
  return started;
}

}  // namespace ppusim
