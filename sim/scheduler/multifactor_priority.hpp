// Slurm's multifactor job priority, reduced to the factors ppusim has (docs/models.md,
// section l; https://slurm.schedmd.com/priority_multifactor.html and, for the fair-share
// factor, https://slurm.schedmd.com/classic_fair_share.html):
//
//   priority = w_age · A + w_fs · F + w_tenant · P
//   A = min(1, (now − submit) / max_age)            age factor
//   F = 2^(−U / S)                                  classic fair-share factor
//       S = weight_t / Σ weights                    normalized shares
//       U = usage_t / Σ usage                       normalized decayed usage (0 if none yet)
//   P = priority_t / max priority                   tenant (QOS) factor (0 if every one is 0)
//
// With scheduler.priority.fair_share "drf", F is dominant resource fairness's instead
// (Ghodsi et al., NSDI'11; dominant_shares.hpp):
//
//   F = 2^(−d / S)                                  d = the tenant's dominant share held now
//
// which falls as the tenant holds more, and is ½ where its dominant share equals its normalized
// share, as the classic F is where its usage does. It changes as soon as the tenant starts
// work (started()), so that one pass fills progressively, as the paper's algorithm does.
//
// A job without a tenant has F = 1 (it has used nothing that counts) and P = 0.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "sim/config/scenario.hpp"
#include "sim/scheduler/dominant_shares.hpp"
#include "sim/scheduler/held_resources.hpp"
#include "sim/scheduler/resource_pool.hpp"
#include "sim/scheduler/tenant_ledger.hpp"

namespace ppusim {

class MultifactorPriority {
 public:
  explicit MultifactorPriority(const SchedulerSpec& spec) : spec_(spec) {}

  /// Takes the tenants' fair-share and priority factors from `ledger` (and, for DRF, the
  /// capacities from `pool`) as of now. `ledger` is the same at every call (the policy's): what
  /// was taken from it is kept while its usage_updates() count stays the same.
  void refresh(const TenantLedger& ledger, const ResourcePool& pool);
  /// Work of `tenant` holding `held` of PPU type `ppu_type` has just started in this pass. DRF:
  /// the tenant's F falls at once. Classic: nothing changes (usage accrues over time).
  void started(int tenant, int ppu_type, const HeldResources& held);
  /// Whether started() changes the factors within a pass.
  bool fills_progressively() const { return spec_.fair_share == FairShareModel::DominantResource; }

  double fair_share_factor(int tenant) const;
  double tenant_factor(int tenant) const { return tenant < 0 ? 0.0 : tenant_factor_[tenant]; }
  double age_factor(double waited_s) const;
  double priority(int tenant, double submit_s, double now) const;

 private:
  /// F of `tenant` from its dominant share (DRF).
  void update_dominant_factor(int tenant);

  SchedulerSpec spec_;
  std::vector<double> shares_;        // S_t
  std::vector<double> usage_shares_;  // U_t (classic)
  // F_t. Classic: the usages change at every pass, and a pass reads F only for the tenants
  // whose work heads a queue, so each F is computed when first read after a refresh
  // (fair_share_fresh_ says which are); a cache, hence mutable. DRF: kept up to date.
  mutable std::vector<double> fair_share_;
  mutable std::vector<bool> fair_share_fresh_;
  std::vector<double> tenant_factor_;
  DominantShares dominant_;
  std::optional<std::uint64_t> refreshed_at_usage_update_;  // the ledger's usage_updates() then
};

}  // namespace ppusim
