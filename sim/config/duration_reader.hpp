// Reads a DurationDistribution object: {"distribution": "fixed", "value_s": …},
// {"distribution": "uniform", "min_s": …, "max_s": …} or
// {"distribution": "lognormal", "median_s": …, "sigma": …}.
#pragma once

#include "sim/config/duration_distribution.hpp"
#include "sim/core/json_reader.hpp"

namespace ppusim {

DurationDistribution read_duration(JsonReader r);

}  // namespace ppusim
