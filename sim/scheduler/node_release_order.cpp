#include "sim/scheduler/node_release_order.hpp"

#include <algorithm>

namespace ppusim {

void NodeReleaseOrder::add(const EndKey& key, const std::vector<int>& nodes) {
  long long newly_busy = 0;  // nodes that were free: released by this job alone (batched)
  for (int node : nodes) {
    if (node >= static_cast<int>(jobs_on_.size())) {
      jobs_on_.resize(node + 1);
      latest_.resize(node + 1);
    }
    jobs_on_[node].push_back(key);
    std::optional<EndKey>& latest = latest_[node];
    if (!latest) {
      ++newly_busy;
      latest = key;
    } else if (*latest < key) {
      move_node(latest, key);
      latest = key;
    }
  }
  if (newly_busy > 0) add_count(key, newly_busy);
}

void NodeReleaseOrder::remove(const EndKey& key, const std::vector<int>& nodes) {
  long long now_free = 0;  // nodes this job was the last one on (batched)
  for (int node : nodes) {
    if (node >= static_cast<int>(jobs_on_.size())) continue;
    std::vector<EndKey>& keys = jobs_on_[node];
    const auto it = std::find(keys.begin(), keys.end(), key);
    if (it == keys.end()) continue;
    *it = keys.back();
    keys.pop_back();
    std::optional<EndKey>& latest = latest_[node];
    if (keys.empty()) {
      ++now_free;
      latest.reset();
    } else if (*latest == key) {
      const EndKey after = *std::max_element(keys.begin(), keys.end());
      move_node(latest, after);
      latest = after;
    }
  }
  if (now_free > 0) add_count(key, -now_free);
}

void NodeReleaseOrder::move_node(const std::optional<EndKey>& from, const std::optional<EndKey>& to) {
  if (from) add_count(*from, -1);
  if (to) add_count(*to, 1);
}

void NodeReleaseOrder::add_count(const EndKey& key, long long delta) {
  // The subtree sums are only refreshed on insertion and erasure, so a count changes by
  // erasing its entry and inserting the new one.
  const auto it = nodes_by_release_.find(key);
  if (it != nodes_by_release_.end()) {
    delta += it->second;
    nodes_by_release_.erase(it);
  }
  if (delta > 0) nodes_by_release_.insert({key, delta});
}

long long NodeReleaseOrder::busy_nodes() const {
  const auto root = nodes_by_release_.node_begin();
  return root == nodes_by_release_.node_end() ? 0 : root.get_metadata();
}

EndKey NodeReleaseOrder::kth_release(long long k) const {
  const auto end = nodes_by_release_.node_end();
  auto it = nodes_by_release_.node_begin();
  EndKey found{0, -1};
  while (it != end) {
    const auto left = it.get_l_child();
    const long long before = left == end ? 0 : left.get_metadata();
    if (k <= before) {
      it = left;
      continue;
    }
    k -= before;
    found = (*it)->first;
    if (k <= (*it)->second) break;
    k -= (*it)->second;
    it = it.get_r_child();
  }
  return found;
}

long long NodeReleaseOrder::released_by(const EndKey& key) const {
  const auto end = nodes_by_release_.node_end();
  auto it = nodes_by_release_.node_begin();
  long long released = 0;
  while (it != end) {
    const auto left = it.get_l_child();
    if ((*it)->first <= key) {
      released += (left == end ? 0 : left.get_metadata()) + (*it)->second;
      it = it.get_r_child();
    } else {
      it = left;
    }
  }
  return released;
}

std::optional<EndKey> NodeReleaseOrder::release_of(int node) const {
  if (node >= static_cast<int>(latest_.size())) return std::nullopt;
  return latest_[node];
}

long long released_by_among(const std::vector<const NodeReleaseOrder*>& orders, const EndKey& key) {
  return released_ppus_among(orders, std::vector<int>(orders.size(), 1), key);
}

EndKey kth_release_among(const std::vector<const NodeReleaseOrder*>& orders, long long k) {
  return release_freeing_ppus_among(orders, std::vector<int>(orders.size(), 1), k);
}

long long released_ppus_among(const std::vector<const NodeReleaseOrder*>& orders,
                              const std::vector<int>& weights, const EndKey& key) {
  long long released = 0;
  for (std::size_t i = 0; i < orders.size(); ++i) released += orders[i]->released_by(key) * weights[i];
  return released;
}

EndKey release_freeing_ppus_among(const std::vector<const NodeReleaseOrder*>& orders,
                                  const std::vector<int>& weights, long long ppus) {
  // The answer is the least release key K of any of the orders with released_ppus_among(K) >=
  // ppus (a count that grows with K). Each order's least such key is found by bisecting its
  // ranks; the least of those is the answer.
  std::optional<EndKey> least;
  for (const NodeReleaseOrder* order : orders) {
    long long low = 1;
    long long high = order->busy_nodes();
    if (high == 0 || released_ppus_among(orders, weights, order->kth_release(high)) < ppus) continue;
    while (low < high) {
      const long long mid = low + (high - low) / 2;
      if (released_ppus_among(orders, weights, order->kth_release(mid)) >= ppus) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    const EndKey key = order->kth_release(low);
    if (!least || key < *least) least = key;
  }
  return least.value_or(EndKey{0, -1});
}

}  // namespace ppusim
