// A tenant round as most policies read it (Scheduler::schedule_round, scheduling_policy.hpp):
// the jobs the round admits, copied in queue order, through the policy's schedule().
#include "sim/scheduler/scheduling_policy.hpp"

namespace ppusim {

std::vector<StartDecision> Scheduler::schedule_round(double now, RoundOffer& offer, ResourcePool& pool,
                                                     RunningJobs& running,
                                                     std::optional<PendingJob>* first_left_with_tenant) {
  JobQueue offered = offer.in_queue_order();
  std::vector<StartDecision> started = schedule(now, offered, pool, running);
  if (first_left_with_tenant != nullptr) {
    // What schedule() left in the copy, in the order it left it (the policy's).
    for (const PendingJob& left : offered) {
      if (left.tenant < 0) continue;
      *first_left_with_tenant = left;
      break;
    }
  }
  return started;
}

}  // namespace ppusim
