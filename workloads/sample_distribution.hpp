// Drawing from a SampleDistribution (docs/workloads.md, "Size and run-time distributions"):
// parametric heavy tails by inversion with the portable log and exp, or resampling the values
// of a trace (the empirical distribution, whose quantiles a large sample reproduces).
#pragma once

#include <vector>

#include "sim/config/generator_distributions.hpp"
#include "sim/core/random.hpp"

namespace ppusim {

class SampleSource {
 public:
  /// `values` are the empirical sample (unused for parametric kinds).
  SampleSource(SampleDistribution spec, std::vector<double> values);
  double draw(Rng& rng) const;

 private:
  SampleDistribution spec_;
  std::vector<double> values_;
};

/// What an empirical distribution resamples: the job sizes (PPUs, `sizes`) or run times
/// (measured durations, or a request trace's service times) of spec.trace_path read in
/// spec.trace_format. InputError when the trace holds none.
std::vector<double> empirical_values(const SampleDistribution& spec, bool sizes);

}  // namespace ppusim
