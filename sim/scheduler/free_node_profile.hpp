// Conservative backfilling's availability profile (Mu'alem & Feitelson 2001): how many nodes
// are wholly free and not reserved, as a step function of time from now on.
//
//   free(t) = F + released(t) − reserved(t)
//
// The profile is of one node pool (docs/config.md, "Node pools"; a conservative pass keeps one
// per pool). F is the pool's free node count now; released(t) the busy nodes that the running jobs'
// expected ends have left wholly free by t (node_release_order.hpp, kept up to date as jobs
// start and end, so this part of the profile is never rebuilt); reserved(t) the nodes that
// the reservations made in this pass hold at t. A running job past its estimate is taken to
// end now, as EASY does. The pool and the running jobs are read live: a job started in the
// pass shows in the profile at once.
//
// A question walks the steps in time order, the running jobs' ends merged with the
// reservations' starts and ends, and stops as soon as it has its answer: O(k log n) for k
// steps walked, at most (running jobs + 2 · reservations).
#pragma once

#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "sim/scheduler/scheduling_policy.hpp"

namespace ppusim {

class FreeNodeProfile {
 public:
  /// The profile of node pool `k` of `pool`.
  FreeNodeProfile(double now, const ResourcePool& pool, const RunningJobs& running, int k = 0)
      : now_(now), pool_(pool.pool(k)), running_(running), k_(k) {}

  /// The earliest start s >= now with free(t) >= nodes for all t in [s, s + duration);
  /// nullopt if the nodes never come free (some are out of service for good).
  std::optional<double> earliest_start(long long nodes, double duration_s) const;
  /// The fewest free, unreserved nodes over [from, to); a large number if the range is empty.
  long long fewest_free(double from, double to) const;
  /// Holds `nodes` nodes over [start, start + duration).
  void reserve(long long nodes, double start, double duration_s);
  /// The profile's steps, from now, in order: (start time, free unreserved nodes); those that
  /// start before `until` (and at least the first).
  std::vector<std::pair<double, long long>> steps(double until) const;

 private:
  /// Calls visit(t, free, next_t) for each step [t, next_t) of the profile in time order, from
  /// now, until it returns false; next_t is +infinity for the last step.
  void walk(const std::function<bool(double, long long, double)>& visit) const;

  double now_;
  const NodePool& pool_;
  const RunningJobs& running_;
  int k_;
  std::map<double, long long> reserved_change_;  // time -> change in reserved nodes there
};

/// Where a job of whole nodes across the pools of a span group may start (docs/models.md,
/// section f, "Spanning pools"): at `start_s`, with `nodes_per_pool` (pool, nodes) of each.
struct SpannedStart {
  double start_s = 0;
  std::vector<std::pair<int, int>> nodes_per_pool;
};

/// The earliest start s >= now at which the nodes each pool's profile holds free throughout
/// [s, s + duration) add up to `nodes`: a job holds the same nodes from start to end, so each
/// pool gives at most its fewest free nodes over the job's run. The pools give them most first,
/// ties to the first listed, as ResourcePool spans, so that the job spans as few as it can.
/// `profiles`: (pool, its profile). nullopt if they never do before `before_s` (a start already
/// found elsewhere: only an earlier one is sought). Cost: O(steps read), the steps before
/// before_s + duration of each profile. With `ppus_per_node` (one per profile: servers of
/// different sizes) the count is in PPUs: `nodes` is the job's PPUs, each pool's nodes weigh
/// their PPUs, the pools give them most PPUs first, each until the job's PPUs are held.
std::optional<SpannedStart> earliest_start_across(
    const std::vector<std::pair<int, const FreeNodeProfile*>>& profiles, long long nodes, double duration_s,
    double before_s = std::numeric_limits<double>::infinity(), const std::vector<int>& ppus_per_node = {});

}  // namespace ppusim
