// Where each training job stands: its work, the nodes its current attempt holds, and how far
// that attempt got (docs/failures.md). An attempt starts when the job gets its nodes; a failure
// ends it, and the job's next attempt starts from its last checkpoint. The attempt number grows
// at each interruption, which is how events and actors of an older attempt know they are stale.
//
// This is bookkeeping only: it decides nothing and tells no one. The engine's handlers
// (cluster_manager.hpp) use it and report what happened to the observer.
//
// Memory: a month-scale trace has millions of jobs, of which a few thousand are queued or hold
// nodes at any time. What every job needs (its attempt number and the fraction of work left)
// is 32 bytes a job; its work is held from arrival to its end, and the state of an attempt
// holding nodes (allocation, progress clock) only while it holds them (docs/performance.md).
#pragma once

#include <optional>
#include <unordered_map>
#include <vector>

#include "sim/scheduler/resource_pool.hpp"
#include "workloads/job_performance.hpp"

namespace ppusim {

class JobAttempts {
 public:
  /// What an interruption cost the attempt it ended.
  struct Interruption {
    double progress_s = 0;    // training progress of the attempt
    double kept_s = 0;        // ... of which saved by its last checkpoint
    double lost_s = 0;        // ... and lost
    double lost_flops = 0;    // the work lost with it
    bool write_open = false;  // a checkpoint write was cut short
    double open_write_s = 0;  // ... after this long
  };

  /// `jobs` training jobs, none arrived yet.
  explicit JobAttempts(std::size_t jobs);

  /// The job arrived and waits for nodes; its work is held until it ends.
  void arrived(int job, JobWork work) { work_[job] = std::move(work); }
  int current(int job) const { return attempts_[job].number; }
  bool is_current(int job, int attempt) const { return attempts_[job].number == attempt; }
  /// The job holds nodes (running, or interrupted and not yet released).
  bool holds_nodes(int job) const { return holding_.contains(job); }
  const Allocation& allocation(int job) const { return holding_.at(job).allocation; }
  bool has_checkpoint(int job) const { return attempts_[job].saved_any; }
  /// The job runs: it holds nodes and no interruption has stopped it.
  bool is_running(int job) const;
  /// When the current attempt got its nodes (the job holds nodes).
  double started_at(int job) const { return holding_.at(job).started_at; }
  /// Training progress of the current attempt not yet saved by a checkpoint: what an
  /// interruption at `now` would lose.
  double unsaved_progress_s(int job, double now) const;
  int leaves_spanned(int job) const { return attempts_[job].leaves_spanned; }
  /// The job's work (from its arrival to its end).
  const JobWork& work(int job) const { return work_.at(job); }
  /// The job's work left at the start of its current attempt (all of it before any restart).
  JobWork remaining_work(int job) const;

  /// A new attempt got `allocation`, under `leaves_spanned` leaf groups; its PPUs deliver
  /// `flops_per_s` while computing, `busy_share` of its training time.
  void started(int job, Allocation allocation, int leaves_spanned, double flops_per_s, double busy_share,
               double now);
  /// From `now`, the attempt trains (its setup is over).
  void steps_began(int job, double now);
  void checkpoint_write_began(int job, double now);
  /// The write that began earlier ended at `now`, saving `work_done` of the attempt's work;
  /// returns how long it took.
  double checkpoint_written(int job, double now, double work_done);
  /// Training progress of the current attempt at `now` (checkpoint writes excluded).
  double progress_s(int job, double now) const;

  /// Ends the running attempt at `now`: the job's next attempt resumes from its last
  /// checkpoint, and it keeps its nodes until released. Nothing if it was not running.
  std::optional<Interruption> interrupt(int job, double now);
  /// The interrupted job gives its nodes back: returns them, and how long it held them since
  /// the interruption. Nothing if it was not waiting for that.
  std::optional<std::pair<Allocation, double>> release_interrupted(int job, double now);
  /// The job ended: returns the nodes it held, and forgets its work.
  std::optional<Allocation> finish(int job);
  /// Jobs running at `end_s` (not interrupted), with their attempt's progress then.
  std::vector<std::pair<int, double>> running_progress(double end_s) const;

 private:
  /// What every job keeps, whatever its state: `number` grows at each interruption.
  struct Attempt {
    int number = 0;
    int leaves_spanned = 0;      // by the current (or last) attempt's placement
    double remaining = 1;        // fraction of the job's work left when this attempt started
    double saved_remaining = 1;  // ... after the last checkpoint
    bool saved_any = false;      // some checkpoint exists: a restart loads it
  };
  /// The attempt that holds nodes, while it holds them (running, or interrupted and waiting to
  /// give them back).
  struct Holding {
    Allocation allocation;
    double steps_since = -1;      // when this attempt's training steps began
    double paused_s = 0;          // checkpoint writes since then
    double write_since = -1;      // a checkpoint write in progress
    double saved_progress_s = 0;  // progress at the last checkpoint
    double busy_share = 1;        // of training progress, the part spent computing
    double flops_per_s = 0;       // while computing
    double interrupted_at = -1;   // holding its nodes until released for restart
    double started_at = -1;       // when this attempt got its nodes
    double progress_s(double now) const;
  };

  std::vector<Attempt> attempts_;
  std::unordered_map<int, JobWork> work_;     // jobs that arrived and have not ended
  std::unordered_map<int, Holding> holding_;  // jobs that hold nodes
};

}  // namespace ppusim
