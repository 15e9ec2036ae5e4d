// Priority scheduling (scheduler.policy "priority"): each pass orders the queue by Slurm's
// multifactor priority (multifactor_priority.hpp; ties by submit time, then job index, as
// Slurm's do) and starts jobs in that order while they fit, stopping at the first that does
// not, as Slurm's builtin scheduler does within a partition (docs/config.md).
//
// With tenants the policy reads each round as one stream per tenant (schedule_round, through
// RoundOffer::by_tenant: offer_streams.hpp), each in submit order, and merges them. That is
// the same order as sorting the whole offer: within one tenant the fair-share and tenant
// factors are equal, and the age factor never grows with the submit time (min(1, (now −
// submit) / max_age) is monotone, and so is each rounded step of computing it), so the
// tenant's jobs by (submit time, job index) are in priority order with its ties broken as the
// sort breaks them.
//
// With DRF (scheduler.priority.fair_share "drf") a start lowers its tenant's fair-share factor
// within the pass (progressive filling), so no order fixed at the pass's start is right. The
// merge still is: a start changes F for all of one tenant's jobs alike, so each stream's head
// stays its tenant's first, and the head that wins each comparison, made with the factors of
// that moment, is the job a re-sort of the whole offer after every start would put first.
// Without tenants' streams (schedule()) the policy then reads the queue as such streams too.
#pragma once

#include <optional>

#include "sim/scheduler/multifactor_priority.hpp"
#include "sim/scheduler/offer_streams.hpp"
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
  /// A tenant round: schedule_streams() on the offer's tenant streams.
  std::vector<StartDecision> schedule_round(double now, RoundOffer& offer, ResourcePool& pool,
                                            RunningJobs& running,
                                            std::optional<PendingJob>* first_left_with_tenant) override {
    return schedule_streams(now, offer.by_tenant(), pool, running, first_left_with_tenant);
  }
  /// The same pass over an offer given as streams, each in (submit time, job index) order and
  /// holding one tenant's jobs (or only jobs without a tenant). `first_left_with_tenant`, when
  /// given, receives the first job in priority order left waiting that has a tenant.
  std::vector<StartDecision> schedule_streams(double now, OfferStreams& offer, ResourcePool& pool,
                                              RunningJobs& running,
                                              std::optional<PendingJob>* first_left_with_tenant);

 private:
  /// Starts jobs from the streams' heads in the policy's order, each head's priority taken as
  /// it is compared, while they fit; `first_left_with_tenant` as for schedule_streams.
  std::vector<StartDecision> merge_streams(double now, OfferStreams& offer, ResourcePool& pool,
                                           RunningJobs& running,
                                           std::optional<PendingJob>* first_left_with_tenant);

  MultifactorPriority priority_;
  const TenantLedger& ledger_;
};

}  // namespace ppusim
