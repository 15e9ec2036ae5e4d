#include "sim/scheduler/fractional_ppus.hpp"

#include <algorithm>

#include "sim/scheduler/node_release_times.hpp"
#include "sim/scheduler/resource_pool.hpp"

namespace ppusim {

std::optional<int> FractionalPpus::best_fit(int milli, const AllocationLimits& limits) const {
  for (auto it = by_free_.lower_bound({milli, -1}); it != by_free_.end(); ++it) {
    if (!limits.excludes(ppus_[it->second].node)) return it->second;
  }
  return std::nullopt;
}

std::optional<int> FractionalPpus::least_delay_fit(int milli, const AllocationLimits& limits,
                                                   const NodeReleaseTimes& nodes, double end_s) const {
  std::optional<int> best;
  double best_delay = 0;
  for (auto it = by_free_.lower_bound({milli, -1}); it != by_free_.end(); ++it) {
    const int node = ppus_[it->second].node;
    if (limits.excludes(node)) continue;
    const double delay = nodes.delay_if_added(node, end_s);
    if (!best || delay < best_delay) {
      best = it->second;
      best_delay = delay;
      if (delay == 0) break;
    }
  }
  return best;
}

std::vector<int> FractionalPpus::fitting(int milli, const AllocationLimits& limits) const {
  std::vector<int> ids;
  for (auto it = by_free_.lower_bound({milli, -1}); it != by_free_.end(); ++it) {
    if (!limits.excludes(ppus_[it->second].node)) ids.push_back(it->second);
  }
  return ids;
}

std::vector<int> FractionalPpus::first_fit_per_room(int milli, const AllocationLimits& limits) const {
  std::vector<int> ids;
  for (auto it = by_free_.lower_bound({milli, -1}); it != by_free_.end();) {
    const int room = it->first;
    for (; it != by_free_.end() && it->first == room; ++it) {
      if (!limits.excludes(ppus_[it->second].node)) {
        ids.push_back(it->second);
        it = by_free_.lower_bound({room + 1, -1});
        break;
      }
    }
  }
  return ids;
}

int FractionalPpus::open(int node) {
  int id;
  if (unused_ids_.empty()) {
    id = static_cast<int>(ppus_.size());
    ppus_.emplace_back();
  } else {
    id = unused_ids_.back();
    unused_ids_.pop_back();
  }
  ppus_[id] = {node, kWhole};
  by_free_.insert({kWhole, id});
  if (node >= static_cast<int>(open_on_node_.size())) open_on_node_.resize(node + 1);
  open_on_node_[node].push_back(id);
  return id;
}

const std::vector<int>& FractionalPpus::open_on(int node) const {
  static const std::vector<int> kNone;
  return node < static_cast<int>(open_on_node_.size()) ? open_on_node_[node] : kNone;
}

void FractionalPpus::take(int ppu, int milli) {
  SharedPpu& shared = ppus_[ppu];
  by_free_.erase({shared.free_milli, ppu});
  shared.free_milli -= milli;
  if (shared.free_milli > 0) by_free_.insert({shared.free_milli, ppu});
}

bool FractionalPpus::give_back(int ppu, int milli) {
  SharedPpu& shared = ppus_[ppu];
  by_free_.erase({shared.free_milli, ppu});
  shared.free_milli += milli;
  if (shared.free_milli < kWhole) {
    by_free_.insert({shared.free_milli, ppu});
    return false;
  }
  unused_ids_.push_back(ppu);
  std::vector<int>& on_node = open_on_node_[shared.node];
  on_node.erase(std::find(on_node.begin(), on_node.end(), ppu));
  return true;
}

}  // namespace ppusim
