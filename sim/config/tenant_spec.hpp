// The tenants that share one cluster (docs/tenants.md): who they are, what capacity each is
// guaranteed, how far each may burst beyond it, and what the fair-share and priority
// calculations weigh them by. Plain data filled by the loader (tenant_loader.hpp).
//
// A guarantee is one figure for any PPU type (the cluster's PPUs in total), or one figure per
// PPU type when the cluster's pools have several chips (issue #14, §3). The burst limit is one
// figure, the total over every type.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ppusim {

struct TenantSpec {
  std::string name;
  /// PPUs the tenant is guaranteed: its jobs within it are never preempted, and a job that
  /// would stay within it may preempt other tenants' borrowed capacity. 0: none (all of its
  /// use is borrowed).
  std::int64_t guaranteed_ppus = 0;
  /// The guarantee per PPU type (an index into TenantsSpec::ppu_types), when the quota names
  /// types; then guaranteed_ppus is their sum. Empty: guaranteed_ppus holds on any type.
  std::vector<std::int64_t> guaranteed_by_type;
  /// The most PPUs the tenant may hold at once, guarantee included.
  std::int64_t burst_ppus = 0;
  /// Fair-share shares (Slurm's "shares" of an account): the tenant's normalized share is
  /// weight / sum of weights.
  double weight = 1;
  /// The tenant's priority factor numerator (Slurm's QOS priority), normalized by the largest.
  std::int64_t priority = 0;
  /// The generator draws a job's tenant with probability job_share / sum of job_shares.
  double job_share = 1;
};

/// The scenario's tenants, in the order given; a job's tenant is an index into it.
struct TenantsSpec {
  std::vector<TenantSpec> tenants;
  /// The PPU types a quota may name: the pools' chips (their `name`), each once, in pool order.
  std::vector<std::string> ppu_types;
  /// Pool k's PPU type, an index into ppu_types.
  std::vector<int> pool_types;

  bool enabled() const { return !tenants.empty(); }
  int count() const { return static_cast<int>(tenants.size()); }
  /// The PPU type of pool `pool` (0 when the spec was built without pools, as in tests).
  int type_of_pool(int pool) const {
    return pool >= 0 && pool < static_cast<int>(pool_types.size()) ? pool_types[pool] : 0;
  }
};

}  // namespace ppusim
