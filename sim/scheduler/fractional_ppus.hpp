// PPUs shared by fractional jobs (JobSpec::ppu_milli < 1000), in thousandths ("milli").
//
// A shared PPU is taken from the ResourcePool like a one-PPU job; fractional jobs then take
// thousandths of it, best fit (the PPU with the least room that still holds the job), so that
// partly used PPUs fill up before another one is opened. When its last job leaves, the PPU goes
// back to the pool. Which of a node's PPUs it is does not matter to the simulation: a shared
// PPU is known by an id and its node. docs/models.md, section j.
#pragma once

#include <optional>
#include <set>
#include <utility>
#include <vector>

namespace ppusim {

struct AllocationLimits;
class NodeReleaseTimes;

class FractionalPpus {
 public:
  static constexpr int kWhole = 1000;

  /// The open shared PPU with the least free thousandths >= milli on a node the limits allow.
  std::optional<int> best_fit(int milli, const AllocationLimits& limits) const;
  /// Fragmentation-aware: among the open shared PPUs that hold `milli`, the one on the node
  /// whose coming wholly free a job ending at end_s delays the least; ties by best fit.
  std::optional<int> least_delay_fit(int milli, const AllocationLimits& limits, const NodeReleaseTimes& nodes,
                                     double end_s) const;
  /// Every open shared PPU with >= milli free on a node the limits allow, by room then id.
  std::vector<int> fitting(int milli, const AllocationLimits& limits) const;
  /// For each distinct room >= milli among the open shared PPUs, the first (by id) on a node
  /// the limits allow: what FGD compares, since its measure depends on the room alone.
  std::vector<int> first_fit_per_room(int milli, const AllocationLimits& limits) const;
  /// Opens a shared PPU on `node` (just taken from the pool) and returns its id.
  int open(int node);
  void take(int ppu, int milli);
  /// Returns `milli` of the PPU; true when it is empty now and goes back to the pool.
  bool give_back(int ppu, int milli);

  int node_of(int ppu) const { return ppus_[ppu].node; }
  /// The open shared PPUs on `node` (FGD's host-aware measure reads a node's rooms).
  const std::vector<int>& open_on(int node) const;
  int free_milli(int ppu) const { return ppus_[ppu].free_milli; }
  /// The most free thousandths of an open shared PPU (0 when none has room).
  int most_free_milli() const { return by_free_.empty() ? 0 : by_free_.rbegin()->first; }
  int open_count() const { return static_cast<int>(ppus_.size() - unused_ids_.size()); }

 private:
  struct SharedPpu {
    int node = -1;
    int free_milli = kWhole;
  };

  std::vector<SharedPpu> ppus_;
  std::vector<int> unused_ids_;                 // ids of closed PPUs, reused so that ids stay few
  std::vector<std::vector<int>> open_on_node_;  // grown to the highest node a PPU opened on
  std::set<std::pair<int, int>> by_free_;       // (free thousandths, id) of open PPUs with room left
};

}  // namespace ppusim
