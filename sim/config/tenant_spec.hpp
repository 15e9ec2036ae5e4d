// The tenants that share one cluster (docs/tenants.md): who they are, what capacity each is
// guaranteed, how far each may burst beyond it, and what the fair-share and priority
// calculations weigh them by. Plain data filled by the loader (tenant_loader.hpp).
//
// Quotas are PPUs of the cluster's one PPU type. When a cluster has several node pools
// (issue #14, §1), a quota becomes one such figure per PPU type; every use of a quota goes
// through TenantSpec, so that change stays here and in the loader.
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

  bool enabled() const { return !tenants.empty(); }
  int count() const { return static_cast<int>(tenants.size()); }
};

}  // namespace ppusim
