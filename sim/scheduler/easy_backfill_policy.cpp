#include "sim/scheduler/easy_backfill_policy.hpp"

#include <algorithm>
#include <bit>
#include <limits>

#include "sim/scheduler/fifo_policy.hpp"

namespace ppusim {

namespace {

/// A whole-node head's reservation in `pools` (first `pool`), complete at `last_end`.
Reservation whole_node_reservation(double now, const EndKey& last_end, long long spare, int pool,
                                   PoolMask pools) {
  return Reservation{.shadow_time_s = std::max(now, last_end.first),
                     .pool = pool,
                     .pools = pools,
                     .whole_nodes = true,
                     .spare_free_nodes = static_cast<int>(spare),
                     .last_end = last_end};
}

/// The release orders of the pools of `group`, lowest pool first.
std::vector<const NodeReleaseOrder*> release_orders_of(PoolMask group, const RunningJobs& running) {
  std::vector<const NodeReleaseOrder*> orders;
  for (PoolMask mask = group; mask != 0; mask &= mask - 1)
    orders.push_back(&running.node_release_order(std::countr_zero(mask)));
  return orders;
}

/// Whether no job in `queue` could start in the rest of a backfill pass, so that the pass can
/// stop instead of walking the rest of the window. Asked of the whole queue (a lower bound on
/// the part not yet examined), from its index by size: O(1). Within a pass the pool only
/// shrinks, so what cannot fit now cannot fit later in the pass.
///   - A job that shares a node needs its PPUs free on one node, and is passed over anyway at
///     `unfit_anywhere` PPUs or more (see schedule()).
///   - A whole-node job needs its nodes free. Once a node-sharing job did not fit without limits
///     (`unfit_anywhere` set), no node is free: it would have taken one.
///   - Fractional jobs are not indexed by size: while one waits, the pass goes on.
bool nothing_left_fits(const JobQueue& queue, const ResourcePool& pool, int unfit_anywhere) {
  if (queue.fractional_jobs() > 0) return false;
  const int smallest = queue.smallest_whole_ppus();
  if (smallest > pool.ppus_per_node()) return pool.free_node_count() < pool.whole_nodes_needed(smallest);
  return smallest >= unfit_anywhere || smallest > pool.most_free_on_one_node();
}

}  // namespace

void ReservedNodes::reserve_released_by(const NodeReleaseOrder* order, const EndKey& last_end) {
  ++reservation_;
  order_ = order;
  more_orders_.clear();
  last_end_ = last_end;
  single_node_ = -1;
}

void ReservedNodes::reserve_released_by(const std::vector<const NodeReleaseOrder*>& orders,
                                        const EndKey& last_end) {
  reserve_released_by(orders.front(), last_end);
  more_orders_.assign(std::next(orders.begin()), orders.end());
}

std::optional<EndKey> ReservedNodes::release_of(int node) const {
  std::optional<EndKey> release = order_->release_of(node);
  // A node is in its own pool's order only.
  for (auto it = more_orders_.begin(); !release && it != more_orders_.end(); ++it)
    release = (*it)->release_of(node);
  return release;
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
    frozen_key_[node] = release_of(node);
  }
}

bool ReservedNodes::contains(int node) const {
  if (order_ == nullptr) return node == single_node_;
  const bool frozen = node < static_cast<int>(frozen_in_.size()) && frozen_in_[node] == reservation_;
  const std::optional<EndKey> release = frozen ? frozen_key_[node] : release_of(node);
  return release && *release <= last_end_;
}

