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
// A job without a tenant has F = 1 (it has used nothing that counts) and P = 0.
#pragma once

#include <vector>

#include "sim/config/scenario.hpp"
#include "sim/scheduler/tenant_ledger.hpp"

namespace ppusim {

class MultifactorPriority {
 public:
  explicit MultifactorPriority(const SchedulerSpec& spec) : spec_(spec) {}

  /// Takes the tenants' fair-share and priority factors from `ledger` as of now.
  void refresh(const TenantLedger& ledger);
  double fair_share_factor(int tenant) const { return tenant < 0 ? 1.0 : fair_share_[tenant]; }
  double tenant_factor(int tenant) const { return tenant < 0 ? 0.0 : tenant_factor_[tenant]; }
  double age_factor(double waited_s) const;
  double priority(int tenant, double submit_s, double now) const;

 private:
  SchedulerSpec spec_;
  std::vector<double> fair_share_;
  std::vector<double> tenant_factor_;
};

}  // namespace ppusim
