// Random placement: a job goes to a node drawn uniformly among those where it fits, from the
// pool's own random stream (seeded from the scenario seed, so runs repeat exactly). A baseline
// that keeps no structure, to compare pack and FGD against (docs/config.md, docs/models.md (e)).
//
// A draw first tries a few nodes at random and keeps the first that fits (rejection sampling:
// uniform among the fitting nodes, and cheap while many fit); when those all miss, it lists the
// fitting nodes and draws among them, which is uniform too.
#include <algorithm>
#include <set>

#include "sim/scheduler/node_pool.hpp"

namespace ppusim {

namespace {
constexpr int kTriesBeforeListing = 32;
}

bool NodePool::may_take(int node, int ppus, const AllocationLimits& limits) const {
  const int free = free_ppus_[node];
  if (free < ppus || limits.excludes(node)) return false;
  return free < ppus_per_node_ || limits.max_free_nodes_consumed != 0;
}

std::optional<int> NodePool::random_shared_node(int ppus, const AllocationLimits& limits) {
  if (most_free_on_one_node() < ppus) return std::nullopt;
  for (int attempt = 0; attempt < kTriesBeforeListing; ++attempt) {
    const int node = static_cast<int>(first_node_ + random_index(node_count_));
    if (may_take(node, ppus, limits)) return node;
  }
  std::vector<int> fitting;
  for (int node = first_node_; node < first_node_ + node_count_; ++node) {
    if (may_take(node, ppus, limits)) fitting.push_back(node);
  }
  if (fitting.empty()) return std::nullopt;
  return fitting[random_index(fitting.size())];
}

std::optional<int> NodePool::random_shared_ppu(int milli, const AllocationLimits& limits) {
  // Open shared PPUs with room are filled before a new one is opened (as pack does); which of
  // them is drawn at random.
  std::vector<int> fitting = fractional_.fitting(milli, limits);
  if (fitting.empty()) return std::nullopt;
  return fitting[random_index(fitting.size())];
}

std::vector<int> NodePool::random_whole_nodes(int count) {
  std::vector<int> chosen;
  chosen.reserve(count);
  std::set<int> drawn;
  auto wholly_free = [this](int node) { return free_ppus_[node] == ppus_per_node_; };
  if (static_cast<long long>(free_node_count_) * 4 >= node_count_ && count * 2 <= free_node_count_) {
    // Successive uniform draws without replacement: a uniform set of `count` free nodes.
    while (static_cast<int>(chosen.size()) < count) {
      const int node = static_cast<int>(first_node_ + random_index(node_count_));
      if (wholly_free(node) && drawn.insert(node).second) chosen.push_back(node);
    }
  } else {
    std::vector<int> free_nodes;
    for (int node = first_node_; node < first_node_ + node_count_; ++node) {
      if (wholly_free(node)) free_nodes.push_back(node);
    }
    for (int i = 0; i < count; ++i) {  // the first `count` steps of a Fisher-Yates shuffle
      const std::size_t pick = i + random_index(free_nodes.size() - i);
      std::swap(free_nodes[i], free_nodes[pick]);
      chosen.push_back(free_nodes[i]);
    }
  }
  std::sort(chosen.begin(), chosen.end());  // ring order: grouped by leaf
  return chosen;
}

}  // namespace ppusim
