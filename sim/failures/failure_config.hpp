// Reads the scenario's `failures` block and a cloud economics block's `spot` block
// (docs/config.md, docs/failures.md). Errors name the JSON path (InputError).
#pragma once

#include "sim/core/json_reader.hpp"
#include "sim/failures/failure_spec.hpp"

namespace ppusim {

/// `component_counts` bounds the indices of scheduled events: {ppu, hbm, node, nic, link, switch}.
FailureSpec read_failures(JsonReader r,
                          const std::array<long long, kHardwareComponentKinds>& component_counts);

SpotSpec read_spot(JsonReader r);

}  // namespace ppusim
