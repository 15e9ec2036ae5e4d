#include "sim/engine/preemption_choice.hpp"

#include <algorithm>
#include <bit>
#include <map>
#include <tuple>

namespace ppusim {

namespace {

/// What would be free if the victims chosen so far left: PPUs, and CPU cores and memory, on the
/// nodes they hold (every other node keeps what is free now).
class FreedRoom {
 public:
  explicit FreedRoom(const ResourcePool& resources) : resources_(resources) {}

  void release(const Allocation& allocation) {
    for (int node : allocation.nodes) {
      // A node a victim holds is not wholly free now, so it is not among free_node_count().
      free_.try_emplace(node, resources_.free_ppus_on(node)).first->second +=
          resources_.ppus_held_on(allocation, node);
    }
    // A job sharing a node holds its host request there; one on whole nodes holds none of it
    // (the nodes' hosts are its whole), so leaving frees no more than the node.
    HostRequest& host = host_released_[allocation.nodes.front()];
    host.cpu_cores += allocation.host_held.cpu_cores;
    host.memory_bytes += allocation.host_held.memory_bytes;
  }

  /// Whether `job` would then find room in `room`.
  bool fits(const PendingJob& job, PreemptionRoom room) const {
    bool fits = false;
    for (PoolMask mask = room.pools; mask != 0 && !fits; mask &= mask - 1)
      fits = fits_in(job, std::countr_zero(mask));
    return fits || (room.spanning && fits_across(job, room.pools));
  }

 private:
  const NodePool& pool_of(int node) const { return resources_.pool(resources_.pool_of_node(node)); }

  /// Whole nodes of `pool` free once the victims leave, whose hosts hold `share` (a job of
  /// whole nodes takes only such nodes: docs/config.md, "Hosts of several sizes").
  long long free_nodes_in(const NodePool& pool, const HostRequest& share = {}) const {
    long long free_nodes = pool.free_nodes_holding(share);
    for (const auto& [node, free] : free_) {
      if (&pool_of(node) == &pool && free == pool.ppus_per_node() &&
          pool.hosts().empty_node_holds(node, share))
        ++free_nodes;
    }
    return free_nodes;
  }

  /// Within pool `index` alone (a fractional job: one PPU on a node with room for its host).
  bool fits_in(const PendingJob& job, int index) const {
    const NodePool& pool = resources_.pool(index);
    const bool fractional = job.ppu_milli < 1000;
    const int whole_nodes = fractional ? 0 : pool.whole_nodes_needed(job.ppus);
    if (whole_nodes > 0)
      return pool.host_ever_fits(job.ppus, job.request.host) &&
             free_nodes_in(pool, job.request.host.per_node(whole_nodes)) >= whole_nodes;
    const int needed = fractional ? 1 : job.ppus;
    return std::any_of(free_.begin(), free_.end(), [&](const auto& entry) {
      const auto& [node, free] = entry;
      if (free < needed || &pool_of(node) != &pool) return false;
      const auto released = host_released_.find(node);
      return pool.hosts().fits_after_release(
          node, job.request.host, released == host_released_.end() ? HostRequest{} : released->second);
    });
  }

  /// Across the pools of `group` (one span group), by whole nodes, as ResourcePool spans them.
  bool fits_across(const PendingJob& job, PoolMask group) const {
    if (std::popcount(group) < 2 || job.ppu_milli < 1000) return false;
    const int whole_nodes = resources_.pool(std::countr_zero(group)).whole_nodes_needed(job.ppus);
    if (whole_nodes == 0) return false;
    long long free_nodes = 0;
    for (PoolMask mask = group; mask != 0; mask &= mask - 1) {
      const NodePool& pool = resources_.pool(std::countr_zero(mask));
      if (pool.hosts().fits_every_empty_node(job.request.host.per_node(whole_nodes)))
        free_nodes += free_nodes_in(pool);
    }
    return free_nodes >= whole_nodes;
  }

  const ResourcePool& resources_;
  std::map<int, int> free_;                   // node -> free PPUs once the victims leave
  std::map<int, HostRequest> host_released_;  // node -> CPU and memory the victims give back
};

}  // namespace

std::vector<int> choose_victims(std::vector<PreemptionCandidate> candidates, const PendingJob& waiting,
                                const ResourcePool& resources, PreemptionRoom room,
                                std::vector<std::int64_t> borrowed_milli) {
  std::erase_if(candidates, [](const PreemptionCandidate& c) { return c.allocation->is_fractional(); });
  std::sort(candidates.begin(), candidates.end(),
            [](const PreemptionCandidate& a, const PreemptionCandidate& b) {
              return std::tuple(a.lost_work_s, -a.started_s, -a.job) <
                     std::tuple(b.lost_work_s, -b.started_s, -b.job);
            });
  std::vector<int> victims;
  FreedRoom freed(resources);
  for (const PreemptionCandidate& candidate : candidates) {
    std::int64_t& borrowed = borrowed_milli[candidate.account];
    if (borrowed <= 0) continue;  // its tenant is back within its guarantee
    borrowed -= candidate.held_milli;
    victims.push_back(candidate.job);
    freed.release(*candidate.allocation);
    if (freed.fits(waiting, room)) return victims;
  }
  return {};
}

}  // namespace ppusim
