// EASY backfilling (Lifka 1995; Mu'alem & Feitelson 2001): FIFO, plus a reservation for the
// job at the head of the queue at the earliest time it can start ("shadow time"), computed
// from the running jobs' expected ends. A job further back may jump ahead if it fits now and
// either ends by the shadow time or uses only resources the head job will not need then.
//
// Expected ends come from the job model's uncontended estimate; a job that overruns its
// estimate is taken to end now. Only `backfill_depth` jobs behind the head are examined per
// pass, as Slurm's bf_max_job_test does, so a pass costs O(depth), not O(queue).
#pragma once

#include "sim/scheduler/scheduling_policy.hpp"

namespace ppusim {

/// When and where the head job could start if nothing else started.
struct Reservation {
  double shadow_time_s = 0;
  bool whole_nodes = false;  // the head takes whole nodes
  int spare_free_nodes = 0;  // whole-node head: free nodes at shadow time beyond its need
  /// Nodes that are partly used now and that the reservation counts on: those that become
  /// free by the shadow time (whole-node head), or the one node a one-node head will take.
  /// Sorted. A job running past the shadow time may not be placed on them.
  std::vector<int> counted_nodes;
};

class EasyBackfillPolicy : public Scheduler {
 public:
  explicit EasyBackfillPolicy(int backfill_depth) : backfill_depth_(backfill_depth) {}
  std::string name() const override { return "easy-backfill"; }
  std::vector<StartDecision> schedule(double now, std::list<PendingJob>& queue, ResourcePool& pool,
                                      RunningJobs& running) override;

  /// Walks running jobs by expected end until the head fits; nullopt if it never does.
  std::optional<Reservation> reserve_for_head(double now, const PendingJob& head, const ResourcePool& pool,
                                              const RunningJobs& running);

 private:
  int backfill_depth_;
  // Per node, what the walk has released so far; reset through `touched_` after each walk so
  // that a walk costs what it visits, not the cluster size.
  std::vector<int> freed_ppus_;
  std::vector<int> ended_jobs_;
  std::vector<int> touched_;
  std::vector<int> counted_;
};

}  // namespace ppusim
