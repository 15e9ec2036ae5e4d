#include "sim/engine/node_state.hpp"

#include <algorithm>

namespace ppusim {

NodeState::NodeState(int nodes, ResourcePool& pool, int spare_nodes)
    : pool_(pool), holders_(nodes), outages_(nodes), withdrawn_ppus_(nodes), spares_available_(spare_nodes) {}

void NodeState::occupy(WorkId work, const Allocation& allocation) {
  for (int node : allocation.nodes) holders_[node].push_back(work);
}

void NodeState::vacate(WorkId work, const Allocation& allocation) {
  pool_.release(allocation);
  for (int node : allocation.nodes) {
    std::vector<WorkId>& holders = holders_[node];
    holders.erase(std::find(holders.begin(), holders.end(), work));
    // A node that failed while this work held it leaves service now that it is free.
    if (outages_[node] > 0) withdrawn_ppus_[node] += pool_.withdraw_free(node);
  }
}

void NodeState::take_out_of_service(int node) {
  if (outages_[node]++ == 0) withdrawn_ppus_[node] += pool_.withdraw_free(node);
}

void NodeState::back_in_service(int node) {
  if (--outages_[node] > 0) return;
  pool_.restore(node, withdrawn_ppus_[node]);
  withdrawn_ppus_[node] = 0;
}

bool NodeState::take_spare() {
  if (spares_available_ == 0) return false;
  --spares_available_;
  return true;
}

}  // namespace ppusim
