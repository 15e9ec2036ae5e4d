// The engine's handlers for tenants' quotas (docs/tenants.md):
//
//   a job within its tenant's guarantee waits ─ preempt_for_waiting_job chooses borrowed work
//       (preemption_choice.hpp) and queues a Preemption event for each victim, at once;
//   Preemption ─ the victim stops: it loses its progress since its last checkpoint and gives
//       its PPUs back at once (the scheduler stops it, nothing has to be detected), then is
//       queued at the head like a job a failure interrupted (cluster_manager_failures.cpp).
//
// The decision reads only the engine's own parts (the pass's tenant ledger, the job
// attempts, the resource pool), never the metrics.
#include <vector>

#include "sim/engine/cluster_manager.hpp"
#include "sim/engine/preemption_choice.hpp"

namespace ppusim {

bool ClusterManager::preempt_for_waiting_job(double now) {
  const std::optional<PendingJob>& waiting = pass_.waiting_within_guarantee();
  if (!waiting) return false;
  const TenantLedger& tenants = pass_.tenants();
  std::vector<PreemptionCandidate> candidates;
  std::vector<std::int64_t> borrowed(tenants.count());
  for (int tenant = 0; tenant < tenants.count(); ++tenant) {
    borrowed[tenant] = tenants.borrowed_milli(tenant);
    if (borrowed[tenant] == 0 || tenant == waiting->tenant) continue;
    for (int id : tenants.running_of(tenant)) {
      if (id >= static_cast<int>(trace_.jobs.size()) || !attempts_.is_running(id)) continue;
      const JobSpec& spec = trace_.jobs[id];
      candidates.push_back({.job = id,
                            .tenant = tenant,
                            .lost_work_s = attempts_.unsaved_progress_s(id, now),
                            .started_s = attempts_.started_at(id),
                            .held_milli = pass_.held_milli(spec.ppus, spec.ppu_milli),
                            .allocation = &attempts_.allocation(id)});
    }
  }
  const std::vector<int> victims =
      choose_victims(std::move(candidates), *waiting, pool_, std::move(borrowed));
  for (int victim : victims) {
    events_.push({.time_s = now,
                  .type = EventType::Preemption,
                  .target = victim,
                  .attempt = attempts_.current(victim)});
  }
  return !victims.empty();
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