std::optional<Reservation> EasyBackfillPolicy::reserve_for_head(double now, const PendingJob& head,
                                                                const ResourcePool& pool,
                                                                const RunningJobs& running,
                                                                ReservedNodes& reserved) {
  std::optional<Reservation> earliest;
  if (pool.pool_count() == 1) {
    earliest = reserve_in_pool(now, head, pool, 0, running);
  } else {
    for (int k = 0; k < pool.pool_count(); ++k) {
      if ((head.request.pools >> k & 1U) == 0 || !pool.pool(k).ever_fits(head.ppus)) continue;
      std::optional<Reservation> here = reserve_in_pool(now, head, pool, k, running);
      if (here && (!earliest || here->shadow_time_s < earliest->shadow_time_s)) earliest = here;
    }
    // Spanning: each span group among the head's pools, as one pool of their nodes.
    PoolMask seen = 0;
    for (int k = 0; pool.spanning_allowed() && !head.is_fractional() && k < pool.pool_count(); ++k) {
      const PoolMask group = pool.span_group(k) & head.request.pools;
      if ((head.request.pools >> k & 1U) == 0 || (seen >> k & 1U) || std::popcount(group) < 2) continue;
      seen |= group;
      std::optional<Reservation> here = reserve_across(now, head, pool, group, running);
      if (here && (!earliest || here->shadow_time_s < earliest->shadow_time_s)) earliest = here;
    }
  }
  if (!earliest) return std::nullopt;
  if (std::popcount(earliest->pools) > 1) {
    reserved.reserve_released_by(release_orders_of(earliest->pools, running), earliest->last_end);
  } else if (earliest->whole_nodes) {
    reserved.reserve_released_by(&running.node_release_order(earliest->pool), earliest->last_end);
  } else {
    reserved.reserve_one(earliest->node);
  }
  return earliest;
}

std::optional<Reservation> EasyBackfillPolicy::reserve_in_pool(double now, const PendingJob& head,
                                                               const ResourcePool& pool, int k,
                                                               const RunningJobs& running) {
  const NodePool& in = pool.pool(k);
  const int whole_needed = head.is_fractional() ? 0 : in.whole_nodes_needed(head.ppus);
  if (whole_needed == 0) return reserve_one_node(now, head, pool, k, running);
  const std::set<EndKey>& ends = running.by_expected_end(k);
  if (ends.empty()) return std::nullopt;
  // The head starts once `missing` more nodes are wholly free: at the release of the
  // missing-th busy node. Every busy node released by then is counted on.
  const NodeReleaseOrder& order = running.node_release_order(k);
  const long long missing = static_cast<long long>(whole_needed) - in.free_node_count();
  EndKey last_end = *ends.begin();
  if (missing > 0) {
    if (missing > order.busy_nodes()) return std::nullopt;
    last_end = order.kth_release(missing);
  }
  const long long spare = in.free_node_count() + order.released_by(last_end) - whole_needed;
  return whole_node_reservation(now, last_end, spare, k, PoolMask{1} << k);
}

std::optional<Reservation> EasyBackfillPolicy::reserve_across(double now, const PendingJob& head,
                                                              const ResourcePool& pool, PoolMask group,
                                                              const RunningJobs& running) {
  // As reserve_in_pool, over the nodes of the group's pools together: the head starts once
  // `missing` more of them are wholly free, at the missing-th release among all their busy
  // nodes; each pool's running jobs free its own nodes (a spanning job is in each pool it spans).
  const int first = std::countr_zero(group);
  if (!pool.one_node_size(group)) return reserve_across_sizes(now, head, pool, group, running);
  const int whole_needed = pool.pool(first).whole_nodes_needed(head.ppus);
  if (whole_needed == 0) return std::nullopt;
  const std::vector<const NodeReleaseOrder*> orders = release_orders_of(group, running);
  long long busy = 0;
  std::optional<EndKey> first_end;
  for (PoolMask mask = group; mask != 0; mask &= mask - 1) {
    const int k = std::countr_zero(mask);
    busy += running.node_release_order(k).busy_nodes();
    const std::set<EndKey>& ends = running.by_expected_end(k);
    if (!ends.empty() && (!first_end || *ends.begin() < *first_end)) first_end = *ends.begin();
  }
  if (!first_end) return std::nullopt;
  const long long free = pool.free_nodes_in(group);
  const long long missing = whole_needed - free;
  EndKey last_end = *first_end;
  if (missing > 0) {
    if (missing > busy) return std::nullopt;
    last_end = kth_release_among(orders, missing);
  }
  const long long spare = free + released_by_among(orders, last_end) - whole_needed;
  return whole_node_reservation(now, last_end, spare, first, group);
}

