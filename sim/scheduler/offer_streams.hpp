// A tenant round's offer to a policy (docs/tenants.md, "How a round is offered"): the queued
// jobs the round admits, each with only the pools it is admitted on, in one of two shapes.
//
// - As a few sorted streams instead of one list to sort (OfferStreams): what the priority policy
//   reads (priority_policy.hpp). Each stream yields its jobs already in the policy's order
//   within that stream; the policy merges the streams' heads, and reads only as far as it starts
//   jobs, so a round costs the jobs it looks at rather than the whole queue.
// - As a copy of the admitted jobs in queue order: what the other policies read, each in its own
//   order (Scheduler::schedule_round, scheduling_policy.hpp).
//
// The engine builds both from its queue (sim/engine/round_offer.hpp); a policy reads one of them.
#pragma once

#include "sim/scheduler/job_queue.hpp"

namespace ppusim {

class OfferStreams {
 public:
  virtual ~OfferStreams() = default;
  virtual int count() const = 0;
  /// The next job of stream `s`, or nullptr when it has no more. Valid until pop(s).
  virtual const PendingJob* peek(int s) = 0;
  virtual void pop(int s) = 0;
};

class RoundOffer {
 public:
  virtual ~RoundOffer() = default;
  /// One stream per tenant (and one for work without a tenant), each in (submit time, job
  /// index) order, admitted as it is read.
  virtual OfferStreams& by_tenant() = 0;
  /// The admitted jobs, copied, in queue order.
  virtual JobQueue in_queue_order() = 0;
};

}  // namespace ppusim
