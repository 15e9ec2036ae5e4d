// The inference replicas the engine runs for the services (sim/engine/inference_fleet.hpp):
// which PPUs each one holds, and which failed replicas wait for their recovery to end. A
// replica is queued and placed like a training job, holds its PPUs until its service releases
// it, its node fails or the horizon, and a failed one is replaced by a new replica after the
// same detection and recovery delay as a job (docs/failures.md).
#pragma once

#include <map>
#include <optional>

#include "sim/engine/inference_fleet.hpp"
#include "sim/scheduler/resource_pool.hpp"

namespace ppusim {

class ReplicaManager {
 public:
  /// `fleet` null: the scenario has no services.
  explicit ReplicaManager(InferenceFleet* fleet) : fleet_(fleet) {}

  bool has_services() const { return fleet_ != nullptr; }
  /// The next time the services have something to decide (initial replicas, autoscaling).
  double next_control_s() const { return fleet_->next_control_s(); }
  /// Serves the requests up to `now` and returns what the services want done now.
  FleetActions control(double now);

  /// The scheduler placed `replica` on `allocation` at `now`.
  void started(int replica, Allocation allocation, double now);
  /// The replica gives its PPUs back at `now`: returns them.
  Allocation released(int replica, double now);
  /// The replica's node failed at `now`: it stops serving. False if it holds nothing or had
  /// already failed (nothing more to do).
  bool failed(int replica, double now);
  /// The failed replica's recovery is over: whether its service wants a replacement, or nothing
  /// if it was not waiting for that.
  std::optional<bool> recovery_over(int replica);
  ReplicaJob replacement_for(int replica) { return fleet_->replacement_for(replica); }

 private:
  InferenceFleet* fleet_;
  std::map<int, Allocation> allocations_;  // by replica id
  std::map<int, bool> failed_;             // replica id → replace it, until released
};

}  // namespace ppusim
