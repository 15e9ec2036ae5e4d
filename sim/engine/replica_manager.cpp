#include "sim/engine/replica_manager.hpp"

#include <utility>

namespace ppusim {

FleetActions ReplicaManager::control(double now) {
  fleet_->advance_to(now);
  return fleet_->control(now);
}

void ReplicaManager::started(int replica, Allocation allocation, double now) {
  fleet_->replica_started(replica, now, allocation.held_ppus());
  allocations_.emplace(replica, std::move(allocation));
}

Allocation ReplicaManager::released(int replica, double now) {
  const auto held = allocations_.find(replica);
  Allocation allocation = std::move(held->second);
  allocations_.erase(held);
  fleet_->replica_released(replica, now);
  return allocation;
}

bool ReplicaManager::failed(int replica, double now) {
  if (!allocations_.contains(replica) || failed_.contains(replica)) return false;
  failed_.emplace(replica, fleet_->replica_failed(replica, now));
  return true;
}

std::optional<bool> ReplicaManager::recovery_over(int replica) {
  const auto failed = failed_.find(replica);
  if (failed == failed_.end()) return std::nullopt;
  const bool replace = failed->second;
  failed_.erase(failed);
  return replace;
}

}  // namespace ppusim
