// The engine's one long-lived actor, as a loop over explicit events (docs/engine.md): it sleeps
// until the next event is due (engine_event.hpp), hands each due event to its one handler, then,
// once per instant, lets the inference services decide and runs the scheduling pass. Jobs that
// use nothing shared have an end time known at start: a LocalJobEnd event. Jobs that cross
// shared uplinks or read from storage get an actor of their own (network_job.hpp), which
// reports its progress through a narrow interface (job_progress_sink.hpp) and queues a
// NetworkJobDone event at its end. Keeping one actor per *network* job, and none per PPU or per
// local job, keeps a month of a 100,000-PPU cluster within SimGrid's comfortable range.
//
// The state lives in parts with one responsibility each: JobAttempts (each training job's
// attempts and checkpoints), NodeState (what each node holds, outages, spares), ReplicaManager
// (inference replicas) and SchedulingPass (queue, running work, policy). The handlers
// (this file's private on_* methods; failures in cluster_manager_failures.cpp) read and change
// those parts and report what happened to an EngineObserver; nothing is read back from it.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <simgrid/s4u/ConditionVariable.hpp>
#include <simgrid/s4u/Mutex.hpp>
#include <vector>

#include "sim/config/scenario.hpp"
#include "sim/engine/engine_counters.hpp"
#include "sim/engine/engine_event.hpp"
#include "sim/engine/engine_observer.hpp"
#include "sim/engine/image_cache.hpp"
#include "sim/engine/inference_fleet.hpp"
#include "sim/engine/job_attempts.hpp"
#include "sim/engine/job_progress_sink.hpp"
#include "sim/engine/node_state.hpp"
#include "sim/engine/replica_manager.hpp"
#include "sim/engine/scheduling_pass.hpp"
#include "sim/engine/storage_tiers.hpp"
#include "sim/engine/uncontended_fabric.hpp"
#include "sim/failures/failure_process.hpp"
#include "sim/scheduler/resource_pool.hpp"
#include "topologies/link_failures.hpp"
#include "topologies/simgrid_platform.hpp"
#include "topologies/topology_layout.hpp"
#include "workloads/job_spec.hpp"

namespace ppusim {

class ClusterManager final : public JobProgressSink {
 public:
  ClusterManager(const Scenario& scenario, const JobTrace& trace, const TopologyLayout& layout,
                 const SimgridPlatform& platform, EngineObserver& observer);

  /// The manager actor's body: returns when every job is done or the horizon is reached.
  void run();
  /// Wakes the manager so that it looks at the stop request.
  void wake() { wake_->notify_one(); }
  /// The simulated time at which a stop request ended the run, if one did.
  std::optional<double> interrupted_at() const { return interrupted_at_; }
  /// When the last job to finish finished (0 while none has): where the window ends without a
  /// horizon or an interruption.
  double last_job_end_s() const { return last_job_end_s_; }

  EngineCounters counters() const;
  /// What each storage tier served to streaming inputs (storage_tiers.hpp).
  const StorageReads& storage_reads() const { return tiers_.reads(); }
  /// Inference services whose replicas run as work of this manager (null: none).
  void attach_services(InferenceFleet* fleet) { replicas_ = ReplicaManager(fleet); }
  /// Called with the clock at each wake-up, for progress and partial outputs (simulation.hpp).
  void set_wake_callback(std::function<void(double)> callback) { on_wake_ = std::move(callback); }
  /// Counts the training progress of attempts still open at the window's end as productive.
  void close_attempts(double end_s);
  /// Nodes that topology failures cut off from the fabric (topologies/link_failures.hpp): at
  /// each one's start its nodes fail like a failed node's, until its repair. Call before run().
  void schedule_disconnections(std::vector<NodeDisconnection> disconnections);

  // What network jobs' actors report (job_progress_sink.hpp).
  bool attempt_is_current(int job, int attempt) const override { return attempts_.is_current(job, attempt); }
  void setup_done(int job, const SetupTimes& times) override { observer_.on_setup_done(job, times); }
  void steps_began(int job, double now) override { attempts_.steps_began(job, now); }
  void compute_began(int job, double now, double flops_per_s) override {
    observer_.on_compute_began(job, now, 1.0, flops_per_s);
  }
  void compute_ended(int job, double now) override { observer_.on_compute_ended(job, now); }
  void checkpoint_write_began(int job, double now) override { attempts_.checkpoint_write_began(job, now); }
  void checkpoint_written(int job, double now, double work_done) override;
  void input_waited(int job, double seconds) override { observer_.on_input_wait(job, seconds); }
  void input_read(int job, double t0, double t1, double bytes) override {
    observer_.on_input_read(job, t0, t1, bytes);
  }
  void job_done(int job, int attempt, double now) override;
  void actor_stopped() override { wake(); }

