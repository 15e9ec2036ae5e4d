// Reads a scenario's hardware blocks once their catalog references are resolved
// (catalog_reference.hpp): the chip (`ppu`) and the server (`node`), at the top level or in a
// pool of `cluster.pools` (pool_loader.hpp).
#pragma once

#include "sim/config/scenario.hpp"
#include "sim/core/json_reader.hpp"

namespace ppusim {

/// An inline `ppu` block; InputError naming the path for a missing or implausible figure.
PpuSpec read_ppu(JsonReader r);
/// An inline `node` block; InputError naming the path for a missing or implausible figure.
NodeSpec read_node(JsonReader r);

}  // namespace ppusim
