// The inference services seen from the cluster manager (docs/inference.md): a narrow interface
// through which the manager learns which replica jobs to queue or release, and tells the
// services when a replica got its PPUs. Replica jobs go through the same scheduler and
// resource pool as training jobs, so the two compete for PPUs.
//
// The manager calls, each time it wakes: advance_to(now), then control(now), then schedules,
// calling replica_started for each replica the scheduler starts. It also wakes at
// next_control_s() (autoscaling evaluations). Between those calls the services run in plain
// C++ (service_simulator.hpp).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "sim/config/scenario.hpp"
#include "sim/core/random.hpp"
#include "sim/engine/engine_observer.hpp"
#include "sim/engine/service_simulator.hpp"
#include "sim/inference/request_source.hpp"
#include "sim/inference/service_outcome.hpp"

namespace ppusim {

/// A replica to queue as a job: `id` numbers replicas across all services.
struct ReplicaJob {
  int id = 0;
  int ppus = 0;
  int pool = 0;  // its service's node pool
};

struct FleetActions {
  std::vector<ReplicaJob> start;  // queue these replica jobs
  std::vector<int> release;       // give these replicas' PPUs back now
};

/// Every service's requests, in scenario order (loaded before the engine starts, so that a
/// bad trace fails before any simulation).
std::vector<std::vector<InferenceRequest>> load_service_requests(const Scenario& scenario);

class InferenceFleet {
 public:
  /// `observer` (may be null) is told the PPU-time the replicas hold and compute.
  InferenceFleet(const Scenario& scenario, std::vector<std::vector<InferenceRequest>> requests,
                 EngineObserver* observer);

  bool empty() const { return services_.empty(); }
  /// The next time control() has something to decide (initial replicas, autoscaling).
  double next_control_s() const;
  void advance_to(double now);
  FleetActions control(double now);
  /// The scheduler gave replica `id` `held_ppus` PPUs on one node at `now`; returns when it
  /// serves: after provisioning, image pull, loading the weights and framework start-up.
  double replica_started(int id, double now, int held_ppus);
  void replica_released(int id, double now);
  /// Replica `id`'s node failed at `now`: it stops serving and its requests are routed again.
  /// Returns whether its service wants a replacement (not for a replica being drained).
  bool replica_failed(int id, double now);
  /// A new replica of the same service as `id`, to queue in place of the failed one.
  ReplicaJob replacement_for(int id);
  /// Advances to `end` and closes every service there.
  std::vector<ServiceOutcome> finish(double end);

 private:
  struct ReplicaRef {
    int service;
    int replica;
  };
  int new_replica(int service);
  double setup_s(const ServiceSpec& service);

  const Scenario& scenario_;
  std::vector<std::unique_ptr<ServiceSimulator>> services_;
  std::vector<ReplicaRef> replicas_;         // by fleet-wide replica id
  std::vector<std::vector<int>> fleet_ids_;  // per service, by its replica index
  std::vector<double> next_evaluation_s_;    // per service; infinity without autoscaling
  bool initial_requested_ = false;
  Rng setup_rng_;  // provisioning draws for replicas, a stream of their own
};

}  // namespace ppusim
