// Priority scheduling (scheduler.policy "priority"): each pass orders the queue by Slurm's
// multifactor priority (multifactor_priority.hpp; ties by submit time, then job index, as
// Slurm's do) and starts jobs in that order while they fit, stopping at the first that does
// not, as Slurm's builtin scheduler does within a partition (docs/config.md).
#pragma once

#include "sim/scheduler/multifactor_priority.hpp"
#include "sim/scheduler/scheduling_policy.hpp"
#include "sim/scheduler/tenant_ledger.hpp"

namespace ppusim {

class PriorityPolicy : public Scheduler {
 public:
  /// `ledger` (the tenants' use and decayed usage) must outlive the policy.
  PriorityPolicy(const SchedulerSpec& spec, const TenantLedger& ledger) : priority_(spec), ledger_(ledger) {}
  std::string name() const override { return "priority"; }
  std::vector<StartDecision> schedule(double now, JobQueue& queue, ResourcePool& pool,
                                      RunningJobs& running) override;

 private:
  MultifactorPriority priority_;
  const TenantLedger& ledger_;
};

}  // namespace ppusim
