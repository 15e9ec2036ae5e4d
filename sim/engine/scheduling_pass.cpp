#include "sim/engine/scheduling_pass.hpp"

#include <algorithm>
#include <functional>
#include <iterator>
#include <unordered_map>
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

std::int64_t SchedulingPass::held_milli(int ppus, int ppu_milli, int pool) const {
  if (ppu_milli < TenantLedger::kMilli) return ppu_milli;
  const NodePool& nodes = pool_.pool(pool);
  const int whole_nodes = nodes.whole_nodes_needed(ppus);
  const std::int64_t held_ppus = whole_nodes > 0 ? std::int64_t{whole_nodes} * nodes.ppus_per_node() : ppus;
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

std::int64_t SchedulingPass::least_held_milli(int ppus, int ppu_milli, PoolMask pools) const {
  std::int64_t least = -1;
  for (int k = 0; k < pool_.pool_count(); ++k) {
    if (!(pools >> k & 1)) continue;
    const std::int64_t held = held_milli(ppus, ppu_milli, k);
    if (least < 0 || held < least) least = held;
  }
  return least;
}

PoolMask SchedulingPass::admit(const PendingJob& job, std::vector<std::int64_t>& admitted,
                               const std::function<int(int)>& account_on_pool,
                               const std::function<std::int64_t(int)>& limit_of) const {
  // One pool: one account, one size (the common case, kept short).
  if (pool_.pool_count() == 1) {
    const int account = account_on_pool(0);
    std::int64_t& sum = admitted[account];
    const std::int64_t limit = limit_of(account);
    const std::int64_t size = held_milli(job.ppus, job.ppu_milli, 0);
    if (sum + size > limit) {
      sum = std::max(sum, limit);  // the tenant's later jobs wait behind this one
      return 0;
    }
    sum += size;
    return job.request.pools;
  }
  // Several pools: the job is offered on those where it keeps its account within the limit.
  struct OnPool {
    int pool;
    int account;
    std::int64_t milli;
  };
  std::vector<OnPool> asked;
  PoolMask within = 0;
  for (int k = 0; k < pool_.pool_count(); ++k) {
    if (!(job.request.pools >> k & 1)) continue;
    const OnPool on{k, account_on_pool(k), held_milli(job.ppus, job.ppu_milli, k)};
    asked.push_back(on);
    if (admitted[on.account] + on.milli <= limit_of(on.account)) within |= PoolMask{1} << k;
  }
  if (within == 0) {
    // The tenant's later jobs on these accounts wait behind this one.
    for (const OnPool& on : asked)
      admitted[on.account] = std::max(admitted[on.account], limit_of(on.account));
    return 0;
  }
  // It may land in any account it is offered on: it counts in each with the most it would hold
  // there, so the round never lets more in than an account's limit holds.
  std::vector<std::pair<int, std::int64_t>> most;  // account -> the most it holds there
  for (const OnPool& on : asked) {
    if (!(within >> on.pool & 1)) continue;
    auto it = std::find_if(most.begin(), most.end(), [&on](const auto& m) { return m.first == on.account; });
    if (it == most.end()) {
      most.emplace_back(on.account, on.milli);
    } else {
      it->second = std::max(it->second, on.milli);
    }
  }
  for (const auto& [account, milli] : most) admitted[account] += milli;
  return within;
}

JobQueue SchedulingPass::offered_in(Round round) const {
  JobQueue offered;
  // Within guarantees, per quota account; borrowing, up to the burst limit of the tenant's use
  // on every type (an account per tenant).
  const bool guarantees = round == Round::WithinGuarantee;
  std::vector<std::int64_t> admitted(guarantees ? ledger_.account_count() : ledger_.count());
  for (std::size_t a = 0; a < admitted.size(); ++a) {
    const int index = static_cast<int>(a);
    admitted[a] = guarantees ? ledger_.account_use_milli(index) : ledger_.use_milli(index);
  }
  const std::function<std::int64_t(int)> limit_of = [this, guarantees](int account) {
    return guarantees ? ledger_.account_guarantee_milli(account) : ledger_.burst_milli(account);
  };
  for (const PendingJob& job : queue_) {
    PoolMask pools = job.request.pools;
    if (job.tenant < 0) {
      // Work without a tenant has no quota: it is offered in the first round only.
      if (!guarantees) continue;
    } else {
      const int tenant = job.tenant;
      pools = admit(
          job, admitted,
          [this, tenant, guarantees](int pool) {
            return guarantees ? ledger_.account_of(tenant, pool) : tenant;
          },
          limit_of);
      if (pools == 0) continue;
    }
    if (pools == job.request.pools) {
      offered.push_back(job);
    } else {
      PendingJob narrowed = job;
      narrowed.request.pools = pools;
      offered.push_back(narrowed);
    }
  }
  return offered;
}

void SchedulingPass::take_started(const std::vector<Start>& starts, double now) {
  // What started leaves the queue, and counts against its tenant from now.
  std::unordered_map<int, int> started_pool;  // policy id -> the pool it started in
  for (const Start& start : starts) started_pool.emplace(policy_id(start.work), start.allocation.pool);
  for (const PendingJob& job : queue_) {
    const auto started = started_pool.find(job.id);
    if (started == started_pool.end()) continue;
    const int pool = started->second;
    ledger_.started(job.id, job.tenant, held_milli(job.ppus, job.ppu_milli, pool), pool, now);
  }
  for (auto it = queue_.begin(); it != queue_.end();)
    it = started_pool.contains(it->id) ? queue_.erase(it) : std::next(it);
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
