#include "sim/scheduler/scheduling_policy.hpp"

namespace ppusim {

void RunningJobs::add(int id, double expected_end_s, Allocation allocation) {
  if (allocation.pool >= static_cast<int>(pools_.size())) pools_.resize(allocation.pool + 1);
  InPool& pool = pools_[allocation.pool];
  pool.by_end.emplace(expected_end_s, id);
  pool.release_order.add({expected_end_s, id}, allocation.nodes);
  by_id_.emplace(id, Entry{expected_end_s, std::move(allocation)});
}

void RunningJobs::remove(int id) {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return;
  InPool& pool = pools_[it->second.allocation.pool];
  pool.by_end.erase({it->second.expected_end_s, id});
  pool.release_order.remove({it->second.expected_end_s, id}, it->second.allocation.nodes);
  by_id_.erase(it);
}

}  // namespace ppusim
