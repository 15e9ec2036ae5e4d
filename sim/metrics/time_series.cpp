#include "sim/metrics/time_series.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace ppusim {

void BinnedSeries::add(double t0, double t1, double rate, double limit_s) {
  t1 = std::min(t1, limit_s);
  if (!(t1 > t0) || rate == 0) return;
  const auto first = static_cast<std::size_t>(t0 / bin_width_s_);
  const auto last = static_cast<std::size_t>(std::ceil(t1 / bin_width_s_));
  if (integral_.size() < last) integral_.resize(last, 0.0);
  for (std::size_t bin = first; bin < last; ++bin) {
    const double lo = std::max(t0, bin * bin_width_s_);
    const double hi = std::min(t1, (bin + 1) * bin_width_s_);
    if (hi > lo) integral_[bin] += rate * (hi - lo);
  }
}

std::vector<double> BinnedSeries::bins(double end_s) const {
  const auto count = static_cast<std::size_t>(std::ceil(end_s / bin_width_s_));
  std::vector<double> result(count, 0.0);
  std::copy_n(integral_.begin(), std::min(count, integral_.size()), result.begin());
  return result;
}

double BinnedSeries::total() const { return std::accumulate(integral_.begin(), integral_.end(), 0.0); }

}  // namespace ppusim
