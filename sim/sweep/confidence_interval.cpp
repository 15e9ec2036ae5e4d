#include "sim/sweep/confidence_interval.hpp"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <stdexcept>

namespace ppusim {

double student_t_quantile(double p, int degrees_of_freedom) {
  if (degrees_of_freedom <= 0) throw std::invalid_argument("Student t needs at least one degree of freedom");
  const boost::math::students_t distribution(static_cast<double>(degrees_of_freedom));
  return boost::math::quantile(distribution, p);
}

MeanWithInterval mean_with_95_interval(const std::vector<double>& values) {
  if (values.empty()) throw std::invalid_argument("a mean needs at least one value");
  MeanWithInterval result;
  result.samples = static_cast<int>(values.size());
  double sum = 0;
  for (double value : values) sum += value;
  result.non_negative = std::all_of(values.begin(), values.end(), [](double value) { return value >= 0; });
  result.mean = sum / result.samples;
  if (result.samples < 2) return result;
  // Two-pass variance: the deviations are small against the mean for metrics such as
  // utilization, where the one-pass formula would cancel.
  double squares = 0;
  for (double value : values) squares += (value - result.mean) * (value - result.mean);
  const double standard_error = std::sqrt(squares / (result.samples - 1) / result.samples);
  result.half_width = student_t_quantile(0.975, result.samples - 1) * standard_error;
  return result;
}

}  // namespace ppusim
