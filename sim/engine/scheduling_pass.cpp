#include "sim/engine/scheduling_pass.hpp"

#include <iterator>
#include <unordered_set>
#include <utility>

namespace ppusim {

SchedulingPass::SchedulingPass(const SchedulerSpec& spec, const TenantsSpec& tenants, ResourcePool& pool,
                               int training_jobs)
    : pool_(pool),
      ledger_(tenants, spec.fair_share_half_life_s),
      policy_(make_scheduler(spec, ledger_)),
      training_jobs_(training_jobs) {}

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
    policy_->queued(queue_.begin(), at_head, pool_);
  } else {
    queue_.push_back(pending);
    policy_->queued(std::prev(queue_.end()), at_head, pool_);
  }
}

std::int64_t SchedulingPass::held_milli(int ppus, int ppu_milli) const {
  if (ppu_milli < TenantLedger::kMilli) return ppu_milli;
  const int whole_nodes = pool_.whole_nodes_needed(ppus);
  const std::int64_t held_ppus = whole_nodes > 0 ? std::int64_t{whole_nodes} * pool_.ppus_per_node() : ppus;
  return held_ppus * TenantLedger::kMilli;
}

std::vector<SchedulingPass::Start> SchedulingPass::run_policy(double now, JobQueue& offered) {
  std::vector<Start> starts;
  if (offered.empty()) return starts;
  ++passes_;
  std::vector<StartDecision> decisions = policy_->schedule(now, offered, pool_, running_);
  starts.reserve(decisions.size());
  for (StartDecision& decision : decisions) {
    const WorkId work = work_of(decision.id);
    starts.push_back({work, std::move(decision.allocation)});
  }
  return starts;
}

JobQueue SchedulingPass::offered_in(Round round) const {
  JobQueue offered;
  std::vector<std::int64_t> admitted(ledger_.count());
  for (int t = 0; t < ledger_.count(); ++t) admitted[t] = ledger_.use_milli(t);
  for (const PendingJob& job : queue_) {
    if (job.tenant < 0) {
      // Work without a tenant has no quota: it is offered in the first round only.
      if (round == Round::WithinGuarantee) offered.push_back(job);
      continue;
    }
    const std::int64_t limit = round == Round::WithinGuarantee ? ledger_.guarantee_milli(job.tenant)
                                                               : ledger_.burst_milli(job.tenant);
    std::int64_t& sum = admitted[job.tenant];
    const std::int64_t size = held_milli(job.ppus, job.ppu_milli);
    if (sum + size > limit) {
      sum = limit;  // the tenant's later jobs wait behind this one
      continue;
    }
    sum += size;
    offered.push_back(job);
  }
  return offered;
}

void SchedulingPass::take_started(const std::vector<Start>& starts, double now) {
  // What started leaves the queue, and counts against its tenant from now.
  std::unordered_set<int> started_ids;
  for (const Start& start : starts) started_ids.insert(policy_id(start.work));
  for (const PendingJob& job : queue_) {
    if (started_ids.contains(job.id))
      ledger_.started(job.id, job.tenant, held_milli(job.ppus, job.ppu_milli), now);
  }
  for (auto it = queue_.begin(); it != queue_.end();)
    it = started_ids.contains(it->id) ? queue_.erase(it) : std::next(it);
}

std::vector<SchedulingPass::Start> SchedulingPass::run(double now) {
  waiting_within_guarantee_.reset();
  if (!has_tenants()) return run_policy(now, queue_);
  ledger_.advance(now);
  JobQueue offered = offered_in(Round::WithinGuarantee);
  std::vector<Start> starts = run_policy(now, offered);
  for (const PendingJob& left : offered) {
    if (left.tenant < 0) continue;
    waiting_within_guarantee_ = left;
    break;
  }
  take_started(starts, now);
  return starts;
}

std::vector<SchedulingPass::Start> SchedulingPass::run_borrowing(double now) {
  JobQueue offered = offered_in(Round::Borrowing);
  std::vector<Start> starts = run_policy(now, offered);
  take_started(starts, now);
  return starts;
}

void SchedulingPass::stopped(WorkId work, double now) {
  running_.remove(policy_id(work));
  if (has_tenants()) ledger_.stopped(policy_id(work), now);
}

}  // namespace ppusim
