#include "sim/scheduler/fifo_policy.hpp"

namespace ppusim {

void record_start(double now, const PendingJob& job, Allocation allocation, RunningJobs& running,
                  std::vector<StartDecision>& started) {
  running.add(job.id, now + job.estimated_runtime_s, allocation);
  started.push_back({job.id, std::move(allocation)});
}

void start_from_head(double now, JobQueue& queue, ResourcePool& pool, RunningJobs& running,
                     std::vector<StartDecision>& started) {
  while (!queue.empty()) {
    const PendingJob& job = queue.front();
    std::optional<Allocation> allocation =
        pool.allocate(job.ppus, {}, job.ppu_milli, now + job.estimated_runtime_s, job.request);
    if (!allocation) return;
    record_start(now, queue.front(), std::move(*allocation), running, started);
    queue.pop_front();
  }
}

std::vector<StartDecision> FifoPolicy::schedule(double now, JobQueue& queue, ResourcePool& pool,
                                                RunningJobs& running) {
  std::vector<StartDecision> started;
  start_from_head(now, queue, pool, running, started);
  return started;
}

}  // namespace ppusim
