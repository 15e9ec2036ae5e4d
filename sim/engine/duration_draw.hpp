// Drawing a setup duration (provisioning) from its distribution with a given random stream.
#pragma once

#include "sim/config/scenario.hpp"
#include "workloads/random.hpp"

namespace ppusim {

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
