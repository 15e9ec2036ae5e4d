#include "sim/engine/scheduling_pass.hpp"

#include <utility>

namespace ppusim {

SchedulingPass::SchedulingPass(const SchedulerSpec& spec, ResourcePool& pool, int training_jobs)
    : pool_(pool), policy_(make_scheduler(spec)), training_jobs_(training_jobs) {}

void SchedulingPass::enqueue(WorkId work, int ppus, int ppu_milli, double estimated_runtime_s, bool at_head) {
  const PendingJob pending{.id = policy_id(work),
                           .ppus = ppus,
                           .ppu_milli = ppu_milli,
                           .estimated_runtime_s = estimated_runtime_s};
  const auto entry = at_head ? queue_.insert(queue_.begin(), pending) : queue_.insert(queue_.end(), pending);
  policy_->queued(entry, at_head, pool_);
}

std::vector<SchedulingPass::Start> SchedulingPass::run(double now) {
  std::vector<Start> starts;
  if (queue_.empty()) return starts;
  ++passes_;
  std::vector<StartDecision> decisions = policy_->schedule(now, queue_, pool_, running_);
  starts.reserve(decisions.size());
  for (StartDecision& decision : decisions)
    starts.push_back({work_of(decision.id), std::move(decision.allocation)});
  return starts;
}

}  // namespace ppusim
