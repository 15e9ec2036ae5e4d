#include "sim/engine/preemption_choice.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace ppusim {

namespace {

/// The PPUs that would be free if the victims chosen so far left, on the nodes they hold.
class FreedPpus {
 public:
  explicit FreedPpus(const NodePool& pool) : pool_(pool) {}

  void release(const Allocation& allocation) {
    for (int node : allocation.nodes) {
      // A node a victim holds is not wholly free now, so it is not among free_node_count().
      free_.try_emplace(node, pool_.free_ppus_on(node)).first->second += allocation.ppus_per_node;
    }
  }

  /// Whether a job of `ppus` (fractional when ppu_milli < 1000) would then find room.
  bool fits(int ppus, int ppu_milli) const {
    const int whole_nodes = pool_.whole_nodes_needed(ppus);
    if (whole_nodes > 0) {
      long long free_nodes = pool_.free_node_count();
      for (const auto& [node, free] : free_) free_nodes += free == pool_.ppus_per_node() ? 1 : 0;
      return free_nodes >= whole_nodes;
    }
    const int needed = ppu_milli < 1000 ? 1 : ppus;
    return std::any_of(free_.begin(), free_.end(),
                       [needed](const auto& entry) { return entry.second >= needed; });
  }

 private:
  const NodePool& pool_;
  std::map<int, int> free_;  // node -> free PPUs once the victims leave
};

}  // namespace

std::vector<int> choose_victims(std::vector<PreemptionCandidate> candidates, const PendingJob& waiting,
                                const NodePool& pool, std::vector<std::int64_t> borrowed_milli) {
  std::erase_if(candidates, [](const PreemptionCandidate& c) { return c.allocation->is_fractional(); });
  std::sort(candidates.begin(), candidates.end(),
            [](const PreemptionCandidate& a, const PreemptionCandidate& b) {
              return std::tuple(a.lost_work_s, -a.started_s, -a.job) <
                     std::tuple(b.lost_work_s, -b.started_s, -b.job);
            });
  std::vector<int> victims;
  FreedPpus freed(pool);
  for (const PreemptionCandidate& candidate : candidates) {
    std::int64_t& borrowed = borrowed_milli[candidate.account];
    if (borrowed <= 0) continue;  // its tenant is back within its guarantee
    borrowed -= candidate.held_milli;
    victims.push_back(candidate.job);
    freed.release(*candidate.allocation);
    if (freed.fits(waiting.ppus, waiting.ppu_milli)) return victims;
  }
  return {};
}

}  // namespace ppusim
