// Reads a scenario's `tenants` array (docs/config.md, "tenants"; docs/tenants.md).
#pragma once

#include <vector>

#include "sim/config/scenario.hpp"
#include "sim/config/tenant_spec.hpp"
#include "sim/core/json_reader.hpp"

namespace ppusim {

/// The tenants of `root` (a scenario) on the cluster's `pools`, or none when it has no `tenants`
/// key. Throws InputError naming the JSON path for a zero or negative guarantee, burst limit,
/// weight or job share, a burst limit below the guarantee, a repeated name, a quota naming a
/// PPU type no pool has, or guarantees that sum above the cluster's PPUs or above a PPU type's
/// (an error, not a warning: docs/tenants.md says why).
TenantsSpec read_tenants(JsonReader& root, const std::vector<PoolSpec>& pools);

}  // namespace ppusim