std::optional<Reservation> EasyBackfillPolicy::reserve_across_sizes(double now, const PendingJob& head,
                                                                    const ResourcePool& pool, PoolMask group,
                                                                    const RunningJobs& running) {
  // As reserve_across, with each node weighed by its PPUs: the head starts once the wholly
  // free nodes' PPUs hold it (ResourcePool takes whole nodes until they do).
  if (!pool.spans_whole_nodes(group, head.ppus)) return std::nullopt;
  const std::vector<const NodeReleaseOrder*> orders = release_orders_of(group, running);
  std::vector<int> weights;
  long long busy_ppus = 0;
  int largest_node = 0;
  std::optional<EndKey> first_end;
  for (PoolMask mask = group; mask != 0; mask &= mask - 1) {
    const int k = std::countr_zero(mask);
    const int per_node = pool.pool(k).ppus_per_node();
    weights.push_back(per_node);
    largest_node = std::max(largest_node, per_node);
    busy_ppus += running.node_release_order(k).busy_nodes() * per_node;
    const std::set<EndKey>& ends = running.by_expected_end(k);
    if (!ends.empty() && (!first_end || *ends.begin() < *first_end)) first_end = *ends.begin();
  }
  if (!first_end) return std::nullopt;
  const long long free_ppus = pool.free_whole_node_ppus_in(group);
  const long long missing = head.ppus - free_ppus;
  EndKey last_end = *first_end;
  if (missing > 0) {
    if (missing > busy_ppus) return std::nullopt;
    last_end = release_freeing_ppus_among(orders, weights, missing);
  }
  // Spare nodes for a job running past the shadow time: as many of the largest as the spare
  // PPUs hold, so that whichever nodes it takes the head's PPUs stay free.
  const long long spare_ppus = free_ppus + released_ppus_among(orders, weights, last_end) - head.ppus;
  return whole_node_reservation(now, last_end, spare_ppus / largest_node, std::countr_zero(group), group);
}

std::optional<Reservation> EasyBackfillPolicy::reserve_one_node(double now, const PendingJob& head,
                                                                const ResourcePool& pool, int k,
                                                                const RunningJobs& running) {
  // Walks the pool's running jobs by expected end until one node has the head's PPUs free:
  // usually a few jobs, since any whole-node job's end frees a whole node.
  if (static_cast<int>(freed_ppus_.size()) < pool.total_nodes()) freed_ppus_.assign(pool.total_nodes(), 0);
  std::optional<Reservation> reservation;
  for (const auto& [expected_end, id] : running.by_expected_end(k)) {
    const Allocation& allocation = running.at(id).allocation;
    for (int node : allocation.nodes) {
      if (allocation.spanned_pools != 0 && pool.pool_of_node(node) != k) continue;  // another pool's
      touched_.push_back(node);
      if (pool.free_ppus_on(node) + (freed_ppus_[node] += pool.ppus_held_on(allocation, node)) >= head.ppus) {
        reservation = Reservation{
            .shadow_time_s = std::max(now, expected_end), .pool = k, .pools = PoolMask{1} << k, .node = node};
        break;
      }
    }
    if (reservation) break;
  }
  for (int node : touched_) freed_ppus_[node] = 0;
  touched_.clear();
  return reservation;
}

std::vector<StartDecision> EasyBackfillPolicy::schedule(double now, JobQueue& queue, ResourcePool& pool,
                                                        RunningJobs& running) {
  std::vector<StartDecision> started;
  start_from_head(now, queue, pool, running, started);
  if (queue.size() < 2) return started;
  std::optional<Reservation> reservation = reserve_for_head(now, queue.front(), pool, running, reserved_);
  if (!reservation) return started;
  if (pool.pool_count() == 1 && !pool.pool(0).models_hosts()) {
    backfill<true>(now, queue, pool, running, *reservation, started);
  } else {
    backfill<false>(now, queue, pool, running, *reservation, started);
  }
  return started;
}

