#include "sim/scheduler/priority_policy.hpp"

#include <tuple>
#include <unordered_map>

#include "sim/scheduler/fifo_policy.hpp"

namespace ppusim {

std::vector<StartDecision> PriorityPolicy::schedule(double now, JobQueue& queue, ResourcePool& pool,
                                                    RunningJobs& running) {
  priority_.refresh(ledger_);
  std::unordered_map<int, double> priority_of;
  for (const PendingJob& job : queue) priority_of[job.id] = priority_.priority(job.tenant, job.submit_s, now);
  // Highest priority first; std::list::sort is stable, and the tie-breaks make the order total.
  queue.sort([&priority_of](const PendingJob& a, const PendingJob& b) {
    return std::tuple(-priority_of.at(a.id), a.submit_s, a.id) <
           std::tuple(-priority_of.at(b.id), b.submit_s, b.id);
  });
  std::vector<StartDecision> started;
  start_from_head(now, queue, pool, running, started);
  return started;
}

}  // namespace ppusim