 private:
  // The loop.
  void dispatch(const EngineEvent& event, double now);
  /// The instant's decisions, after its events: the services', then the scheduler's.
  void decide(double now);
  void start_all(std::vector<SchedulingPass::Start> starts, double now);
  void push(double time_s, EventType type, int target, ComponentKind cause = ComponentKind::Node);
  bool arrivals_left() const { return next_arrival_ < trace_.jobs.size(); }

  // Job lifecycle (cluster_manager.cpp).
  void on_arrival(int job, double now);
  void on_job_end(int job, int attempt, double now);
  void start(int job, Allocation allocation, double now);
  void enqueue(int job, bool at_head);
  /// Whether the job can run somewhere; if not, rejects it. Sets the pools it may use.
  bool admit(int job);
  /// The job's work as pool `pool`'s chip does it, when it was derived for another pool.
  void use_pool_work(int job, int pool);
  /// The job's work on the weakest server of the pools it spans (cluster_resources.hpp).
  void use_weakest_server_work(int job, const Scenario& weakest);
  /// The weakest server view of the pools of `pools`, made once per set of pools.
  const Scenario& weakest_server_of(PoolMask pools);
  /// work_pool_ of a job whose work is that of a span's weakest server.
  static constexpr int kWeakestServerWork = -1;
  /// The pool a job tries first (where it goes when all fit).
  int preferred_pool(int job) const;
  /// The scenario as a job on pool `pool` sees it: that pool's chip and server.
  const Scenario& seen_from_pool(int pool) const {
    return pool_views_.empty() ? scenario_ : pool_views_[pool];
  }

  // Tenants' quotas and preemption (cluster_manager_preemption.cpp).
  /// Queues the preemptions that let the job waiting within its guarantee start; whether any.
  bool preempt_for_waiting_job(double now);
  void on_preemption(int job, int attempt, double now);
  /// Tells the observer what `tenant` holds now (nothing for -1, no tenant).
  void report_tenant_use(int tenant, double now);

  // Inference replicas (cluster_manager.cpp).
  void serve_inference(double now);
  void queue_replica(const ReplicaJob& replica, double now, bool at_head);
  void release_replica(int replica, double now);

  // Failures and their consequences (cluster_manager_failures.cpp).
  void on_component_failure();
  void on_release_for_restart(int job, double now);
  void on_replica_restart(int replica, double now);
  void on_interrupt_node(int node, double now, ComponentKind cause);
  void on_disconnect(int cut, double now);
  void on_reconnect(int cut);
  void interrupt_job(int job, double now, ComponentKind cause);
  void interrupt_replica(int replica, double now);
  /// Queues `release` for `target` once detection and recovery are over (at once: now).
  void after_recovery_delay(EventType release, int target, double now);
  double draw_recovery_delay_s();

  const Scenario& scenario_;
  const JobTrace& trace_;
  const TopologyLayout& layout_;
  const SimgridPlatform& platform_;
  EngineObserver& observer_;
  double horizon_s_;

  /// Several pools: the scenario as each pool's jobs see it, and for each job the pool its
  /// work was derived for and the pools it may use. Empty with one pool.
  std::vector<Scenario> pool_views_;
  std::map<PoolMask, Scenario> weakest_views_;  // spans of servers of different shapes
  std::vector<int> work_pool_;
  std::vector<PlacementRequest> requests_;
  /// With scheduler.pool_choice "fastest": per job, the pools it may use in the order it tries
  /// them (pool_preference.hpp; empty: the listed order). requests_[job].order points here.
  std::vector<std::vector<std::uint8_t>> pool_orders_;
  ResourcePool pool_;
  NodeState nodes_;
  JobAttempts attempts_;
  ReplicaManager replicas_{nullptr};
  SchedulingPass pass_;
  EventQueue events_;
  std::size_t next_arrival_ = 0;

  ImageCache image_cache_;
  StorageTiers tiers_;
  UncontendedFabric fabric_;  // when ring flows can be timed without SimGrid
  Rng setup_rng_;             // provisioning times, drawn in job start order
  Rng recovery_rng_;          // repair times and manual-or-automatic draws, a stream of their own
  FailureProcess failure_process_;

  simgrid::s4u::MutexPtr mutex_;
  simgrid::s4u::ConditionVariablePtr wake_;
  std::optional<double> interrupted_at_;
  double last_job_end_s_ = 0;
  EngineCounters counters_;
  std::function<void(double)> on_wake_;
};

}  // namespace ppusim
