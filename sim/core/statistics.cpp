#include "sim/core/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace ppusim {

double percentile_of_sorted(const std::vector<double>& sorted, double fraction) {
  if (sorted.empty()) return 0;
  const double position = fraction * (sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
}

Distribution summarize(std::vector<double> sample) {
  Distribution d;
  if (sample.empty()) return d;
  std::sort(sample.begin(), sample.end());
  d.count = sample.size();
  d.mean = std::accumulate(sample.begin(), sample.end(), 0.0) / sample.size();
  d.p50 = percentile_of_sorted(sample, 0.50);
  d.p90 = percentile_of_sorted(sample, 0.90);
  d.p99 = percentile_of_sorted(sample, 0.99);
  d.max = sample.back();
  return d;
}

}  // namespace ppusim
