// The nodes seen by the engine: what each one holds (training jobs and replicas), whether it is
// in service, and the spare nodes (docs/failures.md). A node out of service (failed, reclaimed,
// cut off from the fabric) keeps what runs on it until that is released; from the moment it is
// free its PPUs are withdrawn from the pool, and they come back when every outage on it has
// ended. Outages can overlap (a node failure during a switch's repair), so each node counts them.
#pragma once

#include <utility>
#include <vector>

#include "sim/engine/work_id.hpp"
#include "sim/scheduler/resource_pool.hpp"
#include "topologies/link_failures.hpp"

namespace ppusim {

class NodeState {
 public:
  NodeState(int nodes, ResourcePool& pool, int spare_nodes);

  /// `work` now runs on the allocation's nodes (its PPUs are already taken from the pool).
  void occupy(WorkId work, const Allocation& allocation);
  /// `work` gives its allocation back to the pool; nodes out of service are withdrawn at once.
  void vacate(WorkId work, const Allocation& allocation);
  /// What runs (or is held by an interrupted job) on `node`, in the order it started there.
  const std::vector<WorkId>& holders(int node) const { return holders_[node]; }

  void take_out_of_service(int node);
  void back_in_service(int node);

  /// Takes a spare node if one is left.
  bool take_spare();
  void spare_back() { ++spares_available_; }

  /// The topology's planned disconnections (link_failures.hpp), by index.
  void set_disconnections(std::vector<NodeDisconnection> disconnections) {
    disconnections_ = std::move(disconnections);
  }
  const std::vector<NodeDisconnection>& disconnections() const { return disconnections_; }

 private:
  ResourcePool& pool_;
  std::vector<std::vector<WorkId>> holders_;
  std::vector<int> outages_;         // reasons a node is out of service
  std::vector<int> withdrawn_ppus_;  // its PPUs taken from the pool meanwhile
  int spares_available_ = 0;
  std::vector<NodeDisconnection> disconnections_;
};

}  // namespace ppusim
