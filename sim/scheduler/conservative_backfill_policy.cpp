#include "sim/scheduler/conservative_backfill_policy.hpp"

#include <algorithm>
#include <bit>
#include <limits>
#include <memory>
#include <tuple>

#include "sim/scheduler/fifo_policy.hpp"

namespace ppusim {

void NodesMovingReservations::set_job_end(double end_s) {
  job_end_s_ = end_s;
  moves_by_release_.clear();
}

bool NodesMovingReservations::contains(int node) const {
  double counted_from = now_;  // a wholly free node is in the profile from now
  if (const std::optional<EndKey> release = running_.node_release_order(k_).release_of(node)) {
    counted_from = std::max(now_, release->first);
  } else if (pool_.free_ppus_on(node) < pool_.ppus_per_node()) {
    return false;  // no job and not wholly free: PPUs out of service, never counted as free
  }
  if (job_end_s_ <= counted_from) return false;  // the node is back in the profile in time
  const auto [cached, inserted] = moves_by_release_.try_emplace(counted_from, false);
  if (inserted) cached->second = profile_.fewest_free(counted_from, job_end_s_) < 1;
  return cached->second;
}

std::optional<SpannedStart> ConservativeBackfillPolicy::earliest_across_groups(
    double now, const PendingJob& job, ResourcePool& pool,
    const std::vector<std::unique_ptr<FreeNodeProfile>>& profiles, double before_s,
    std::optional<Allocation>& allocation) {
  std::optional<SpannedStart> earliest;
  PoolMask seen = 0;
  for (int k = 0; k < pool.pool_count(); ++k) {
    const PoolMask group = pool.span_group(k) & job.request.pools;
    if ((job.request.pools >> k & 1U) == 0 || (seen >> k & 1U) || std::popcount(group) < 2) continue;
    seen |= group;
    // Servers of different sizes: counted in PPUs, each node weighing its own.
    const bool one_size = pool.one_node_size(group);
    const int whole_nodes = pool.pool(k).whole_nodes_needed(job.ppus);
    if (one_size ? whole_nodes == 0 : !pool.spans_whole_nodes(group, job.ppus)) continue;
    std::vector<std::pair<int, const FreeNodeProfile*>> members;
    std::vector<int> ppus_per_node;
    for (PoolMask mask = group; mask != 0; mask &= mask - 1) {
      const int member = std::countr_zero(mask);
      members.emplace_back(member, profiles[member].get());
      if (!one_size) ppus_per_node.push_back(pool.pool(member).ppus_per_node());
    }
    const double bound = earliest ? earliest->start_s : before_s;
    std::optional<SpannedStart> here = earliest_start_across(members, one_size ? whole_nodes : job.ppus,
                                                             job.estimated_runtime_s, bound, ppus_per_node);
    if (!here) continue;
    // As in one pool, a start now may still fail on nodes busy past their estimate; the job then
    // holds its reservation from now.
    if (here->start_s <= now) {
      allocation = pool.allocate_split(here->nodes_per_pool, job.request);
      if (allocation) return std::nullopt;
    }
    earliest = std::move(here);  // earlier than `bound`
  }
  return earliest;
}

std::vector<StartDecision> ConservativeBackfillPolicy::schedule(double now, JobQueue& queue,
                                                                ResourcePool& pool, RunningJobs& running) {
  std::vector<StartDecision> started;
  // Until the first job that does not fit there are no reservations to respect.
  start_from_head(now, queue, pool, running, started);

  // One profile per pool, each with the nodes a job sharing a node there may not take.
  std::vector<std::unique_ptr<FreeNodeProfile>> profiles;
  std::vector<std::unique_ptr<NodesMovingReservations>> moving;
  for (int k = 0; k < pool.pool_count(); ++k) {
    profiles.push_back(std::make_unique<FreeNodeProfile>(now, pool, running, k));
    moving.push_back(std::make_unique<NodesMovingReservations>(now, *profiles.back(), pool, running, k));
  }
  int examined = 0;
  for (auto it = queue.begin(); it != queue.end() && examined < backfill_depth_; ++examined) {
    const double runtime_s = it->estimated_runtime_s;
    std::optional<Allocation> allocation;
    // The earliest reservation over the pools it may use: (start, pool, nodes).
    std::optional<std::tuple<double, int, long long>> earliest;
    for (int k = 0; k < pool.pool_count() && !allocation; ++k) {
      if ((it->request.pools >> k & 1U) == 0 || !pool.pool(k).ever_fits(it->ppus)) continue;
      PlacementRequest only_here = it->request;
      only_here.pools = PoolMask{1} << k;
      const FreeNodeProfile& profile = *profiles[k];
      const int whole_nodes = it->is_fractional() ? 0 : pool.pool(k).whole_nodes_needed(it->ppus);
      long long reserve_nodes = whole_nodes;
      if (whole_nodes > 0) {
        const std::optional<double> start = profile.earliest_start(whole_nodes, runtime_s);
        if (!start) continue;  // never, on the nodes in service: no reservation here
        // The profile takes a job past its estimate to end now; if its nodes are in fact still
        // busy the job cannot start, and holds its reservation from now.
        if (*start <= now)
          allocation = pool.allocate(it->ppus, {}, it->ppu_milli, now + runtime_s, only_here);
      } else {
        moving[k]->set_job_end(now + runtime_s);
        AllocationLimits limits;
        limits.excluded_nodes = moving[k].get();
        allocation = pool.allocate(it->ppus, limits, it->ppu_milli, now + runtime_s, only_here);
        reserve_nodes = 1;
      }
      if (allocation) break;
      const std::optional<double> start = profile.earliest_start(reserve_nodes, runtime_s);
      if (start && (!earliest || *start < std::get<0>(*earliest))) earliest = {*start, k, reserve_nodes};
    }
    // Spanning: across the pools of a span group, when strictly earlier than any single pool.
    std::optional<SpannedStart> spanned;
    if (!allocation && pool.spanning_allowed() && !it->is_fractional()) {
      const double single_start = earliest ? std::get<0>(*earliest) : std::numeric_limits<double>::infinity();
      spanned = earliest_across_groups(now, *it, pool, profiles, single_start, allocation);
    }
    if (allocation) {
      record_start(now, *it, std::move(*allocation), running, started);
      it = queue.erase(it);
      continue;
    }
    if (spanned) {
      for (const auto& [k, nodes] : spanned->nodes_per_pool)
        profiles[k]->reserve(nodes, spanned->start_s, runtime_s);
    } else if (earliest) {
      const auto [start, k, nodes] = *earliest;
      profiles[k]->reserve(nodes, start, runtime_s);
    }
    ++it;
  }
  return started;
}

}  // namespace ppusim
