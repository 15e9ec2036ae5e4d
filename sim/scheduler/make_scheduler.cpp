// The scheduling policy a scenario names (scheduler.policy, docs/config.md).
#include "sim/scheduler/conservative_backfill_policy.hpp"
#include "sim/scheduler/easy_backfill_policy.hpp"
#include "sim/scheduler/fifo_policy.hpp"
#include "sim/scheduler/first_fit_policy.hpp"
#include "sim/scheduler/sjf_policy.hpp"

namespace ppusim {

std::unique_ptr<Scheduler> make_scheduler(const SchedulerSpec& spec) {
  switch (spec.policy) {
    case SchedulingPolicy::Fifo:
      return std::make_unique<FifoPolicy>();
    case SchedulingPolicy::EasyBackfill:
      return std::make_unique<EasyBackfillPolicy>(spec.backfill_depth);
    case SchedulingPolicy::FirstFit:
      return std::make_unique<FirstFitPolicy>();
    case SchedulingPolicy::ShortestJobFirst:
      return std::make_unique<ShortestJobFirstPolicy>();
    case SchedulingPolicy::ConservativeBackfill:
      return std::make_unique<ConservativeBackfillPolicy>(spec.backfill_depth);
  }
  return nullptr;
}

}  // namespace ppusim
