// A tenant round's admission and its offer to the policy (docs/tenants.md, "Scheduling with
// quotas" and "How a round is offered"; scheduling_pass.hpp).
//
// Admission: a tenant's queued jobs, in queue order, are let into the round while their sum
// keeps each quota account they count in within its limit (the guarantee in the first round,
// the burst limit, on the tenant's whole use, in the second); the first that would not fit
// closes those accounts to the tenant's later jobs.
//
// The offer, for the priority policy: one stream per tenant (and one for work without a tenant,
// first round only) with its admitted jobs in (submit time, job index) order, produced as the
// policy reads them. The tenant's jobs queued at the head (restarts) are admitted first, as
// they come first in queue order, and sorted; its jobs queued at the back are admitted one by
// one as the policy reads on when they are already in submit order (the usual case), else all
// at once and sorted. A round thus walks what the policy reads and the tenant's restarts, and
// stops at an account that closes, instead of copying and sorting the whole queue.
//
// For the other policies (TenantRoundOffer::in_queue_order): a copy of the admitted jobs in
// queue order. Each tenant's jobs are admitted as for the streams, in its queue order until its
// accounts close, then all put in queue order by their places in the queue: a round walks the
// jobs it admits (and the work without a tenant), not the whole queue.
#pragma once

#include <cstdint>
#include <memory_resource>
#include <optional>
#include <vector>

#include "sim/scheduler/job_queue.hpp"
#include "sim/scheduler/offer_streams.hpp"
#include "sim/scheduler/placement_request.hpp"
#include "sim/scheduler/queue_by_tenant.hpp"

namespace ppusim {

class SchedulingPass;

enum class TenantRound { WithinGuarantee, Borrowing };

class RoundAdmission {
 public:
  RoundAdmission(const SchedulingPass& pass, TenantRound round);

  TenantRound round() const { return round_; }
  /// The pools `job` (which has a tenant) is offered on, given the tenant's jobs admitted
  /// before it in queue order, and counts it in; 0: none (the accounts it asked on close).
  PoolMask admit(const PendingJob& job);
  /// `job` as the round offers it (with the pools admit() gives it; work without a tenant, in
  /// the first round only, as it is), or nothing if the round does not admit it.
  std::optional<PendingJob> offered(const PendingJob& job);
  /// Whether every account of `tenant` is full: none of its later jobs can be admitted.
  bool closed(int tenant) const;

 private:
  int account_on_pool(int tenant, int pool) const;
  std::int64_t limit_of(int account) const;

  const SchedulingPass& pass_;
  TenantRound round_;
  std::vector<std::int64_t> admitted_;  // per account (per tenant when borrowing)
};

class TenantOffer : public OfferStreams {
 public:
  /// `admission` and `queue` must outlive the offer and not change while it is read.
  TenantOffer(const QueueByTenant& queue, RoundAdmission& admission);

  int count() const override { return static_cast<int>(streams_.size()); }
  const PendingJob* peek(int s) override;
  void pop(int s) override;

 private:
  struct Stream {
    int tenant = -1;                 // -1: work without a tenant
    std::vector<PendingJob> sorted;  // admitted and sorted up front (head jobs; all if unsorted)
    std::size_t next_sorted = 0;
    bool lazy = false;  // back jobs still read one by one
    QueueByTenant::Entries::const_iterator back;
    QueueByTenant::Entries::const_iterator back_end;
    std::optional<PendingJob> next_back;  // the next admitted back job, once read
  };
  /// Reads stream `s`'s back jobs until one is admitted (or none is left).
  void read_back(Stream& stream);
  /// Whether the stream's tenant's accounts are full: none of its later jobs is admitted.
  bool closed(const Stream& stream) const;

  RoundAdmission& admission_;
  std::vector<Stream> streams_;
};

/// A round's offer as the scheduling pass gives it to its policy (Scheduler::schedule_round).
class TenantRoundOffer : public RoundOffer {
 public:
  /// `pass` and `by_tenant` (the pass's queue split by tenant) must outlive the offer and not
  /// change while it is read; in_queue_order()'s copy takes its nodes from `copy_nodes`.
  TenantRoundOffer(const SchedulingPass& pass, const QueueByTenant& by_tenant, TenantRound round,
                   std::pmr::memory_resource* copy_nodes);

  /// Whether the round admits no job (read from the streams' heads, which by_tenant() then
  /// goes on from: admission is per tenant, so both shapes admit the same jobs).
  bool empty();
  OfferStreams& by_tenant() override { return streams_; }
  JobQueue in_queue_order() override;

 private:
  const SchedulingPass& pass_;
  const QueueByTenant& by_tenant_;
  TenantRound round_;
  std::pmr::memory_resource* copy_nodes_;
  RoundAdmission streams_admission_;  // what streams_ has admitted
  TenantOffer streams_;
};

}  // namespace ppusim
