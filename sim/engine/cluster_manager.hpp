// The engine's one long-lived actor: it admits jobs as they arrive, asks the scheduler what
// to start, and finishes jobs. Jobs that use nothing shared have an end time known at start
// and sit in a calendar the manager sleeps on; jobs that cross shared uplinks or read from
// storage get an actor of their own (network_job.hpp) that tells the manager when it is done.
// Keeping one actor per *network* job, and none per PPU or per local job, keeps a month of
// a 100,000-PPU cluster within SimGrid's comfortable range (docs/engine.md).
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
#include "sim/engine/image_cache.hpp"
#include "sim/engine/job_plan.hpp"
#include "sim/inference/inference_fleet.hpp"
#include "sim/metrics/run_metrics.hpp"
#include "sim/scheduler/resource_pool.hpp"
#include "sim/scheduler/scheduling_policy.hpp"
#include "topologies/fat_tree_layout.hpp"
#include "topologies/simgrid_platform.hpp"
#include "workloads/job_performance.hpp"
#include "workloads/job_spec.hpp"
#include "workloads/random.hpp"

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

 private:
  struct CalendarEntry {
    double end_s;
    int job;
    bool operator>(const CalendarEntry& other) const {
      return end_s != other.end_s ? end_s > other.end_s : job > other.job;
    }
  };

  void admit_arrivals(double now);
  void finish(int job, double now);
  void schedule(double now);
  void start(int job, Allocation allocation, double now);
  double draw_duration(const DurationDistribution& distribution);
  double next_wake_time() const;
  void stop_everything(double now);
  int replica_job_base() const { return static_cast<int>(trace_.jobs.size()); }
  bool is_replica(int job) const { return job >= replica_job_base(); }
  void serve_inference(double now);
  void start_replica(int job, Allocation allocation, double now);

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
  std::function<void(double)> on_wake_;
};

}  // namespace ppusim
