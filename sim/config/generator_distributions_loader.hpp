// Reading the optional parts of workload.generator (docs/config.md): "arrival", "size",
// "runtime" and "classes". Paths of empirical traces are resolved against the scenario's folder.
#pragma once

#include <string>

#include "sim/config/scenario.hpp"
#include "sim/core/json_reader.hpp"

namespace ppusim {

/// Reads the optional keys into `generator`; `r` is the generator object.
void read_generator_distributions(JsonReader& r, const std::string& source_path, GeneratorSpec& generator);

}  // namespace ppusim
