#include "sim/scheduler/free_node_profile.hpp"

#include <algorithm>
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

}  // namespace ppusim
