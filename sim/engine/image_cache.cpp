#include "sim/engine/image_cache.hpp"

#include <algorithm>

namespace ppusim {

int ImageCache::id_of(const std::string& image) {
  const auto [it, added] = ids_.emplace(image, static_cast<int>(ids_.size()));
  return it->second;
}

std::vector<int> ImageCache::use(const std::vector<int>& nodes, const std::string& image) {
  if (images_per_node_ == 0) return nodes;  // no cache: every node pulls
  const int id = id_of(image);
  std::vector<int> pulls;
  for (int node : nodes) {
    std::vector<int>& held = held_[node];
    auto it = std::find(held.begin(), held.end(), id);
    if (it == held.end()) {
      pulls.push_back(node);
      held.insert(held.begin(), id);
      if (static_cast<int>(held.size()) > images_per_node_) held.pop_back();
    } else {
      std::rotate(held.begin(), it, it + 1);  // move to the front: most recently used
    }
  }
  return pulls;
}

}  // namespace ppusim
