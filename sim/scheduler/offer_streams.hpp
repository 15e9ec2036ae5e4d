// A scheduling round's offer given as a few sorted streams instead of one list to sort: what
// the priority policy reads when the pass has tenants (priority_policy.hpp,
// docs/tenants.md "How a round is offered"). Each stream yields its jobs already in the policy's
// order within that stream; the policy merges the streams' heads, and reads only as far as it
// starts jobs, so a round costs the jobs it looks at rather than the whole queue.
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

}  // namespace ppusim
