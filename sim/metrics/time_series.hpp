// Quantities integrated over fixed-width time bins: each interval [t0, t1) with a constant
// rate adds rate × overlap to every bin it overlaps. Bins grow as time advances; finish()
// cuts them at the end of the accounting window.
#pragma once

#include <vector>

namespace ppusim {

class BinnedSeries {
 public:
  explicit BinnedSeries(double bin_width_s) : bin_width_s_(bin_width_s) {}

  /// Adds `rate` (units per second) over [t0, t1), clipped at `limit_s`.
  void add(double t0, double t1, double rate, double limit_s);
  double bin_width_s() const { return bin_width_s_; }
  /// Integrals per bin, the last bin cut at `end_s`.
  std::vector<double> bins(double end_s) const;
  double total() const;

 private:
  double bin_width_s_;
  std::vector<double> integral_;
};

}  // namespace ppusim
