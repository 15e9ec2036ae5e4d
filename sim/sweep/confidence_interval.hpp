// The mean of a metric across seeds and the 95% confidence interval of that mean.
//
// Seeds are independent replications of one configuration, so the interval is Student's:
//   mean ± t(0.975, n − 1) · s / √n,   s² = Σ (x − mean)² / (n − 1)
// with t the 97.5% quantile of Student's t distribution with n − 1 degrees of freedom
// (Boost.Math computes it through the inverse regularized incomplete beta function). With one
// seed there is no interval; with identical values it has zero width.
//
// The interval is symmetric, so for a non-negative metric with a wide spread it can reach below
// zero (a wait of −34.7 s). Every metric of a report is a count, a time, an amount of money or
// energy, or a fraction, so when every sample is >= 0 the lower bound is clamped at 0: the
// clamped bound still covers the true mean whenever the symmetric one did (docs/sweeps.md).
#pragma once

#include <algorithm>
#include <optional>
#include <vector>

namespace ppusim {

struct MeanWithInterval {
  int samples = 0;
  double mean = 0;
  /// Half the width of the 95% interval; absent with fewer than two samples.
  std::optional<double> half_width;
  /// Every sample was >= 0: the metric cannot be negative, nor can its lower bound.
  bool non_negative = false;

  double lower() const {
    if (!half_width) return mean;
    return non_negative ? std::max(0.0, mean - *half_width) : mean - *half_width;
  }
  double upper() const { return half_width ? mean + *half_width : mean; }
};

/// The p-quantile of Student's t distribution with `degrees_of_freedom` (> 0) degrees.
double student_t_quantile(double p, int degrees_of_freedom);

/// Mean and 95% interval of `values` (not empty).
MeanWithInterval mean_with_95_interval(const std::vector<double>& values);

}  // namespace ppusim
