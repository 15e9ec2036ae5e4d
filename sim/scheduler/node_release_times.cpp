#include "sim/scheduler/node_release_times.hpp"

#include <algorithm>

namespace ppusim {

void NodeReleaseTimes::remove(int node, double end_s) {
  std::multiset<double>& ends = ends_[node];
  const auto it = ends.find(end_s);
  if (it != ends.end()) ends.erase(it);
}

double NodeReleaseTimes::delay_if_added(int node, double end_s) const {
  const std::multiset<double>& ends = ends_[node];
  if (ends.empty()) return end_s;
  return std::max(0.0, end_s - *ends.rbegin());
}

}  // namespace ppusim
