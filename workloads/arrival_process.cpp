#include "workloads/arrival_process.hpp"

#include <algorithm>
#include <cmath>

#include "sim/core/input_error.hpp"

// Determinism: no a*b+c on random draws (sim/core/random.hpp).

namespace ppusim {
namespace {

constexpr double kDayS = 86400;
constexpr double kHourS = 3600;
constexpr double kDiurnalStepS = 60;  // the cosine is held constant over each minute
constexpr double kTwoPi = 6.28318530717958647692;

IntensityProfile diurnal(const ArrivalSpec& spec, double duration_s) {
  IntensityProfile profile;
  if (spec.hourly_profile) {
    for (double t = 0; t < duration_s; t += kHourS) {
      profile.start_s.push_back(t);
      profile.rate.push_back((*spec.hourly_profile)[static_cast<std::size_t>(std::fmod(t, kDayS) / kHourS)]);
    }
    return profile;
  }
  const double peak_s = spec.peak_hour * kHourS;
  for (double t = 0; t < duration_s; t += kDiurnalStepS) {
    const double middle = t + kDiurnalStepS / 2;
    profile.start_s.push_back(t);
    profile.rate.push_back(1 + spec.amplitude * portable_cos(kTwoPi * ((middle - peak_s) / kDayS)));
  }
  return profile;
}

IntensityProfile bursty(const ArrivalSpec& spec, double duration_s, Rng& rng) {
  IntensityProfile profile;
  bool burst = false;
  for (double t = 0; t < duration_s;) {
    profile.start_s.push_back(t);
    profile.rate.push_back(burst ? spec.burst_multiplier : 1.0);
    t += rng.exponential() * (burst ? spec.mean_burst_s : spec.mean_calm_s);
    burst = !burst;
  }
  return profile;
}

}  // namespace

IntensityProfile intensity_profile(const ArrivalSpec& spec, double duration_s, Rng& rng) {
  switch (spec.process) {
    case ArrivalSpec::Process::Diurnal:
      return diurnal(spec, duration_s);
    case ArrivalSpec::Process::Bursty:
      return bursty(spec, duration_s, rng);
    case ArrivalSpec::Process::Poisson:
      break;
  }
  return {{0.0}, {1.0}};
}

std::vector<double> draw_arrivals(const IntensityProfile& profile, double duration_s, std::size_t count,
                                  Rng& rng) {
  const std::size_t segments = profile.start_s.size();
  std::vector<double> cumulative(segments);
  double total = 0;
  for (std::size_t i = 0; i < segments; ++i) {
    const double end = i + 1 < segments ? profile.start_s[i + 1] : duration_s;
    total += profile.rate[i] * (end - profile.start_s[i]);
    cumulative[i] = total;
  }
  if (!(total > 0)) throw InputError("generator: the arrival intensity is zero over the whole window");
  const double last_instant = std::nextafter(duration_s, 0.0);
  std::vector<double> arrivals(count);
  for (double& t : arrivals) {
    const std::size_t i = rng.categorical(cumulative);
    const double end = i + 1 < segments ? profile.start_s[i + 1] : duration_s;
    const double offset = rng.uniform01() * (end - profile.start_s[i]);
    t = std::min(profile.start_s[i] + offset, last_instant);
  }
  std::sort(arrivals.begin(), arrivals.end());
  return arrivals;
}

}  // namespace ppusim
