// The mean of a metric across seeds and the 95% confidence interval of that mean.
//
// Seeds are independent replications of one configuration, so the interval is Student's:
//   mean ± t(0.975, n − 1) · s / √n,   s² = Σ (x − mean)² / (n − 1)
// with t the 97.5% quantile of Student's t distribution with n − 1 degrees of freedom
// (Boost.Math computes it through the inverse regularized incomplete beta function). With one
// seed there is no interval; with identical values it has zero width.
#pragma once

#include <optional>
#include <vector>

namespace ppusim {

struct MeanWithInterval {
  int samples = 0;
  double mean = 0;
  /// Half the width of the 95% interval; absent with fewer than two samples.
  std::optional<double> half_width;

  double lower() const { return half_width ? mean - *half_width : mean; }
  double upper() const { return half_width ? mean + *half_width : mean; }
};

/// The p-quantile of Student's t distribution with `degrees_of_freedom` (> 0) degrees.
double student_t_quantile(double p, int degrees_of_freedom);

/// Mean and 95% interval of `values` (not empty).
MeanWithInterval mean_with_95_interval(const std::vector<double>& values);

}  // namespace ppusim
