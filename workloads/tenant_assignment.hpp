// Which tenant each job belongs to (docs/tenants.md): a trace row names it (`tenant`), and the
// generator draws it by the tenants' job shares.
#pragma once

#include <cstdint>

#include "sim/config/tenant_spec.hpp"
#include "workloads/job_spec.hpp"

namespace ppusim {

/// Sets each job's tenant_index from its tenant name. A name the scenario does not list (or
/// any name when it lists no tenants) is an InputError naming the job's origin (its trace
/// line); with `skip_bad_rows` the job is dropped and counted in trace.skipped_rows instead.
/// A job without a name belongs to no tenant (docs/tenants.md, "Jobs without a tenant").
void resolve_tenants(JobTrace& trace, const TenantsSpec& tenants, bool skip_bad_rows);

/// Draws each generated job's tenant, with probability job_share / sum of job_shares, from a
/// stream of its own (so the jobs' other draws do not change). Nothing without tenants.
void draw_tenants(JobTrace& trace, const TenantsSpec& tenants, std::uint64_t seed);

}  // namespace ppusim
