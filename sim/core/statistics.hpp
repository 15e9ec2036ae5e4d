// Summary statistics of a sample, as the report prints them.
#pragma once

#include <vector>

namespace ppusim {

struct Distribution {
  std::size_t count = 0;
  double mean = 0;
  double p50 = 0;
  double p90 = 0;
  double p99 = 0;
  double max = 0;
};

/// Percentiles interpolate linearly between order statistics (the "linear" method of
/// Hyndman & Fan, type 7, numpy's default). An empty sample gives all zeros.
Distribution summarize(std::vector<double> sample);

double percentile_of_sorted(const std::vector<double>& sorted, double fraction);

}  // namespace ppusim
