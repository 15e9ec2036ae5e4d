// A random duration: fixed, uniform on [min, max], or log-normal (median, sigma). Used for
// setup stages (docs/setup.md) and repair times (docs/failures.md).
#pragma once

#include "sim/core/random.hpp"

namespace ppusim {

struct DurationDistribution {
  enum class Kind { Fixed, Uniform, LogNormal };
  Kind kind = Kind::Fixed;
  double a = 0;  // fixed value, uniform min, or log-normal median
  double b = 0;  // uniform max, or log-normal sigma
};

/// One draw; a fixed duration draws nothing, so it leaves the stream where it was.
inline double draw_duration(const DurationDistribution& d, Rng& rng) {
  switch (d.kind) {
    case DurationDistribution::Kind::Fixed:
      return d.a;
    case DurationDistribution::Kind::Uniform:
      return d.a + (d.b - d.a) * rng.uniform01();
    case DurationDistribution::Kind::LogNormal:
      return rng.lognormal(d.a, d.b);
  }
  return d.a;
}

}  // namespace ppusim
