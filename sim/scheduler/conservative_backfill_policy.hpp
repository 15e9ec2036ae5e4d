// Conservative backfilling (Mu'alem & Feitelson, "Utilization, predictability, workloads, and
// user runtime estimates in scheduling the IBM SP2 with backfilling", IEEE TPDS 12(6), 2001):
// every queued job, in submission order, gets a reservation at the earliest time the
// availability profile (free_node_profile.hpp) holds it for its estimated runtime, given the
// reservations of the jobs before it; a job whose earliest time is now starts now. A job
// therefore backfills only if it delays no earlier job's reservation, where EASY protects the
// head job alone.
//
// The profile counts wholly free nodes:
//   - a job of more PPUs than a node has reserves its whole nodes;
//   - a job that shares a node starts now on any node where it fits and where it moves no
//     reservation: on a node that the profile already counts as free from time r (a wholly free
//     node: r = now; a busy one: its release time), a job ending at e > r takes that node out of
//     the profile over [r, e), allowed only if at least one node is spare there. Otherwise it
//     reserves one whole node, an upper bound on its need.
// Several node pools (docs/config.md, "Node pools"): each pool has its own profile, and a job
// may start in, or is reserved in, a pool it may use. It starts now in the first such pool,
// in the listed order, where it may start now; otherwise it is reserved in the pool where its
// earliest start is earliest (ties to the first listed), and only that pool's profile holds it.
// With spanning allowed (scheduler.span_pools), a job of whole nodes may also be reserved across
// the pools of a span group (one chip), if strictly earlier than in any single pool: at the
// earliest time when the nodes each of those pools holds free throughout the job's run add up
// to its need (earliest_start_across, free_node_profile.hpp), counted in PPUs when their
// servers differ in PPUs per node; each pool's profile then holds its share, and a job whose
// spanned start is now starts now on those shares.
// Reservations are made afresh in every pass (so they move earlier when jobs end before their
// estimate), for at most `backfill_depth` queued jobs (Slurm's bf_max_job_test); jobs further
// back wait for a later pass.
//
// Cost of a pass: O(depth · k · log n), k the profile steps walked per question (at most the
// running jobs plus twice the reservations), whatever the queue length.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "sim/scheduler/free_node_profile.hpp"
#include "sim/scheduler/scheduling_policy.hpp"

namespace ppusim {

/// The nodes a job that shares a node may not take, because its end would move a reservation:
/// answered from the profile, once per release time per job.
class NodesMovingReservations : public NodeSet {
 public:
  /// For node pool `k` of `pool`, whose profile `profile` is.
  NodesMovingReservations(double now, const FreeNodeProfile& profile, const ResourcePool& pool,
                          const RunningJobs& running, int k = 0)
      : now_(now), profile_(profile), pool_(pool.pool(k)), running_(running), k_(k) {}

  /// The job about to be placed ends at end_s.
  void set_job_end(double end_s);
  bool contains(int node) const override;

 private:
  double now_;
  const FreeNodeProfile& profile_;
  const NodePool& pool_;
  const RunningJobs& running_;
  int k_;
  double job_end_s_ = 0;
  mutable std::map<double, bool> moves_by_release_;  // this job's answers, by node release time
};

class ConservativeBackfillPolicy : public Scheduler {
 public:
  explicit ConservativeBackfillPolicy(int backfill_depth) : backfill_depth_(backfill_depth) {}
  std::string name() const override { return "conservative-backfill"; }
  std::vector<StartDecision> schedule(double now, JobQueue& queue, ResourcePool& pool,
                                      RunningJobs& running) override;

 private:
  /// The earliest start of `job` across a span group among its pools, with the profiles' shares,
  /// if before `before_s` (its earliest in one pool); if that is now and the shares are free,
  /// places it in `allocation` (and returns nullopt).
  static std::optional<SpannedStart> earliest_across_groups(
      double now, const PendingJob& job, ResourcePool& pool,
      const std::vector<std::unique_ptr<FreeNodeProfile>>& profiles, double before_s,
      std::optional<Allocation>& allocation);

  int backfill_depth_;
};

}  // namespace ppusim