template <bool kOneShape>
void EasyBackfillPolicy::backfill(double now, JobQueue& queue, ResourcePool& pool, RunningJobs& running,
                                  Reservation& reservation, std::vector<StartDecision>& started) {
  const NodePool& reserved_pool = pool.pool(reservation.pool);
  // Free nodes of the reservation's pools: its one pool, or a span group.
  const bool spans = std::popcount(reservation.pools) > 1;
  const auto reserved_free = [&] {
    return spans ? pool.free_nodes_in(reservation.pools)
                 : static_cast<long long>(reserved_pool.free_node_count());
  };
  // Within one pass the pool only shrinks and the limits only tighten, so once a whole-PPU
  // job that shares a node does not fit, no job as large fits under the same or stricter
  // limits for the rest of the pass: those are passed over without asking the pool. One
  // exception: a job running past the shadow time may be kept off free nodes (no spare ones)
  // but not off partly used ones, so a free node that a later job starts to fill opens room
  // for it again: that resets its bound. Without limits, a job of one PPU not fitting means
  // no PPU is free at all. These bounds hold for one node shape whose jobs ask PPUs alone:
  // with several pools, or CPU and memory, every job in the window is asked of the pools.
  int unfit_anywhere = std::numeric_limits<int>::max();  // smallest such job, without limits
  int unfit_limited = std::numeric_limits<int>::max();   // smallest, running past the shadow time
  int examined = 0;
  if (kOneShape && nothing_left_fits(queue, pool, unfit_anywhere)) return;
  for (auto it = std::next(queue.begin()); it != queue.end() && examined < backfill_depth_; ++examined) {
    const bool ends_before_shadow = now + it->estimated_runtime_s <= reservation.shadow_time_s;
    const bool shares_node = it->ppus <= pool.ppus_per_node() && it->ppu_milli >= FractionalPpus::kWhole;
    int& unfit = ends_before_shadow ? unfit_anywhere : unfit_limited;
    if constexpr (kOneShape) {
      if (it->ppus >= std::min(unfit, unfit_anywhere) && shares_node) {
        ++it;
        continue;
      }
    }
    AllocationLimits limits;
    if (!ends_before_shadow) {
      // Running past the shadow time: only on what the head job will not need then, in the
      // pool of its reservation.
      if constexpr (!kOneShape) limits.pools = reservation.pools;
      limits.excluded_nodes = &reserved_;
      if (reservation.whole_nodes) limits.max_free_nodes_consumed = reservation.spare_free_nodes;
    }
    if constexpr (kOneShape) {
      // A whole-node job needs that many free nodes, within its limit: the pool's own first
      // test, asked here without the call (most of a deep window's jobs fail it).
      const int whole = it->ppu_milli >= FractionalPpus::kWhole ? pool.whole_nodes_needed(it->ppus) : 0;
      if (whole > reserved_pool.free_node_count() ||
          (limits.max_free_nodes_consumed >= 0 && whole > limits.max_free_nodes_consumed)) {
        ++it;
        continue;
      }
    }
    const long long free_nodes_before = reserved_free();
    std::optional<Allocation> allocation =
        pool.allocate(it->ppus, limits, it->ppu_milli, now + it->estimated_runtime_s, it->request);
    if (!allocation) {
      if constexpr (kOneShape) {
        const int unfit_anywhere_before = unfit_anywhere;
        if (shares_node) unfit = std::min(unfit, it->ppus);
        if (unfit_anywhere == 1 && pool.fractional_ppus().open_count() == 0) break;  // nothing fits
        if (unfit_anywhere != unfit_anywhere_before && nothing_left_fits(queue, pool, unfit_anywhere)) break;
      }
      ++it;
      continue;
    }
    if (!ends_before_shadow && reservation.whole_nodes) {
      reservation.spare_free_nodes -= static_cast<int>(free_nodes_before - reserved_free());
    }
    if (reserved_free() != free_nodes_before) unfit_limited = std::numeric_limits<int>::max();
    const PoolMask held =
        allocation->spanned_pools != 0 ? allocation->spanned_pools : PoolMask{1} << allocation->pool;
    if (kOneShape || (held & reservation.pools) != 0) reserved_.freeze(allocation->nodes);
    record_start(now, *it, std::move(*allocation), running, started);
    it = queue.erase(it);
    if (kOneShape && nothing_left_fits(queue, pool, unfit_anywhere)) break;
  }
}

}  // namespace ppusim
