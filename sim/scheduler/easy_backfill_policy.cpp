#include "sim/scheduler/easy_backfill_policy.hpp"

#include <algorithm>
#include <limits>

#include "sim/scheduler/fifo_policy.hpp"

namespace ppusim {

void ReservedNodes::reserve_released_by(const NodeReleaseOrder* order, const EndKey& last_end) {
  ++reservation_;
  order_ = order;
  last_end_ = last_end;
  single_node_ = -1;
}

void ReservedNodes::reserve_one(int node) {
  ++reservation_;
  order_ = nullptr;
  single_node_ = node;
}

void ReservedNodes::freeze(const std::vector<int>& nodes) {
  if (order_ == nullptr) return;
  for (int node : nodes) {
    if (node >= static_cast<int>(frozen_in_.size())) {
      frozen_in_.resize(node + 1, 0);
      frozen_key_.resize(node + 1);
    }
    if (frozen_in_[node] == reservation_) continue;
    frozen_in_[node] = reservation_;
    frozen_key_[node] = order_->release_of(node);
  }
}

bool ReservedNodes::contains(int node) const {
  if (order_ == nullptr) return node == single_node_;
  const bool frozen = node < static_cast<int>(frozen_in_.size()) && frozen_in_[node] == reservation_;
  const std::optional<EndKey> release = frozen ? frozen_key_[node] : order_->release_of(node);
  return release && *release <= last_end_;
}

std::optional<Reservation> EasyBackfillPolicy::reserve_for_head(double now, const PendingJob& head,
                                                                const ResourcePool& pool,
                                                                const RunningJobs& running,
                                                                ReservedNodes& reserved) {
  const int whole_needed = pool.whole_nodes_needed(head.ppus);
  if (whole_needed == 0) return reserve_one_node(now, head, pool, running, reserved);
  if (running.empty()) return std::nullopt;
  // The head starts once `missing` more nodes are wholly free: at the release of the
  // missing-th busy node. Every busy node released by then is counted on.
  const NodeReleaseOrder& order = running.node_release_order();
  const long long missing = static_cast<long long>(whole_needed) - pool.free_node_count();
  EndKey last_end = *running.by_expected_end().begin();
  if (missing > 0) {
    if (missing > order.busy_nodes()) return std::nullopt;
    last_end = order.kth_release(missing);
  }
  reserved.reserve_released_by(&order, last_end);
  const long long spare = pool.free_node_count() + order.released_by(last_end) - whole_needed;
  return Reservation{std::max(now, last_end.first), true, static_cast<int>(spare)};
}

std::optional<Reservation> EasyBackfillPolicy::reserve_one_node(double now, const PendingJob& head,
                                                                const ResourcePool& pool,
                                                                const RunningJobs& running,
                                                                ReservedNodes& reserved) {
  // Walks the running jobs by expected end until one node has the head's PPUs free: usually a
  // few jobs, since any whole-node job's end frees a whole node.
  if (static_cast<int>(freed_ppus_.size()) < pool.total_nodes()) freed_ppus_.assign(pool.total_nodes(), 0);
  std::optional<Reservation> reservation;
  for (const auto& [expected_end, id] : running.by_expected_end()) {
    const Allocation& allocation = running.at(id).allocation;
    for (int node : allocation.nodes) {
      touched_.push_back(node);
      if (pool.free_ppus_on(node) + (freed_ppus_[node] += allocation.ppus_per_node) >= head.ppus) {
        reservation = Reservation{std::max(now, expected_end), false, 0};
        reserved.reserve_one(node);
        break;
      }
    }
    if (reservation) break;
  }
  for (int node : touched_) freed_ppus_[node] = 0;
  touched_.clear();
  return reservation;
}

std::vector<StartDecision> EasyBackfillPolicy::schedule(double now, std::list<PendingJob>& queue,
                                                        ResourcePool& pool, RunningJobs& running) {
  std::vector<StartDecision> started;
  start_from_head(now, queue, pool, running, started);
  if (queue.size() < 2) return started;

  std::optional<Reservation> reservation = reserve_for_head(now, queue.front(), pool, running, reserved_);
  if (!reservation) return started;

  // Within one pass the pool only shrinks and the limits only tighten, so once a whole-PPU
  // job that shares a node does not fit, no job as large fits under the same or stricter
  // limits for the rest of the pass: those are passed over without asking the pool. One
  // exception: a job running past the shadow time may be kept off free nodes (no spare ones)
  // but not off partly used ones, so a free node that a later job starts to fill opens room
  // for it again: that resets its bound. Without limits, a job of one PPU not fitting means
  // no PPU is free at all.
  int unfit_anywhere = std::numeric_limits<int>::max();  // smallest such job, without limits
  int unfit_limited = std::numeric_limits<int>::max();   // smallest, running past the shadow time
  int examined = 0;
  for (auto it = std::next(queue.begin()); it != queue.end() && examined < backfill_depth_; ++examined) {
    const bool ends_before_shadow = now + it->estimated_runtime_s <= reservation->shadow_time_s;
    const bool shares_node = it->ppus <= pool.ppus_per_node() && it->ppu_milli >= FractionalPpus::kWhole;
    int& unfit = ends_before_shadow ? unfit_anywhere : unfit_limited;
    if (it->ppus >= std::min(unfit, unfit_anywhere) && shares_node) {
      ++it;
      continue;
    }
    AllocationLimits limits;
    if (!ends_before_shadow) {
      // Running past the shadow time: only on what the head job will not need then.
      limits.excluded_nodes = &reserved_;
      if (reservation->whole_nodes) limits.max_free_nodes_consumed = reservation->spare_free_nodes;
    }
    const int free_nodes_before = pool.free_node_count();
    std::optional<Allocation> allocation =
        pool.allocate(it->ppus, limits, it->ppu_milli, now + it->estimated_runtime_s);
    if (!allocation) {
      if (shares_node) unfit = std::min(unfit, it->ppus);
      if (unfit_anywhere == 1 && pool.fractional_ppus().open_count() == 0) break;  // nothing fits
      ++it;
      continue;
    }
    if (!ends_before_shadow && reservation->whole_nodes) {
      reservation->spare_free_nodes -= free_nodes_before - pool.free_node_count();
    }
    if (pool.free_node_count() != free_nodes_before) unfit_limited = std::numeric_limits<int>::max();
    reserved_.freeze(allocation->nodes);
    record_start(now, *it, std::move(*allocation), running, started);
    it = queue.erase(it);
  }
  return started;
}

}  // namespace ppusim
