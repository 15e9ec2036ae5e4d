// The engine's one long-lived actor: it admits jobs as they arrive, asks the scheduler what
// to start, and finishes jobs. Jobs that use nothing shared have an end time known at start
// and sit in a calendar the manager sleeps on; jobs that cross shared uplinks or read from
// storage get an actor of their own (network_job.hpp) that tells the manager when it is done.
// Keeping one actor per *network* job, and none per PPU or per local job, keeps a month of
// a 100,000-PPU cluster within SimGrid's comfortable range (docs/engine.md).
//
// Failures and spot preemptions (docs/failures.md; cluster_manager_failures.cpp) are events of
// the manager too: a failure takes nodes out of service and interrupts the jobs on them; each
// job carries an attempt number, and calendar entries and actors of an older attempt are
// ignored (lazy deletion) rather than removed.
#pragma once

#include <functional>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <queue>
#include <simgrid/s4u/ConditionVariable.hpp>
#include <simgrid/s4u/Mutex.hpp>
#include <vector>

#include "sim/config/scenario.hpp"
#include "sim/core/random.hpp"
#include "sim/engine/image_cache.hpp"
#include "sim/engine/inference_fleet.hpp"
#include "sim/engine/job_plan.hpp"
#include "sim/failures/failure_process.hpp"
#include "sim/metrics/run_metrics.hpp"
#include "sim/scheduler/resource_pool.hpp"
#include "sim/scheduler/scheduling_policy.hpp"
#include "topologies/fat_tree_layout.hpp"
#include "topologies/link_failures.hpp"
#include "topologies/simgrid_platform.hpp"
#include "workloads/job_performance.hpp"
#include "workloads/job_spec.hpp"

namespace ppusim {

/// Counters about the simulation itself (not results): how much SimGrid work it took.
struct EngineCounters {
  long long network_jobs = 0;
  long long local_jobs = 0;
  long long segments = 0;
  long long flows = 0;
  long long scheduling_passes = 0;
};

class ClusterManager {
 public:
  ClusterManager(const Scenario& scenario, const JobTrace& trace, const FatTreeLayout& layout,
                 const SimgridPlatform& platform, RunMetrics& metrics);

  /// The manager actor's body: returns when every job is done or the horizon is reached.
  void run();
  /// Called by a network job's actor when its last segment ends.
  void network_job_finished(int job);
  /// Wakes the manager so that it looks at the stop request.
  void wake() { wake_->notify_one(); }
  /// The simulated time at which a stop request ended the run, if one did.
  std::optional<double> interrupted_at() const { return interrupted_at_; }

  const EngineCounters& counters() const { return counters_; }
  /// Inference services whose replicas run as jobs of this manager (null: none).
  void attach_services(InferenceFleet* fleet) { fleet_ = fleet; }
  /// Called with the clock at each wake-up, for progress and partial outputs (run_observer.hpp).
  void set_wake_callback(std::function<void(double)> callback) { on_wake_ = std::move(callback); }

  // Called by network jobs' actors (docs/failures.md).
  bool attempt_is_current(int job, int attempt) const { return attempts_[job].number == attempt; }
  void steps_began(int job, double now);
  void checkpoint_write_began(int job, double now);
  void checkpoint_written(int job, double now, double work_done);
  /// Counts the training progress of attempts still open at the window's end as productive.
  void close_attempts(double end_s);
  /// Nodes that topology failures cut off from the fabric (topologies/link_failures.hpp): at
  /// each one's start its nodes fail like a failed node's, until its repair. Call before run().
  void schedule_disconnections(std::vector<NodeDisconnection> disconnections);

 private:
  struct CalendarEntry {
    double end_s;
    int job;
    int attempt;
    bool operator>(const CalendarEntry& other) const {
      return end_s != other.end_s ? end_s > other.end_s : job > other.job;
    }
  };

  /// Where one attempt of a job stands; `number` grows at each interruption.
  struct Attempt {
    int number = 0;
    double remaining = 1;         // fraction of the job's work left when this attempt started
    double saved_remaining = 1;   // ... after the last checkpoint
    bool saved_any = false;       // some checkpoint exists: a restart loads it
    double steps_since = -1;      // when this attempt's training steps began
    double paused_s = 0;          // checkpoint writes since then
    double write_since = -1;      // a checkpoint write in progress
    double saved_progress_s = 0;  // progress at the last checkpoint
    double busy_share = 1;        // of training progress, the part spent computing
    double flops_per_s = 0;       // while computing
    double interrupted_at = -1;   // holding its nodes until released for restart
    double progress_s(double now) const;
  };

