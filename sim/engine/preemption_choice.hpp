// Which borrowed work to preempt so that a job within its tenant's guarantee can start
// (docs/tenants.md, "Preemption"). Pure: the engine gathers the candidates and queues a
// Preemption event for each victim chosen.
//
// Candidates are the running training jobs of tenants that hold more than their guarantee.
// They are taken in this order: least work lost (training progress since the job's last
// checkpoint) first; ties, the youngest attempt (latest start) first; then the highest job
// index. A tenant's jobs are taken only while it still borrows (on the quota account the job
// counts in): once the victims chosen bring it down to its guarantee, its other jobs there are
// not candidates. Victims are taken until the waiting job would fit in what they and the free
// resources leave: PPUs, and on pools that model them the CPU cores and memory of the node it
// would share (a job of whole nodes gets whole hosts, so it counts only nodes whose hosts hold its share); if
// even all of them would not make it fit, nobody is preempted. Fractional jobs are not preempted (a shared
// PPU is freed only when its last job leaves, so preempting one seldom makes room).
#pragma once

#include <cstdint>
#include <vector>

#include "sim/scheduler/resource_pool.hpp"
#include "sim/scheduler/scheduling_policy.hpp"

namespace ppusim {

struct PreemptionCandidate {
  int job = 0;
  int account = 0;         // its tenant's quota account (tenant_ledger.hpp)
  double lost_work_s = 0;  // progress since the last checkpoint, lost if preempted now
  double started_s = 0;    // when its current attempt got its PPUs
  std::int64_t held_milli = 0;
  const Allocation* allocation = nullptr;  // where it runs
};

/// Where the waiting job's room is counted: in one pool of `pools` alone (each with its own
/// node shape), or, with `spanning`, also over whole nodes of all of `pools` together (one span
/// group: pools of one chip and, with tenants, one server, resource_pool.hpp).
struct PreemptionRoom {
  PoolMask pools = 0;
  bool spanning = false;
};

/// The jobs to preempt, in the order chosen; empty when preempting cannot make `waiting` fit
/// in `room`. `borrowed_milli[a]` is what quota account a holds above its guarantee.
std::vector<int> choose_victims(std::vector<PreemptionCandidate> candidates, const PendingJob& waiting,
                                const ResourcePool& resources, PreemptionRoom room,
                                std::vector<std::int64_t> borrowed_milli);

}  // namespace ppusim
