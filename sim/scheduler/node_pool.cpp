#include "sim/scheduler/node_pool.hpp"

#include <algorithm>
#include <map>
#include <numeric>

namespace ppusim {

bool AllocationLimits::excludes(int node) const {
  if (excluded_nodes != nullptr && excluded_nodes->contains(node)) return true;
  return hosts != nullptr && !hosts->fits(node, host_request);
}

NodePool::NodePool(const TopologyLayout& layout, int ppus_per_node, PlacementPolicy placement,
                   const PlacementInputs& inputs, NodeRange range, const HostResources& hosts)
    : layout_(layout),
      ppus_per_node_(ppus_per_node),
      first_node_(range.first),
      node_count_(range.count < 0 ? layout.nodes : range.count),
      hosts_(hosts),
      placement_(placement),
      free_ppus_(layout.nodes, 0),
      jobs_on_node_(layout.nodes, 0),
      free_ppus_total_(static_cast<long long>(node_count_) * ppus_per_node),
      nodes_by_free_(ppus_per_node + 1),
      free_nodes_in_leaf_(layout.nodes, layout.nodes_per_leaf),
      free_nodes_in_pod_(layout.pods, 0),
      free_node_count_(node_count_),
      release_times_(placement == PlacementPolicy::FragmentationAware ? layout.nodes : 0),
      rng_(inputs.seed),
      gradient_(inputs.workload, ppus_per_node) {
  // The layout's other nodes belong to other pools: they stay at 0 free PPUs and in no free
  // set, so no placement here ever picks them.
  for (int node = first_node_; node < first_node_ + node_count_; ++node) {
    free_ppus_[node] = ppus_per_node;
    const int leaf = layout.leaf_of_node(node);
    free_nodes_in_leaf_.insert(node);
    ++free_nodes_in_pod_[layout.pod_of_leaf(leaf)];
  }
}

int NodePool::whole_nodes_needed(int ppus) const {
  // Rounded-up division written so that it cannot overflow near INT_MAX (ppus > 0 here).
  return ppus <= ppus_per_node_ ? 0 : (ppus - 1) / ppus_per_node_ + 1;
}

bool NodePool::ever_fits(int ppus) const { return ppus >= 1 && whole_nodes_needed(ppus) <= node_count_; }

bool NodePool::host_ever_fits(int ppus, const HostRequest& job_host) const {
  // A job sharing a node needs one large enough host; one of whole nodes needs as many hosts
  // as nodes that each hold its share.
  if (!hosts_.modelled()) return true;
  const int whole = whole_nodes_needed(ppus);
  return whole == 0 ? hosts_.fits_largest_empty_node(job_host)
                    : hosts_.empty_nodes_holding(job_host.per_node(whole)) >= whole;
}

int NodePool::free_nodes_holding(const HostRequest& share) const {
  if (!hosts_.modelled() || hosts_.fits_every_empty_node(share)) return free_node_count_;
  // Hosts of several sizes and a share only the larger hold: rare, so a scan.
  int count = 0;
  for (int node = first_node_; node < first_node_ + node_count_; ++node)
    count += free_ppus_[node] == ppus_per_node_ && hosts_.empty_node_holds(node, share) ? 1 : 0;
  return count;
}

std::optional<Allocation> NodePool::allocate(int ppus, const AllocationLimits& given_limits, int ppu_milli,
                                             double expected_end_s, const HostRequest& job_host) {
  const int whole = ppu_milli < FractionalPpus::kWhole ? 0 : whole_nodes_needed(ppus);
  const bool host_checked = hosts_.modelled() && !job_host.empty();
  if (host_checked && whole > 0 && !host_ever_fits(ppus, job_host)) return std::nullopt;
  const AllocationLimits limits = limits_with_host(given_limits, whole, job_host);
  if (ppu_milli < FractionalPpus::kWhole) {
    std::optional<Allocation> allocation = allocate_fraction(ppu_milli, limits, expected_end_s);
    if (allocation && host_checked) hold_host(*allocation, job_host);
    return allocation;
  }
  if (whole == 0) {
    const std::optional<int> node = pick_shared_node(ppus, limits, expected_end_s);
    if (!node) return std::nullopt;
    Allocation allocation = take_on_node(*node, ppus, expected_end_s);
    if (host_checked) hold_host(allocation, job_host);
    return allocation;
  }
  // Hosts of several sizes, and a share only some hold: the whole nodes must be chosen among those.
  if (host_checked && !hosts_.fits_every_empty_node(job_host.per_node(whole)))
    return take_whole_nodes_holding(whole, limits, job_host.per_node(whole));
  return take_whole_nodes(whole, limits);
}

AllocationLimits NodePool::limits_with_host(const AllocationLimits& given, int whole_nodes,
                                            const HostRequest& job_host) const {
  // A job that shares a node needs its host request free there too: every picker skips the
  // nodes the limits exclude, so the request joins the limits.
  AllocationLimits limits = given;
  if (hosts_.modelled() && !job_host.empty() && whole_nodes == 0) {
    limits.hosts = &hosts_;
    limits.host_request = job_host;
  }
  return limits;
}

std::optional<Allocation> NodePool::allocate_whole_nodes(int count, const HostRequest& per_node_host) {
  if (count < 1 || (hosts_.modelled() && !hosts_.fits_every_empty_node(per_node_host))) return std::nullopt;
  return take_whole_nodes(count, AllocationLimits{});
}

std::optional<Allocation> NodePool::take_whole_nodes(int whole, const AllocationLimits& limits) {
  if (whole > free_node_count_) return std::nullopt;
  if (limits.max_free_nodes_consumed >= 0 && whole > limits.max_free_nodes_consumed) return std::nullopt;
  std::vector<int> nodes = pick_whole_nodes(whole);
  for (int node : nodes) {
    // Rare: a node the reservation counts on is among the chosen. Keep the reservation intact.
    if (limits.excludes(node)) return std::nullopt;
  }
  return commit_whole_nodes(std::move(nodes));
}

std::optional<Allocation> NodePool::take_whole_nodes_holding(int whole, const AllocationLimits& limits,
                                                             const HostRequest& per_node_host) {
  if (whole > free_node_count_) return std::nullopt;
  if (limits.max_free_nodes_consumed >= 0 && whole > limits.max_free_nodes_consumed) return std::nullopt;
  // Rare (a pool of mixed hosts, a share only the larger hold), so a scan of the pool's nodes.
  // Pack's leaf rule over the nodes whose hosts hold the share, whatever the placement: the
  // tightest leaf group that holds the job, else the leaf groups with the most such nodes first
  // (ties to the lower leaf), so that the job spans few leaf groups.
  std::map<int, std::vector<int>> holding_by_leaf;
  for (int node = first_node_; node < first_node_ + node_count_; ++node) {
    if (free_ppus_[node] == ppus_per_node_ && !limits.excludes(node) &&
        hosts_.empty_node_holds(node, per_node_host))
      holding_by_leaf[layout_.leaf_of_node(node)].push_back(node);
  }
  std::vector<const std::vector<int>*> leaves;
  for (const auto& [leaf, nodes_in_leaf] : holding_by_leaf) leaves.push_back(&nodes_in_leaf);
  const auto tightest = std::min_element(leaves.begin(), leaves.end(), [&](const auto* a, const auto* b) {
    const bool a_holds = std::ssize(*a) >= whole, b_holds = std::ssize(*b) >= whole;
    return a_holds != b_holds ? a_holds : a_holds && a->size() < b->size();
  });
  if (tightest != leaves.end() && std::ssize(**tightest) >= whole) {
    leaves = {*tightest};
  } else {
    std::stable_sort(leaves.begin(), leaves.end(),
                     [](const auto* a, const auto* b) { return a->size() > b->size(); });
  }
  std::vector<int> nodes;
  for (const std::vector<int>* leaf : leaves) {
    for (int node : *leaf) {
      if (std::ssize(nodes) < whole) nodes.push_back(node);
    }
  }
  if (std::ssize(nodes) < whole) return std::nullopt;
  return commit_whole_nodes(std::move(nodes));
}

Allocation NodePool::commit_whole_nodes(std::vector<int> nodes) {
  Allocation allocation;
  allocation.nodes = std::move(nodes);
  for (int node : allocation.nodes) {
    take_free_node(node);
    free_ppus_[node] = 0;
    jobs_on_node_[node] = 1;
  }
  free_ppus_total_ -= static_cast<long long>(allocation.nodes.size()) * ppus_per_node_;
  allocation.ppus_per_node = ppus_per_node_;
  allocation.whole_nodes = true;
  return allocation;
}

Allocation NodePool::take_on_node(int node, int ppus, double expected_end_s) {
  const int old_free = free_ppus_[node];
  if (old_free == ppus_per_node_) take_free_node(node);
  set_partial(node, old_free, old_free - ppus);
  free_ppus_[node] -= ppus;
  ++jobs_on_node_[node];
  free_ppus_total_ -= ppus;
  Allocation allocation;
  allocation.nodes = {node};
  allocation.ppus_per_node = ppus;
  if (tracks_release(expected_end_s)) {
    release_times_.add(node, expected_end_s);
    allocation.expected_end_s = expected_end_s;
  }
  return allocation;
}

std::optional<NodePool::FractionTarget> NodePool::pick_fraction_target(int milli,
                                                                       const AllocationLimits& limits,
                                                                       double expected_end_s) {
  if (placement_ == PlacementPolicy::Fgd) {
    const auto choice = fgd_fraction_target(milli, limits);
    return choice ? std::optional<FractionTarget>(choice->target) : std::nullopt;
  }
  std::optional<int> shared;
  if (placement_ == PlacementPolicy::Random) {
    shared = random_shared_ppu(milli, limits);
  } else if (tracks_release(expected_end_s)) {
    shared = fractional_.least_delay_fit(milli, limits, release_times_, expected_end_s);
  } else {
    shared = fractional_.best_fit(milli, limits);
  }
  if (shared) return FractionTarget{*shared, fractional_.node_of(*shared)};
  // No open shared PPU has room: open one on a node chosen as for a one-PPU job.
  const std::optional<int> node = pick_shared_node(1, limits, -1);
  if (!node) return std::nullopt;
  return FractionTarget{-1, *node};
}

std::optional<Allocation> NodePool::allocate_fraction(int milli, const AllocationLimits& limits,
                                                      double expected_end_s) {
  const std::optional<FractionTarget> target = pick_fraction_target(milli, limits, expected_end_s);
  if (!target) return std::nullopt;
  int shared = target->shared_ppu;
  if (shared >= 0) {
    ++jobs_on_node_[target->node];
  } else {
    // The new shared PPU is taken like a one-PPU job (which counts this job on the node; its
    // expected end is this job's, registered below).
    take_on_node(target->node, 1, -1);
    shared = fractional_.open(target->node);
  }
  fractional_.take(shared, milli);
  Allocation allocation;
  allocation.nodes = {target->node};
  allocation.shared_ppu = shared;
  allocation.ppu_milli = milli;
  if (tracks_release(expected_end_s)) {
    release_times_.add(allocation.nodes.front(), expected_end_s);
    allocation.expected_end_s = expected_end_s;
  }
  return allocation;
}

void NodePool::hold_host(Allocation& allocation, const HostRequest& job_host) {
  hosts_.take(allocation.nodes.front(), job_host);
  allocation.host_held = job_host;
}

void NodePool::release_fraction(const Allocation& allocation) {
  const int node = allocation.nodes.front();
  hosts_.give_back(node, allocation.host_held);
  if (tracks_release(allocation.expected_end_s)) release_times_.remove(node, allocation.expected_end_s);
  if (fractional_.give_back(allocation.shared_ppu, allocation.ppu_milli)) {
    Allocation shared_ppu;  // the PPU's last job: the PPU returns to the pool
    shared_ppu.nodes = {node};
    shared_ppu.ppus_per_node = 1;
    release(shared_ppu);
  } else {
    --jobs_on_node_[node];
  }
}

void NodePool::release(const Allocation& allocation) {
  if (allocation.is_fractional()) {
    release_fraction(allocation);
    return;
  }
  if (tracks_release(allocation.expected_end_s))
    release_times_.remove(allocation.nodes.front(), allocation.expected_end_s);
  if (!allocation.host_held.empty()) hosts_.give_back(allocation.nodes.front(), allocation.host_held);
  for (int node : allocation.nodes) {
    const int old_free = free_ppus_[node];
    const int new_free = old_free + allocation.ppus_per_node;
    set_partial(node, old_free, new_free);
    free_ppus_[node] = new_free;
    --jobs_on_node_[node];
    if (new_free == ppus_per_node_) return_free_node(node);
  }
  free_ppus_total_ += allocation.held_ppus();
}

int NodePool::withdraw_free(int node) {
  const int old_free = free_ppus_[node];
  if (old_free == 0) return 0;
  if (old_free == ppus_per_node_) take_free_node(node);
  set_partial(node, old_free, 0);
  free_ppus_[node] = 0;
  free_ppus_total_ -= old_free;
  return old_free;
}

void NodePool::restore(int node, int ppus) {
  if (ppus == 0) return;
  const int old_free = free_ppus_[node];
  const int new_free = old_free + ppus;
  set_partial(node, old_free, new_free);
  free_ppus_[node] = new_free;
  free_ppus_total_ += ppus;
  if (new_free == ppus_per_node_) return_free_node(node);
}

std::optional<int> NodePool::pick_shared_node(int ppus, const AllocationLimits& limits,
                                              double expected_end_s) {
  if (placement_ == PlacementPolicy::Random) return random_shared_node(ppus, limits);
  if (placement_ == PlacementPolicy::Fgd) {
    const auto choice = fgd_shared_node(ppus, limits);
    return choice ? std::optional<int>(choice->target) : std::nullopt;
  }
  if (tracks_release(expected_end_s)) {
    if (std::optional<int> node = pick_partial_node_by_release(ppus, limits, expected_end_s)) return node;
  } else {
    // Best fit among partially used nodes keeps whole nodes free for multi-node jobs.
    for (int free = ppus; free <= most_partial_free_; ++free) {
      for (int node : nodes_by_free_[free]) {
        if (!limits.excludes(node)) return node;
      }
    }
  }
  return first_node_with_free(ppus_per_node_, limits);
}

std::optional<int> NodePool::pick_partial_node_by_release(int ppus, const AllocationLimits& limits,
                                                          double expected_end_s) const {
  // Fragmentation-aware: the partially used node whose coming wholly free the job delays the
  // least (node_release_times.hpp); ties by best fit (fewest free PPUs), then by node. The scan
  // goes by free PPUs, so the first node it delays by nothing is the answer.
  std::optional<int> best;
  double best_delay = 0;
  for (int free = ppus; free <= most_partial_free_; ++free) {
    for (int node : nodes_by_free_[free]) {
      if (limits.excludes(node)) continue;
      const double delay = release_times_.delay_if_added(node, expected_end_s);
      if (!best || delay < best_delay) {
        best = node;
        best_delay = delay;
        if (delay == 0) return best;
      }
    }
  }
  return best;
}

int NodePool::pick_leaf_for_one_node(const AllocationLimits& limits) const {
  // Pack: the leaf with the fewest free nodes, so large free blocks survive. Spread: the most.
  // Free nodes the reservation counts on are skipped (fully free nodes are never excluded in
  // practice: the reservation counts free nodes by number, so only a few leaves are touched).
  int best = -1;
  int best_free = 0;
  for (int leaf = 0; leaf < layout_.leaves; ++leaf) {
    int free = 0;
    if (free_nodes_in_leaf_.count(leaf) == 0) continue;
    for (int node : free_nodes_in_leaf_.in_leaf(leaf)) {
      if (!limits.excludes(node)) {
        free = free_nodes_in_leaf_.count(leaf);
        break;
      }
    }
    if (free == 0) continue;
    const bool better =
        best < 0 || (placement_ == PlacementPolicy::Spread ? free > best_free : free < best_free);
    if (better) {
      best = leaf;
      best_free = free;
    }
  }
  return best;
}

std::vector<int> NodePool::pick_whole_nodes(int count) {
  // FGD packs them: every wholly free node has fragmentation 0 before and after (docs/models.md).
  if (placement_ == PlacementPolicy::Random) return random_whole_nodes(count);
  return placement_ == PlacementPolicy::Spread ? spread_whole_nodes(count) : pack_whole_nodes(count);
}

std::optional<int> NodePool::first_node_with_free(int free, const AllocationLimits& limits) const {
  if (free < ppus_per_node_) {
    for (int node : nodes_by_free_[free]) {
      if (!limits.excludes(node)) return node;
    }
    return std::nullopt;
  }
  if (free_node_count_ == 0 || limits.max_free_nodes_consumed == 0) return std::nullopt;
  const int leaf = pick_leaf_for_one_node(limits);
  if (leaf < 0) return std::nullopt;
  for (int node : free_nodes_in_leaf_.in_leaf(leaf)) {
    if (!limits.excludes(node)) return node;
  }
  return std::nullopt;
}

std::vector<int> NodePool::pack_whole_nodes(int count) const {
  auto leaf_free = [this](int leaf) { return free_nodes_in_leaf_.count(leaf); };
  std::vector<int> chosen;
  chosen.reserve(count);
  auto take_from_leaves = [&](std::vector<int> leaves) {
    // Fullest-free leaves first: the job then spans as few leaf groups as possible.
    std::stable_sort(leaves.begin(), leaves.end(), [&](int a, int b) { return leaf_free(a) > leaf_free(b); });
    for (int leaf : leaves) {
      for (int node : free_nodes_in_leaf_.in_leaf(leaf)) {
        if (static_cast<int>(chosen.size()) == count) return;
        chosen.push_back(node);
      }
    }
  };

  // 1. One leaf group that fits, the tightest one (best fit).
  int best_leaf = -1;
  for (int leaf = 0; leaf < layout_.leaves; ++leaf) {
    const int free = leaf_free(leaf);
    if (free >= count && (best_leaf < 0 || free < leaf_free(best_leaf))) best_leaf = leaf;
  }
  if (best_leaf >= 0) {
    take_from_leaves({best_leaf});
    return chosen;
  }
  // 2. One pod that fits, the tightest one; inside it, as few leaves as possible.
  int best_pod = -1;
  for (int pod = 0; pod < layout_.pods; ++pod) {
    const int free = free_nodes_in_pod_[pod];
    if (free >= count && (best_pod < 0 || free < free_nodes_in_pod_[best_pod])) best_pod = pod;
  }
  std::vector<int> leaves;
  if (best_pod >= 0) {
    const int first = layout_.first_leaf_of_pod(best_pod);
    leaves.resize(layout_.leaves_in_pod(best_pod));
    std::iota(leaves.begin(), leaves.end(), first);
    take_from_leaves(std::move(leaves));
    return chosen;
  }
  // 3. Across pods: fullest-free pods first, and inside each the fullest-free leaves.
  std::vector<int> pods(layout_.pods);
  std::iota(pods.begin(), pods.end(), 0);
  std::stable_sort(pods.begin(), pods.end(),
                   [this](int a, int b) { return free_nodes_in_pod_[a] > free_nodes_in_pod_[b]; });
  for (int pod : pods) {
    if (static_cast<int>(chosen.size()) == count) break;
    std::vector<int> pod_leaves(layout_.leaves_in_pod(pod));
    std::iota(pod_leaves.begin(), pod_leaves.end(), layout_.first_leaf_of_pod(pod));
    take_from_leaves(std::move(pod_leaves));
  }
  return chosen;
}

std::vector<int> NodePool::spread_whole_nodes(int count) const {
  // One node per leaf group in turn: the opposite of packing, for comparisons.
  std::vector<FreeNodesByLeaf::Range> next;
  next.reserve(layout_.leaves);
  for (int leaf = 0; leaf < layout_.leaves; ++leaf) next.push_back(free_nodes_in_leaf_.in_leaf(leaf));
  std::vector<int> chosen;
  chosen.reserve(count);
  while (static_cast<int>(chosen.size()) < count) {
    for (int leaf = 0; leaf < layout_.leaves && static_cast<int>(chosen.size()) < count; ++leaf) {
      if (next[leaf].first != next[leaf].last) chosen.push_back(*next[leaf].first++);
    }
  }
  // Ring order: grouped by leaf, so each leaf boundary is crossed once.
  std::sort(chosen.begin(), chosen.end());
  return chosen;
}

void NodePool::take_free_node(int node) {
  const int leaf = layout_.leaf_of_node(node);
  free_nodes_in_leaf_.erase(node);
  --free_nodes_in_pod_[layout_.pod_of_leaf(leaf)];
  --free_node_count_;
}

void NodePool::return_free_node(int node) {
  const int leaf = layout_.leaf_of_node(node);
  free_nodes_in_leaf_.insert(node);
  ++free_nodes_in_pod_[layout_.pod_of_leaf(leaf)];
  ++free_node_count_;
}

void NodePool::set_partial(int node, int old_free, int new_free) {
  if (old_free > 0 && old_free < ppus_per_node_) nodes_by_free_[old_free].erase(node);
  if (new_free > 0 && new_free < ppus_per_node_) {
    nodes_by_free_[new_free].insert(node);
    most_partial_free_ = std::max(most_partial_free_, new_free);
  }
  // Amortized: the bound only steps down past buckets that emptied.
  while (most_partial_free_ > 0 && nodes_by_free_[most_partial_free_].empty()) --most_partial_free_;
}

}  // namespace ppusim
