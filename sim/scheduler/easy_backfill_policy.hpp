// EASY backfilling (Lifka 1995; Mu'alem & Feitelson 2001): FIFO, plus a reservation for the
// job at the head of the queue at the earliest time it can start ("shadow time"), computed
// from the running jobs' expected ends. A job further back may jump ahead if it fits now and
// either ends by the shadow time or uses only resources the head job will not need then.
//
// Expected ends come from the job model's uncontended estimate; a job that overruns its
// estimate is taken to end now. The shadow time of a whole-node head is read from the running
// jobs' node release order (node_release_order.hpp), kept up to date as jobs start and end. Only
// `backfill_depth` jobs behind the head are examined per pass, as Slurm's bf_max_job_test does, so a pass
// costs O(depth), not O(queue).
//
// Several node pools (docs/config.md, "Node pools"): each pool the head may use is asked when
// the head could start there (its own free nodes and running jobs), and the reservation goes to
// the earliest, ties to the first listed. With spanning allowed (scheduler.span_pools), a head
// of whole nodes is also asked of each span group among its pools, as one pool of their nodes
// together: the earliest time when enough of their nodes are wholly free, from the running
// jobs' expected ends there (a spanning job's end frees its nodes in each pool it spans); when
// the group's servers differ in PPUs per node, the earliest time when their wholly free nodes'
// PPUs hold the head, its spare nodes as many of the largest as the spare PPUs fill. A
// group's reservation is taken only if strictly earlier than every single pool's, and holds in
// each pool of the group. A backfilled job is held to the reservation only where it would be
// placed in the reservation's pools; in the others it takes what fits, since it cannot delay the
// head there. A backfilled job running past the shadow time is placed within one pool: a job
// with limits does not span (resource_pool.hpp).
#pragma once

#include "sim/scheduler/scheduling_policy.hpp"

namespace ppusim {

/// The nodes a reservation counts on that are partly used now: those that become wholly free
/// by the shadow time (whole-node head), or the one node a one-node head will take. A job
/// running past the shadow time may not be placed on them.
///
/// Whole-node head: the busy nodes whose release key (node_release_order.hpp) is at most the
/// key of the job whose end completes the head's need, as they were when the reservation was
/// made. Asked per node, never listed: listing them cost a sort of thousands of nodes per pass.
/// A reservation over a span group reads the release order of each of its pools.
class ReservedNodes : public NodeSet {
 public:
  void reserve_released_by(const NodeReleaseOrder* order, const EndKey& last_end);
  void reserve_released_by(const std::vector<const NodeReleaseOrder*>& orders, const EndKey& last_end);
  void reserve_one(int node);
  /// Call before a backfilled job joins `running` on these nodes: keeps the reservation as it
  /// was made, not as the backfilled job's end would move it.
  void freeze(const std::vector<int>& nodes);
  bool contains(int node) const override;

 private:
  /// The node's release key in the reservation's orders; nullopt while no job runs on it.
  std::optional<EndKey> release_of(int node) const;

  const NodeReleaseOrder* order_ = nullptr;
  std::vector<const NodeReleaseOrder*> more_orders_;  // a span group's other pools
  EndKey last_end_{};
  int single_node_ = -1;
  // Per node: the reservation (numbered) in which a backfill changed its release key, and
  // the key before that change.
  unsigned reservation_ = 0;
  std::vector<unsigned> frozen_in_;
  std::vector<std::optional<EndKey>> frozen_key_;
};

/// When and where the head job could start if nothing else started.
struct Reservation {
  double shadow_time_s = 0;
  int pool = 0;              // the node pool it is made in; over a span group, its first
  PoolMask pools = 0;        // bit `pool`, or the span group's pools
  bool whole_nodes = false;  // the head takes whole nodes
  int spare_free_nodes = 0;  // whole-node head: free nodes at shadow time beyond its need
  EndKey last_end{};         // whole-node head: the end that completes its need
  int node = -1;             // one-node head: the node it will take
};

class EasyBackfillPolicy : public Scheduler {
 public:
  explicit EasyBackfillPolicy(int backfill_depth) : backfill_depth_(backfill_depth) {}
  std::string name() const override { return "easy-backfill"; }
  std::vector<StartDecision> schedule(double now, JobQueue& queue, ResourcePool& pool,
                                      RunningJobs& running) override;

  /// When the head could start, from the running jobs' expected ends, in the pool where that is
  /// earliest; nullopt if it never does. Fills `reserved` with the partly used nodes the
  /// reservation counts on.
  std::optional<Reservation> reserve_for_head(double now, const PendingJob& head, const ResourcePool& pool,
                                              const RunningJobs& running, ReservedNodes& reserved);

 private:
  /// When the head could start in pool `k`, from that pool's free nodes and running jobs.
  std::optional<Reservation> reserve_in_pool(double now, const PendingJob& head, const ResourcePool& pool,
                                             int k, const RunningJobs& running);
  /// When the head could start on whole nodes of the pools of `group` (a span group) together.
  std::optional<Reservation> reserve_across(double now, const PendingJob& head, const ResourcePool& pool,
                                            PoolMask group, const RunningJobs& running);
  /// reserve_across for a group of servers of different sizes: counted in PPUs, not nodes.
  std::optional<Reservation> reserve_across_sizes(double now, const PendingJob& head,
                                                  const ResourcePool& pool, PoolMask group,
                                                  const RunningJobs& running);
  std::optional<Reservation> reserve_one_node(double now, const PendingJob& head, const ResourcePool& pool,
                                              int k, const RunningJobs& running);

  /// Step 3 of a pass: backfills behind the head under `reservation`. kOneShape: one pool whose
  /// jobs ask PPUs alone, where the pass may stop early on bounds of job sizes.
  template <bool kOneShape>
  void backfill(double now, JobQueue& queue, ResourcePool& pool, RunningJobs& running,
                Reservation& reservation, std::vector<StartDecision>& started);

  int backfill_depth_;
  ReservedNodes reserved_;
  // One-node head: per node, the PPUs the walk has released so far; reset through `touched_`
  // after each walk so that a walk costs what it visits, not the cluster size.
  std::vector<int> freed_ppus_;
  std::vector<int> touched_;
};

}  // namespace ppusim
