// The engine's handlers for tenants' quotas (docs/tenants.md):
//
//   a job within its tenant's guarantee waits ─ preempt_for_waiting_job chooses borrowed work
//       (preemption_choice.hpp) and queues a Preemption event for each victim, at once;
//   Preemption ─ the victim stops: it loses its progress since its last checkpoint and gives
//       its PPUs back at once (the scheduler stops it, nothing has to be detected), then is
//       queued at the head like a job a failure interrupted (cluster_manager_failures.cpp).
//
// The decision reads only the engine's own parts (the pass's tenant ledger, the job
// attempts, the resource pool), never the metrics. With several pools, victims are sought pool
// by pool among the pools the waiting job may use within its guarantee, each with its own node
// shape, and only among work of accounts that borrow on that pool (tenant_ledger.hpp); the room
// they leave counts PPUs and, where pools model them, the hosts' CPU cores and memory. With
// spanning allowed, a job no one pool can make room for then looks over each span group.
#include <bit>
#include <vector>

#include "sim/engine/cluster_manager.hpp"
#include "sim/engine/preemption_choice.hpp"

namespace ppusim {

bool ClusterManager::preempt_for_waiting_job(double now) {
  const std::optional<PendingJob>& waiting = pass_.waiting_within_guarantee();
  if (!waiting) return false;
  const TenantLedger& tenants = pass_.tenants();
  std::vector<std::int64_t> borrowed(tenants.account_count());
  for (int account = 0; account < tenants.account_count(); ++account)
    borrowed[account] = tenants.account_borrowed_milli(account);
  // The borrowed work running on a pool of `pools` (a job spanning pools runs on each of its).
  const auto candidates_on = [&](PoolMask pools) {
    std::vector<PreemptionCandidate> candidates;
    for (int tenant = 0; tenant < tenants.count(); ++tenant) {
      if (tenant == waiting->tenant) continue;
      for (int id : tenants.running_of(tenant)) {
        if (id >= static_cast<int>(trace_.jobs.size()) || !attempts_.is_running(id)) continue;
        const Allocation& allocation = attempts_.allocation(id);
        const PoolMask held =
            allocation.spanned_pools != 0 ? allocation.spanned_pools : PoolMask{1} << allocation.pool;
        if ((held & pools) == 0) continue;
        const int account = tenants.account_of(tenant, allocation.pool);
        if (borrowed[account] == 0) continue;
        const JobSpec& spec = trace_.jobs[id];
        candidates.push_back({.job = id,
                              .account = account,
                              .lost_work_s = attempts_.unsaved_progress_s(id, now),
                              .started_s = attempts_.started_at(id),
                              .held_milli = pass_.held_milli(spec.ppus, spec.ppu_milli, allocation.pool),
                              .allocation = &allocation});
      }
    }
    return candidates;
  };
  const auto preempt = [&](PreemptionRoom room) {
    const std::vector<int> victims =
        choose_victims(candidates_on(room.pools), *waiting, pool_, room, borrowed);
    for (int victim : victims) {
      events_.push({.time_s = now,
                    .type = EventType::Preemption,
                    .target = victim,
                    .attempt = attempts_.current(victim)});
    }
    return !victims.empty();
  };
  // Victims are sought in each pool the waiting job may use within its guarantee, in pool order,
  // among the borrowed work running there; the first pool where they make room is where it goes.
  const PoolMask allowed = waiting->request.pools;
  for (int pool = 0; pool < pool_.pool_count(); ++pool) {
    if ((allowed >> pool & 1) && preempt({.pools = PoolMask{1} << pool})) return true;
  }
  // A job of whole nodes that no one pool can hold even so may span pools (scheduler.span_pools):
  // then victims are sought over each span group it may use, in pool order.
  if (!pool_.spanning_allowed() || waiting->ppu_milli < 1000) return false;
  PoolMask seen = 0;
  for (int pool = 0; pool < pool_.pool_count(); ++pool) {
    if (!(allowed >> pool & 1) || (seen >> pool & 1)) continue;
    const PoolMask group = pool_.span_group(pool) & allowed;
    seen |= group;
    if (std::popcount(group) > 1 && preempt({.pools = group, .spanning = true})) return true;
  }
  return false;
}

void ClusterManager::on_preemption(int job, int attempt, double now) {
  if (!attempts_.is_current(job, attempt)) return;  // a failure got there first
  const std::optional<JobAttempts::Interruption> cost = attempts_.interrupt(job, now);
  if (!cost) return;
  observer_.on_compute_ended(job, now);
  observer_.on_job_preempted(job, now, cost->lost_s, cost->lost_flops);
  observer_.on_productive_time(job, cost->kept_s);
  if (cost->write_open) observer_.on_checkpoint_write(job, cost->open_write_s);
  on_release_for_restart(job, now);
}

void ClusterManager::report_tenant_use(int tenant, double now) {
  if (tenant < 0 || !pass_.has_tenants()) return;
  observer_.on_tenant_allocation_changed(
      tenant, now, static_cast<double>(pass_.tenants().use_milli(tenant)) / TenantLedger::kMilli);
}

}  // namespace ppusim
