#include "sim/scheduler/scheduling_policy.hpp"

namespace ppusim {

void RunningJobs::add(int id, double expected_end_s, Allocation allocation) {
  by_end_.emplace(expected_end_s, id);
  release_order_.add({expected_end_s, id}, allocation.nodes);
  by_id_.emplace(id, Entry{expected_end_s, std::move(allocation)});
}

void RunningJobs::remove(int id) {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return;
  by_end_.erase({it->second.expected_end_s, id});
  release_order_.remove({it->second.expected_end_s, id}, it->second.allocation.nodes);
  by_id_.erase(it);
}

}  // namespace ppusim
