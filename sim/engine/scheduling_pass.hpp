// The scheduling pass: the queue of work waiting for PPUs, what runs, and the policy
// (sim/scheduler) that decides, once per instant after that instant's events, what starts now
// and where. Training jobs and inference replicas wait in the same queue; the policy sees one
// id per entry, training jobs first (the trace's job index), then replicas: ties between equal
// expected ends then fall the same way whatever the mix.
//
// With tenants (docs/tenants.md) a pass has two rounds. The first offers the policy only the
// work that stays within its tenant's guarantee (and work without a tenant); the second, which
// the engine runs unless it preempts for a job the first round left waiting, offers the work
// that borrows, up to each tenant's burst limit. Within a round a tenant's queued jobs are
// admitted in queue order while their sum fits its limit: a tenant's later job does not pass
// an earlier one that the limit holds back. With several pools a guarantee is checked per quota
// account (tenant_ledger.hpp): the first round offers a job only the pools where it keeps its
// account within its guarantee (round_offer.hpp). Each policy reads a round its own way
// (Scheduler::schedule_round): the priority policy as one sorted stream per tenant, built as it
// reads (TenantOffer); the others as a copy of the admitted jobs in queue order, which
// first-fit and SJF walk in their own order. Either way the pass finds a started job in the
// queue through its tenant's index (queue_by_tenant.hpp), not by walking the queue; with
// tenants the policy keeps no index of the queue (Scheduler::queued is not called).
#pragma once

#include <functional>
#include <memory>
#include <memory_resource>
#include <optional>
#include <vector>

#include "sim/config/tenant_spec.hpp"
#include "sim/engine/round_offer.hpp"
#include "sim/engine/work_id.hpp"
#include "sim/scheduler/queue_by_tenant.hpp"
#include "sim/scheduler/resource_pool.hpp"
#include "sim/scheduler/scheduling_policy.hpp"
#include "sim/scheduler/tenant_ledger.hpp"

namespace ppusim {

class SchedulingPass {
 public:
  struct Start {
    WorkId work;
    Allocation allocation;
  };
  /// What a queued entry asks for.
  struct Request {
    int ppus = 0;
    int ppu_milli = 1000;
    double estimated_runtime_s = 0;
    int tenant = -1;
    double submit_s = 0;
    PlacementRequest placement;  // the pools it may use and its CPU and memory
  };

  SchedulingPass(const SchedulerSpec& spec, const TenantsSpec& tenants, ResourcePool& pool,
                 int training_jobs);

  /// Queues `work` (at the head: a restart goes before what arrived since).
  void enqueue(WorkId work, const Request& request, bool at_head = false);
  /// Asks the policy what starts at `now`; the started work leaves the queue and runs. With
  /// tenants, only work within its tenant's guarantee (the first round).
  std::vector<Start> run(double now);
  /// With tenants, the second round: work that borrows, up to its tenant's burst limit.
  std::vector<Start> run_borrowing(double now);
  /// After run(): the first job, in the policy's order, that stays within its tenant's
  /// guarantee and still waits (what preemption would be for).
  const std::optional<PendingJob>& waiting_within_guarantee() const { return waiting_within_guarantee_; }
  /// `work` no longer runs (it ended, or gave its PPUs back) at `now`.
  void stopped(WorkId work, double now);

  bool has_tenants() const { return ledger_.enabled(); }
  const TenantLedger& tenants() const { return ledger_; }
  /// Thousandths of a PPU a job of `ppus` (or `ppu_milli` of one) holds once placed in pool
  /// `pool` (whole nodes of that pool's shape for a job larger than one node; a job spanning
  /// pools of one span group, the same on each of them: its whole size).
  std::int64_t held_milli(int ppus, int ppu_milli, int pool) const;
  /// The least it holds in any of `pools`.
  std::int64_t least_held_milli(int ppus, int ppu_milli, PoolMask pools) const;

  int pool_count() const { return pool_.pool_count(); }
  std::size_t queue_length() const { return queue_.size(); }
  bool nothing_running() const { return running_.empty(); }
  long long passes() const { return passes_; }

 private:
  int policy_id(WorkId work) const { return work.is_replica() ? training_jobs_ + work.index : work.index; }
  WorkId work_of(int id) const {
    return id >= training_jobs_ ? WorkId::replica(id - training_jobs_) : WorkId::job(id);
  }
  /// Runs the policy on `offered` (the whole queue: no tenants).
  std::vector<Start> run_policy(double now, JobQueue& offered);
  /// A tenant round: the policy on what the round admits; what started leaves the queue.
  std::vector<Start> run_round(double now, TenantRound round);
  std::vector<Start> to_starts(std::vector<StartDecision> decisions) const;
  /// Takes what started out of the queue and into its tenant's use.
  void take_started(const std::vector<Start>& starts, double now);

  ResourcePool& pool_;
  TenantLedger ledger_;
  std::unique_ptr<Scheduler> policy_;
  int training_jobs_;
  JobQueue queue_;
  QueueByTenant by_tenant_;  // with tenants: the queue by tenant, and where each job is
  RunningJobs running_;
  // A round's copy of its admitted jobs (the policies other than priority) takes a list node a
  // job and frees them at the round's end: millions of rounds of tens of small blocks, which
  // through malloc spilled from its per-size caches and were merged and split again on every
  // round (docs/performance.md, "Tenant rounds: cost by what is queued"). A pool keeps them.
  std::pmr::unsynchronized_pool_resource round_copy_nodes_;
  std::optional<PendingJob> waiting_within_guarantee_;
  long long passes_ = 0;
};

}  // namespace ppusim
