// First come, first served with gang allocation: jobs start in submission order, and a job
// that does not fit blocks everything behind it.
#pragma once

#include "sim/scheduler/scheduling_policy.hpp"

namespace ppusim {

class FifoPolicy : public Scheduler {
 public:
  std::string name() const override { return "fifo"; }
  std::vector<StartDecision> schedule(double now, JobQueue& queue, ResourcePool& pool,
                                      RunningJobs& running) override;
};

/// Starts jobs from the head of the queue while they fit; shared by FIFO and EASY.
void start_from_head(double now, JobQueue& queue, ResourcePool& pool, RunningJobs& running,
                     std::vector<StartDecision>& started);

/// Registers a started job as running and records the decision.
void record_start(double now, const PendingJob& job, Allocation allocation, RunningJobs& running,
                  std::vector<StartDecision>& started);

}  // namespace ppusim
