#include "sim/scheduler/multifactor_priority.hpp"

#include <algorithm>

#include "sim/core/random.hpp"

namespace ppusim {

namespace {
constexpr double kLn2 = 0.69314718055994530942;
}  // namespace

void MultifactorPriority::refresh(const TenantLedger& ledger, const ResourcePool& pool) {
  // Classic fair share reads only the decayed usages (and the fixed weights and priorities):
  // while advance() has not changed them, as between a pass's two rounds, the factors hold.
  // DRF's follow what runs, which changes with every start and end.
  if (!fills_progressively() && refreshed_at_usage_update_ == ledger.usage_updates()) return;
  refreshed_at_usage_update_ = ledger.usage_updates();
  const int tenants = ledger.count();
  double total_weight = 0;
  double total_usage = 0;
  std::int64_t top_priority = 0;
  for (int t = 0; t < tenants; ++t) {
    total_weight += ledger.weight(t);
    total_usage += ledger.decayed_usage(t);
    top_priority = std::max(top_priority, ledger.priority(t));
  }
  shares_.assign(tenants, 0.0);
  usage_shares_.assign(tenants, 0.0);
  fair_share_.assign(tenants, 1.0);
  fair_share_fresh_.assign(tenants, fills_progressively());
  tenant_factor_.assign(tenants, 0.0);
  if (fills_progressively()) dominant_.refresh(ledger, pool);
  for (int t = 0; t < tenants; ++t) {
    shares_[t] = ledger.weight(t) / total_weight;
    if (fills_progressively()) {
      update_dominant_factor(t);
    } else {
      usage_shares_[t] = total_usage > 0 ? ledger.decayed_usage(t) / total_usage : 0.0;
    }
    if (top_priority > 0)
      tenant_factor_[t] = static_cast<double>(ledger.priority(t)) / static_cast<double>(top_priority);
  }
}

double MultifactorPriority::fair_share_factor(int tenant) const {
  if (tenant < 0) return 1.0;
  if (!fair_share_fresh_[tenant]) {
    // 2^(−U/S) with the portable exp (sim/core/random.hpp): the same order on every platform.
    fair_share_[tenant] = portable_exp(-kLn2 * usage_shares_[tenant] / shares_[tenant]);
    fair_share_fresh_[tenant] = true;
  }
  return fair_share_[tenant];
}

void MultifactorPriority::update_dominant_factor(int tenant) {
  // 2^(−d/S): strictly falling in d/S, so with the other factors equal the tenant of the lowest
  // weighted dominant share goes first, as DRF's progressive filling picks.
  fair_share_[tenant] = portable_exp(-kLn2 * dominant_.share(tenant) / shares_[tenant]);
}

void MultifactorPriority::started(int tenant, int ppu_type, const HeldResources& held) {
  if (tenant < 0 || !fills_progressively()) return;
  dominant_.started(tenant, ppu_type, held);
  update_dominant_factor(tenant);
}

double MultifactorPriority::age_factor(double waited_s) const {
  if (!(waited_s > 0)) return 0;
  return std::min(1.0, waited_s / spec_.max_age_s);
}

double MultifactorPriority::priority(int tenant, double submit_s, double now) const {
  const double age = spec_.age_weight * age_factor(now - submit_s);
  const double fair_share = spec_.fair_share_weight * fair_share_factor(tenant);
  const double tenant_part = spec_.tenant_weight * tenant_factor(tenant);
  return age + fair_share + tenant_part;
}

}  // namespace ppusim
