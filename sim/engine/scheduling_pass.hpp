// The scheduling pass: the queue of work waiting for PPUs, what runs, and the policy
// (sim/scheduler) that decides, once per instant after that instant's events, what starts now
// and where. Training jobs and inference replicas wait in the same queue; the policy sees one
// id per entry, training jobs first (the trace's job index), then replicas: ties between equal
// expected ends then fall the same way whatever the mix.
#pragma once

#include <memory>
#include <vector>

#include "sim/engine/work_id.hpp"
#include "sim/scheduler/resource_pool.hpp"
#include "sim/scheduler/scheduling_policy.hpp"

namespace ppusim {

class SchedulingPass {
 public:
  struct Start {
    WorkId work;
    Allocation allocation;
  };

  SchedulingPass(const SchedulerSpec& spec, ResourcePool& pool, int training_jobs);

  /// Queues `work` (at the head: a restart goes before what arrived since).
  void enqueue(WorkId work, int ppus, int ppu_milli, double estimated_runtime_s, bool at_head = false);
  /// Asks the policy what starts at `now`; the started work leaves the queue and runs.
  std::vector<Start> run(double now);
  /// `work` no longer runs (it ended, or gave its PPUs back).
  void stopped(WorkId work) { running_.remove(policy_id(work)); }

  std::size_t queue_length() const { return queue_.size(); }
  bool nothing_running() const { return running_.empty(); }
  long long passes() const { return passes_; }

 private:
  int policy_id(WorkId work) const { return work.is_replica() ? training_jobs_ + work.index : work.index; }
  WorkId work_of(int id) const {
    return id >= training_jobs_ ? WorkId::replica(id - training_jobs_) : WorkId::job(id);
  }

  ResourcePool& pool_;
  std::unique_ptr<Scheduler> policy_;
  int training_jobs_;
  JobQueue queue_;
  RunningJobs running_;
  long long passes_ = 0;
};

}  // namespace ppusim
