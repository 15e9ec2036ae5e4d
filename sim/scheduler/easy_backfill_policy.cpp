#include "sim/scheduler/easy_backfill_policy.hpp"

#include <algorithm>

#include "sim/scheduler/fifo_policy.hpp"

namespace ppusim {

std::optional<Reservation> EasyBackfillPolicy::reserve_for_head(double now, const PendingJob& head,
                                                                const ResourcePool& pool,
                                                                const RunningJobs& running) {
  if (freed_ppus_.empty()) {
    freed_ppus_.assign(pool.total_nodes(), 0);
    ended_jobs_.assign(pool.total_nodes(), 0);
  }
  const int whole_needed = pool.whole_nodes_needed(head.ppus);
  int free_nodes = pool.free_node_count();
  std::optional<Reservation> reservation;
  for (const auto& [expected_end, id] : running.by_expected_end()) {
    const Allocation& allocation = running.at(id).allocation;
    for (int node : allocation.nodes) {
      if (ended_jobs_[node] == 0) touched_.push_back(node);
      const int freed = (freed_ppus_[node] += allocation.ppus_per_node);
      const int ended = ++ended_jobs_[node];
      if (whole_needed > 0) {
        if (ended == pool.jobs_on(node)) {
          ++free_nodes;
          counted_.push_back(node);
        }
      } else if (!reservation && pool.free_ppus_on(node) + freed >= head.ppus) {
        reservation = Reservation{std::max(now, expected_end), false, 0, {node}};
      }
    }
    if (whole_needed > 0 && free_nodes >= whole_needed) {
      std::sort(counted_.begin(), counted_.end());
      reservation = Reservation{std::max(now, expected_end), true, free_nodes - whole_needed, counted_};
    }
    if (reservation) break;
  }
  counted_.clear();
  for (int node : touched_) freed_ppus_[node] = ended_jobs_[node] = 0;
  touched_.clear();
  return reservation;
}

std::vector<StartDecision> EasyBackfillPolicy::schedule(double now, std::list<PendingJob>& queue,
                                                        ResourcePool& pool, RunningJobs& running) {
  std::vector<StartDecision> started;
  start_from_head(now, queue, pool, running, started);
  if (queue.size() < 2) return started;

  std::optional<Reservation> reservation = reserve_for_head(now, queue.front(), pool, running);
  if (!reservation) return started;

  int examined = 0;
  for (auto it = std::next(queue.begin()); it != queue.end() && examined < backfill_depth_; ++examined) {
    const bool ends_before_shadow = now + it->estimated_runtime_s <= reservation->shadow_time_s;
    AllocationLimits limits;
    if (!ends_before_shadow) {
      // Running past the shadow time: only on what the head job will not need then.
      limits.excluded_nodes = &reservation->counted_nodes;
      if (reservation->whole_nodes) limits.max_free_nodes_consumed = reservation->spare_free_nodes;
    }
    const int free_nodes_before = pool.free_node_count();
    std::optional<Allocation> allocation =
        pool.allocate(it->ppus, limits, it->ppu_milli, now + it->estimated_runtime_s);
    if (!allocation) {
      ++it;
      continue;
    }
    if (!ends_before_shadow && reservation->whole_nodes) {
      reservation->spare_free_nodes -= free_nodes_before - pool.free_node_count();
    }
    record_start(now, *it, std::move(*allocation), running, started);
    it = queue.erase(it);
  }
  return started;
}

std::unique_ptr<Scheduler> make_scheduler(const SchedulerSpec& spec) {
  switch (spec.policy) {
    case SchedulingPolicy::Fifo:
      return std::make_unique<FifoPolicy>();
    case SchedulingPolicy::EasyBackfill:
      return std::make_unique<EasyBackfillPolicy>(spec.backfill_depth);
  }
  return nullptr;
}

}  // namespace ppusim
