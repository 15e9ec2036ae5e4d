#include "sim/engine/scheduling_pass.hpp"

#include <algorithm>
#include <functional>
#include <iterator>
#include <unordered_map>
#include <utility>

#include "sim/scheduler/held_resources.hpp"

namespace ppusim {

SchedulingPass::SchedulingPass(const SchedulerSpec& spec, const TenantsSpec& tenants, ResourcePool& pool,
                               int training_jobs)
    : pool_(pool),
      ledger_(tenants, spec.fair_share_half_life_s),
      policy_(make_scheduler(spec, ledger_)),
      training_jobs_(training_jobs),
      by_tenant_(ledger_.count()),
      running_(&pool) {}

void SchedulingPass::enqueue(WorkId work, const Request& request, bool at_head) {
  const PendingJob pending{.id = policy_id(work),
                           .ppus = request.ppus,
                           .ppu_milli = request.ppu_milli,
                           .estimated_runtime_s = request.estimated_runtime_s,
                           .tenant = request.tenant,
                           .submit_s = request.submit_s,
                           .request = request.placement};
  if (at_head) {
    queue_.push_front(pending);
  } else {
    queue_.push_back(pending);
  }
  const JobQueue::const_iterator queued = at_head ? queue_.begin() : std::prev(queue_.end());
  // With tenants the policy is offered rounds, never this queue: it keeps no index of it, so
  // nothing it indexed can start through a round and stay behind in the index.
  if (has_tenants()) {
    by_tenant_.queued(queued, at_head);
  } else {
    policy_->queued(queued, at_head, pool_);
  }
}

std::int64_t SchedulingPass::held_milli(int ppus, int ppu_milli, int pool) const {
  if (ppu_milli < TenantLedger::kMilli) return ppu_milli;
  const NodePool& nodes = pool_.pool(pool);
  const int whole_nodes = nodes.whole_nodes_needed(ppus);
  const std::int64_t held_ppus = whole_nodes > 0 ? std::int64_t{whole_nodes} * nodes.ppus_per_node() : ppus;
  return held_ppus * TenantLedger::kMilli;
}

std::vector<SchedulingPass::Start> SchedulingPass::to_starts(std::vector<StartDecision> decisions) const {
  std::vector<Start> starts;
  starts.reserve(decisions.size());
  for (StartDecision& decision : decisions)
    starts.push_back({work_of(decision.id), std::move(decision.allocation)});
  return starts;
}

std::vector<SchedulingPass::Start> SchedulingPass::run_policy(double now, JobQueue& offered) {
  if (offered.empty()) return {};
  ++passes_;
  return to_starts(policy_->schedule(now, offered, pool_, running_));
}

std::int64_t SchedulingPass::least_held_milli(int ppus, int ppu_milli, PoolMask pools) const {
  std::int64_t least = -1;
  for (int k = 0; k < pool_.pool_count(); ++k) {
    if (!(pools >> k & 1)) continue;
    const std::int64_t held = held_milli(ppus, ppu_milli, k);
    if (least < 0 || held < least) least = held;
  }
  return least;
}

void SchedulingPass::take_started(const std::vector<Start>& starts, double now) {
  // What started leaves the queue, and counts against its tenant from now.
  for (const Start& start : starts) {
    const int id = policy_id(start.work);
    const JobQueue::const_iterator job = by_tenant_.find(id);
    const int pool = start.allocation.pool;
    ledger_.started(id, job->tenant, held_resources(start.allocation, pool_), pool, now);
    by_tenant_.removed(id);
    queue_.erase(job);
  }
}

std::vector<SchedulingPass::Start> SchedulingPass::run_round(double now, TenantRound round) {
  TenantRoundOffer offer(*this, by_tenant_, round, &round_copy_nodes_);
  if (offer.empty()) return {};
  ++passes_;
  std::optional<PendingJob>* waiting =
      round == TenantRound::WithinGuarantee ? &waiting_within_guarantee_ : nullptr;
  std::vector<Start> starts = to_starts(policy_->schedule_round(now, offer, pool_, running_, waiting));
  take_started(starts, now);
  return starts;
}

std::vector<SchedulingPass::Start> SchedulingPass::run(double now) {
  waiting_within_guarantee_.reset();
  if (!has_tenants()) return run_policy(now, queue_);
  ledger_.advance(now);
  return run_round(now, TenantRound::WithinGuarantee);
}

std::vector<SchedulingPass::Start> SchedulingPass::run_borrowing(double now) {
  return run_round(now, TenantRound::Borrowing);
}

void SchedulingPass::stopped(WorkId work, double now) {
  running_.remove(policy_id(work));
  if (has_tenants()) ledger_.stopped(policy_id(work), now);
}

}  // namespace ppusim
