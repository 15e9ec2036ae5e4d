#include <bit>

#include "sim/scheduler/scheduling_policy.hpp"

namespace ppusim {

template <typename Visit>
void RunningJobs::for_each_part(const Allocation& allocation, Visit visit) {
  if (cluster_ == nullptr || std::popcount(allocation.spanned_pools) < 2) {
    visit(allocation.pool, allocation.nodes);
    return;
  }
  for (PoolMask mask = allocation.spanned_pools; mask != 0; mask &= mask - 1) {
    const int k = std::countr_zero(mask);
    visit(k, cluster_->nodes_in(allocation, k));
  }
}

void RunningJobs::add(int id, double expected_end_s, Allocation allocation) {
  for_each_part(allocation, [&](int k, const std::vector<int>& nodes) {
    if (k >= static_cast<int>(pools_.size())) pools_.resize(k + 1);
    InPool& pool = pools_[k];
    pool.by_end.emplace(expected_end_s, id);
    pool.release_order.add({expected_end_s, id}, nodes);
  });
  by_id_.emplace(id, Entry{expected_end_s, std::move(allocation)});
}

void RunningJobs::remove(int id) {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return;
  const double expected_end_s = it->second.expected_end_s;
  for_each_part(it->second.allocation, [&](int k, const std::vector<int>& nodes) {
    InPool& pool = pools_[k];
    pool.by_end.erase({expected_end_s, id});
    pool.release_order.remove({expected_end_s, id}, nodes);
  });
  by_id_.erase(it);
}

}  // namespace ppusim