  /// Manager events other than job ends and arrivals, in time order (ties by insertion).
  struct TimedEvent {
    enum class Kind { ReleaseForRestart, InterruptNode, NodeBack, SpareBack, Disconnect, Reconnect };
    double time_s;
    long long sequence;
    Kind kind;
    int target;  // a job, a node, or a disconnection
    ComponentKind cause;
    bool operator>(const TimedEvent& other) const {
      return time_s != other.time_s ? time_s > other.time_s : sequence > other.sequence;
    }
  };

  void admit_arrivals(double now);
  void finish(int job, double now);
  void schedule(double now);
  void start(int job, Allocation allocation, double now);
  double draw_duration(const DurationDistribution& distribution);
  static double draw_duration(const DurationDistribution& distribution, Rng& rng) {
    return ppusim::draw_duration(distribution, rng);
  }
  double next_wake_time() const;
  void stop_everything(double now);
  int replica_job_base() const { return static_cast<int>(trace_.jobs.size()); }
  bool is_replica(int job) const { return job >= replica_job_base(); }
  void serve_inference(double now);
  void start_replica(int job, Allocation allocation, double now);
  void queue_replica(const ReplicaJob& replica, double now, bool at_head);
  void release_replica(int job, double now);
  void interrupt_replica(int job, double now);
  void release_replica_for_restart(int job, double now);
  double draw_recovery_delay_s();
  void schedule_release_for_restart(int job, double now);

  // Failures (cluster_manager_failures.cpp).
  void handle_failures_until(double now);
  void handle_timed_events_until(double now);
  void on_failure(const ComponentFailure& failure);
  void disconnect(const NodeDisconnection& cut, double now);
  void reconnect(const NodeDisconnection& cut);
  void take_out_of_service(int node, double now);
  void back_in_service(int node);
  void interrupt_jobs_on(int node, double now, ComponentKind cause);
  void interrupt(int job, double now, ComponentKind cause);
  void release_for_restart(int job, double now);
  void push_event(double time_s, TimedEvent::Kind kind, int target,
                  ComponentKind cause = ComponentKind::Node);
  void occupy(int job, const Allocation& allocation);
  void vacate(int job, const Allocation& allocation);
  JobWork remaining_work(int job) const;

  const Scenario& scenario_;
  const JobTrace& trace_;
  const FatTreeLayout& layout_;
  const SimgridPlatform& platform_;
  RunMetrics& metrics_;

  std::vector<JobWork> work_;
  std::vector<std::optional<Allocation>> allocations_;
  ResourcePool pool_;
  std::unique_ptr<Scheduler> scheduler_;
  ImageCache image_cache_;
  Rng setup_rng_;  // provisioning times, drawn in job start order
  std::list<PendingJob> queue_;
  RunningJobs running_;
  std::priority_queue<CalendarEntry, std::vector<CalendarEntry>, std::greater<>> calendar_;
  std::size_t next_arrival_ = 0;
  std::vector<int> finished_network_jobs_;
  simgrid::s4u::MutexPtr mutex_;
  simgrid::s4u::ConditionVariablePtr wake_;
  double horizon_s_;
  std::optional<double> interrupted_at_;
  EngineCounters counters_;
  InferenceFleet* fleet_ = nullptr;
  std::map<int, Allocation> replica_allocations_;  // by job id
  std::map<int, bool> failed_replicas_;            // job id → replace it, until released
  std::function<void(double)> on_wake_;

  std::vector<Attempt> attempts_;
  FailureProcess failure_process_;
  Rng recovery_rng_;  // repair times and manual-or-automatic draws, a stream of their own
  std::priority_queue<TimedEvent, std::vector<TimedEvent>, std::greater<>> timed_events_;
  long long event_sequence_ = 0;
  std::vector<std::vector<int>> jobs_on_node_;  // running (or held) jobs, per node
  std::vector<int> outages_;                    // reasons a node is out of service
  std::vector<int> withdrawn_ppus_;             // its PPUs taken from the pool meanwhile
  int spares_available_ = 0;
  std::vector<NodeDisconnection> disconnections_;
};

}  // namespace ppusim
