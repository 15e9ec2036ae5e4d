#include "sim/scheduler/free_node_profile.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>

namespace ppusim {

void FreeNodeProfile::walk(const std::function<bool(double, long long, double)>& visit) const {
  constexpr double kNever = std::numeric_limits<double>::infinity();
  const std::set<EndKey>& ends = running_.by_expected_end(k_);
  const NodeReleaseOrder& order = running_.node_release_order(k_);
  auto end = ends.begin();
  auto change = reserved_change_.begin();
  auto end_time = [&] { return end == ends.end() ? kNever : std::max(now_, end->first); };
  auto change_time = [&] { return change == reserved_change_.end() ? kNever : change->first; };

  long long released = 0;
  long long reserved = 0;
  double t = now_;
  for (;;) {
    // Everything that happens at t, then the step from t to the next thing.
    for (; end != ends.end() && end_time() <= t; ++end) released = order.released_by(*end);
    for (; change != reserved_change_.end() && change->first <= t; ++change) reserved += change->second;
    const double next = std::min(end_time(), change_time());
    if (!visit(t, pool_.free_node_count() + released - reserved, next) || next == kNever) return;
    t = next;
  }
}

std::optional<double> FreeNodeProfile::earliest_start(long long nodes, double duration_s) const {
  std::optional<double> start;
  bool found = false;
  walk([&](double t, long long free, double next) {
    if (free < nodes) {
      start.reset();
    } else if (!start) {
      start = t;
    }
    found = start && next >= *start + duration_s;
    return !found;
  });
  return found ? start : std::nullopt;
}

long long FreeNodeProfile::fewest_free(double from, double to) const {
  long long fewest = std::numeric_limits<long long>::max();
  if (to <= from) return fewest;
  walk([&](double t, long long free, double next) {
    if (t >= to) return false;
    if (next > from) fewest = std::min(fewest, free);
    return true;
  });
  return fewest;
}

void FreeNodeProfile::reserve(long long nodes, double start, double duration_s) {
  reserved_change_[start] += nodes;
  reserved_change_[start + duration_s] -= nodes;
}

std::vector<std::pair<double, long long>> FreeNodeProfile::steps(double until) const {
  std::vector<std::pair<double, long long>> steps;
  walk([&](double t, long long free, double /*next*/) {
    if (t >= until && !steps.empty()) return false;
    steps.emplace_back(t, free);
    return true;
  });
  return steps;
}

namespace {

/// The fewest free nodes of one profile over a window [s, until) that only moves forward:
/// a monotone queue of its steps (each step enters and leaves once), so that the windows of a
/// whole search cost O(steps), not O(steps) each.
class SlidingFewestFree {
 public:
  explicit SlidingFewestFree(std::vector<std::pair<double, long long>> steps) : steps_(std::move(steps)) {}

  /// The fewest free over [s, until), s and until no less than at the previous call.
  long long over(double s, double until) {
    while (first_ + 1 < steps_.size() && steps_[first_ + 1].first <= s) ++first_;
    for (; next_ < steps_.size() && steps_[next_].first < until; ++next_) {
      while (!rising_.empty() && steps_[rising_.back()].second >= steps_[next_].second) rising_.pop_back();
      rising_.push_back(next_);
    }
    while (rising_.front() < first_) rising_.pop_front();
    return steps_[rising_.front()].second;
  }

 private:
  std::vector<std::pair<double, long long>> steps_;
  std::size_t first_ = 0;           // the step holding s
  std::size_t next_ = 0;            // the first step not yet in the window
  std::deque<std::size_t> rising_;  // steps in the window whose free is below every later one's
};

}  // namespace

std::optional<SpannedStart> earliest_start_across(
    const std::vector<std::pair<int, const FreeNodeProfile*>>& profiles, long long nodes, double duration_s,
    double before_s, const std::vector<int>& ppus_per_node) {
  // Counted in nodes, or with `ppus_per_node` in PPUs: each pool's node weighs its PPUs, and
  // `nodes` is the job's PPUs.
  const auto weight = [&](std::size_t i) -> long long {
    return ppus_per_node.empty() ? 1 : ppus_per_node[i];
  };
  // The nodes a pool can give over [s, s + d) only shrink as s moves on within one step of the
  // profiles (the window takes in later steps, its start stays in the same one), so the
  // earliest start is at the start of some step of some pool's profile. Starts from
  // `before_s` on are not sought, so the profiles are read up to before_s + d only.
  std::vector<SlidingFewestFree> windows;
  std::vector<double> candidates;
  for (const auto& [k, profile] : profiles) {
    std::vector<std::pair<double, long long>> steps = profile->steps(before_s + std::max(duration_s, 0.0));
    for (const auto& step : steps) {
      if (step.first < before_s) candidates.push_back(step.first);
    }
    windows.emplace_back(std::move(steps));
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::vector<std::pair<int, long long>> holds(profiles.size());  // (pool, nodes free throughout)
  std::vector<long long> weights(profiles.size());                // per pool in `holds`
  for (const double s : candidates) {
    // A job of no duration still holds its nodes at s.
    const double until =
        duration_s > 0 ? s + duration_s : std::nextafter(s, std::numeric_limits<double>::infinity());
    long long total = 0;
    std::vector<std::size_t> order(profiles.size());
    for (std::size_t i = 0; i < profiles.size(); ++i) {
      holds[i] = {profiles[i].first, std::max(0LL, windows[i].over(s, until))};
      weights[i] = weight(i);
      total += holds[i].second * weights[i];
      order[i] = i;
    }
    if (total < nodes) continue;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return holds[a].second * weights[a] > holds[b].second * weights[b];
    });
    SpannedStart start{.start_s = s, .nodes_per_pool = {}};
    long long left = nodes;
    for (const std::size_t i : order) {
      const auto& [k, free] = holds[i];
      const long long take = std::min((left + weights[i] - 1) / weights[i], free);
      if (take == 0) continue;
      start.nodes_per_pool.emplace_back(k, static_cast<int>(take));
      left -= take * weights[i];
      if (left <= 0) break;
    }
    return start;
  }
  return std::nullopt;
}

}  // namespace ppusim
