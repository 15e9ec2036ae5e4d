// The scheduler's interface: given the queue, the free resources and the running jobs, which
// jobs start now and where. Policies are plain objects with no SimGrid inside: the engine
// calls them whenever a job arrives or ends, and they can be tested on their own.
//
// Without tenants the engine hands a policy its queue itself (schedule()). With tenants it
// offers each of a pass's rounds (docs/tenants.md) through schedule_round(): by default a copy
// of the jobs the round admits, in queue order, through schedule(); a policy that orders the
// jobs otherwise or indexes the queue reads the offer in its own way.
//
// To add a policy: derive from Scheduler, then list it in make_scheduler() (make_scheduler.cpp).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "sim/config/scenario.hpp"
#include "sim/scheduler/job_queue.hpp"
#include "sim/scheduler/node_release_order.hpp"
#include "sim/scheduler/offer_streams.hpp"
#include "sim/scheduler/resource_pool.hpp"
#include "sim/scheduler/tenant_ledger.hpp"

namespace ppusim {

struct StartDecision {
  int id = 0;
  Allocation allocation;
};

/// Running jobs by expected end time, and the nodes in the order those ends free them: what
/// EASY needs to find when the head job could start. Both are kept per node pool, up to date as
/// jobs start and end, so a scheduling pass never sorts the running jobs. A job spanning pools
/// (scheduler.span_pools) is in each pool it spans, with its nodes there.
class RunningJobs {
 public:
  struct Entry {
    double expected_end_s;
    Allocation allocation;
  };

  /// `pools`: the cluster the jobs run on, which tells a spanning job's nodes apart by pool; it
  /// must outlive this. Without it every job is filed under its allocation's pool.
  explicit RunningJobs(const ResourcePool* pools = nullptr) : cluster_(pools) {}

  void add(int id, double expected_end_s, Allocation allocation);
  void remove(int id);
  bool empty() const { return by_id_.empty(); }
  std::size_t size() const { return by_id_.size(); }
  /// Ids of the jobs running in `pool`, in order of expected end (ties by id, for determinism).
  const std::set<EndKey>& by_expected_end(int pool = 0) const { return in(pool).by_end; }
  const Entry& at(int id) const { return by_id_.at(id); }
  /// Busy nodes of `pool` in the order the running jobs' expected ends leave them wholly free.
  const NodeReleaseOrder& node_release_order(int pool = 0) const { return in(pool).release_order; }

 private:
  struct InPool {
    std::set<EndKey> by_end;
    NodeReleaseOrder release_order;
  };
  const InPool& in(int pool) const {
    return pool < static_cast<int>(pools_.size()) ? pools_[pool] : nothing_runs_;
  }

  /// Calls visit(pool, nodes there) for each pool the allocation holds nodes of.
  template <typename Visit>
  void for_each_part(const Allocation& allocation, Visit visit);

  const ResourcePool* cluster_;
  std::map<int, Entry> by_id_;
  std::vector<InPool> pools_;  // by Allocation::pool; grown as jobs start in a pool
  InPool nothing_runs_;        // what a pool where no job started yet holds
};

class Scheduler {
 public:
  virtual ~Scheduler() = default;
  virtual std::string name() const = 0;
  /// `job` has just joined the queue later passed to schedule(), at its head or its back.
  /// Policies that index the queue (by request size: first-fit, SJF) add it here; the others
  /// read the queue itself and need nothing. Called only for a queue that schedule() is given:
  /// with tenants the engine offers rounds (schedule_round) and never calls it, so no index
  /// holds jobs that a round starts.
  virtual void queued(JobQueue::const_iterator /*job*/, bool /*at_head*/, const ResourcePool& /*pool*/) {}
  /// Starts what may start now: allocates from `pool`, moves the started jobs from `queue`
  /// (in submission order) into `running` with expected end now + estimate, and returns them.
  virtual std::vector<StartDecision> schedule(double now, JobQueue& queue, ResourcePool& pool,
                                              RunningJobs& running) = 0;
  /// The same for one tenant round: starts what may start now among the jobs `offer` admits
  /// (each on the pools it is admitted on) and returns them; the caller takes them out of its
  /// queue. `first_left_with_tenant`, when given, receives the first job in the policy's order
  /// that has a tenant and still waits (what the engine may preempt for). By default: the
  /// admitted jobs copied in queue order, through schedule().
  virtual std::vector<StartDecision> schedule_round(double now, RoundOffer& offer, ResourcePool& pool,
                                                    RunningJobs& running,
                                                    std::optional<PendingJob>* first_left_with_tenant);
};

/// The policy `spec` names; the priority policy reads the tenants' usage from `ledger`, which
/// must outlive it.
std::unique_ptr<Scheduler> make_scheduler(const SchedulerSpec& spec, const TenantLedger& ledger);

}  // namespace ppusim
