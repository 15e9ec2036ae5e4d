// Reads a scenario's `tenants` array (docs/config.md, "tenants"; docs/tenants.md).
#pragma once

#include <cstdint>

#include "sim/config/tenant_spec.hpp"
#include "sim/core/json_reader.hpp"

namespace ppusim {

/// The tenants of `root` (a scenario), or none when it has no `tenants` key. Throws InputError
/// naming the JSON path for a zero or negative guarantee, burst limit, weight or job share, a
/// burst limit below the guarantee, a repeated name, or guarantees that sum above
/// `cluster_ppus` (an error, not a warning: docs/tenants.md says why).
TenantsSpec read_tenants(JsonReader& root, std::int64_t cluster_ppus);

}  // namespace ppusim
