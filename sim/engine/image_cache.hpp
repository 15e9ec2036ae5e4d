// Which container images each node holds: a least-recently-used cache of a few images per
// node. A node that runs a job whose image it holds skips the pull; one that does not pulls it
// and may evict the least recently used image. An image counts as held from the moment a job
// that needs it starts (a second job starting on that node meanwhile does not pull it again).
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

namespace ppusim {

class ImageCache {
 public:
  ImageCache(int nodes, int images_per_node) : images_per_node_(images_per_node), held_(nodes) {}

  /// Records that `nodes` run `image` now; returns those that had to pull it.
  std::vector<int> use(const std::vector<int>& nodes, const std::string& image);

 private:
  int id_of(const std::string& image);

  int images_per_node_;
  std::vector<std::vector<int>> held_;  // per node, most recently used first
  std::unordered_map<std::string, int> ids_;
};

}  // namespace ppusim
