// Arrival times of the synthetic generator's jobs (docs/workloads.md, "Arrival processes").
//
// Each process is an intensity λ(t) on [0, H), piecewise constant on segments; the `jobs`
// arrivals are independent draws from the density λ(t)/∫λ, sorted. That is the process
// conditioned on having exactly `jobs` arrivals in [0, H): the count is exact and every
// arrival lies inside the window, as for the plain Poisson arrivals.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/config/generator_distributions.hpp"
#include "sim/core/random.hpp"

namespace ppusim {

/// Piecewise-constant intensity: segment i covers [start_s[i], start_s[i+1]) (the last one ends
/// at the window's end) with relative rate rate[i].
struct IntensityProfile {
  std::vector<double> start_s;
  std::vector<double> rate;
};

/// The process's intensity over [0, duration_s). Diurnal cosines are evaluated at the midpoint
/// of each minute; bursty periods are drawn from `rng` (exponential calm and burst lengths,
/// starting calm).
IntensityProfile intensity_profile(const ArrivalSpec& spec, double duration_s, Rng& rng);

/// `count` sorted arrival times in [0, duration_s) from `profile`.
std::vector<double> draw_arrivals(const IntensityProfile& profile, double duration_s, std::size_t count,
                                  Rng& rng);

}  // namespace ppusim
