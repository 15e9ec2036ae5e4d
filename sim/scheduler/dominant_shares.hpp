// Dominant resource fairness's measure of a tenant (Ghodsi et al., "Dominant Resource Fairness:
// Fair Allocation of Multiple Resource Types", NSDI'11; docs/models.md, section l): its
// dominant share
//
//   d_t = max over resources r of  held_{t,r} / capacity_r
//
// over the resources r = the PPUs of each PPU type (pools of one chip together, as quotas count
// them), the CPU cores and the memory of the pools that model them. A resource no pool has
// (capacity 0: no pool models CPU, say) does not count. Capacities are what is installed, as in
// the paper: a node out of service for a failure still counts.
//
// The holdings are the tenant ledger's as of the pass (tenant_ledger.hpp); the priority policy
// adds each start of the pass to them (progressive filling) without waiting for the ledger.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/scheduler/held_resources.hpp"
#include "sim/scheduler/resource_pool.hpp"
#include "sim/scheduler/tenant_ledger.hpp"

namespace ppusim {

class DominantShares {
 public:
  /// Takes the capacities from `pool` and every tenant's holdings from `ledger` as of now.
  void refresh(const TenantLedger& ledger, const ResourcePool& pool);
  /// Work of `tenant` holding `held` of PPU type `ppu_type` started in this pass.
  void started(int tenant, int ppu_type, const HeldResources& held);
  /// d_t of `tenant`, in [0, 1].
  double share(int tenant) const;

 private:
  Holdings capacity_;
  std::vector<Holdings> held_;  // per tenant
};

}  // namespace ppusim
