#include "sim/scheduler/tenant_ledger.hpp"

#include <algorithm>

#include "sim/core/random.hpp"

namespace ppusim {

namespace {
constexpr double kLn2 = 0.69314718055994530942;
}  // namespace

TenantLedger::TenantLedger(const TenantsSpec& tenants, double half_life_s)
    : pool_types_(tenants.pool_types),
      ppu_type_count_(std::max<int>(1, static_cast<int>(tenants.ppu_types.size()))),
      half_life_s_(half_life_s) {
  for (const TenantSpec& spec : tenants.tenants) {
    Tenant tenant;
    tenant.holdings = Holdings(ppu_type_count_);
    tenant.first_account = static_cast<int>(accounts_.size());
    tenant.by_type = !spec.guaranteed_by_type.empty();
    if (tenant.by_type) {
      for (std::int64_t type_ppus : spec.guaranteed_by_type) accounts_.push_back({type_ppus * kMilli, 0});
    } else {
      accounts_.push_back({spec.guaranteed_ppus * kMilli, 0});
    }
    tenant.guarantee_milli = spec.guaranteed_ppus * kMilli;
    tenant.burst_milli = spec.burst_ppus * kMilli;
    tenant.weight = spec.weight;
    tenant.priority = spec.priority;
    tenants_.push_back(std::move(tenant));
  }
}

std::int64_t TenantLedger::account_borrowed_milli(int account) const {
  const Account& a = accounts_[account];
  return std::max<std::int64_t>(0, a.use_milli - a.guarantee_milli);
}

void TenantLedger::started(int id, int tenant, const HeldResources& held, int pool, double now) {
  if (tenant < 0) return;
  advance(now);
  const int account = account_of(tenant, pool);
  const int ppu_type = type_of_pool(pool);
  tenants_[tenant].use_milli += held.ppu_milli;
  accounts_[account].use_milli += held.ppu_milli;
  tenants_[tenant].holdings.change(ppu_type, held, +1);
  tenants_[tenant].running.insert(id);
  held_[id] = {tenant, account, ppu_type, held};
}

int TenantLedger::stopped(int id, double now) {
  const auto it = held_.find(id);
  if (it == held_.end()) return -1;
  advance(now);
  const Held held = it->second;
  held_.erase(it);
  tenants_[held.tenant].use_milli -= held.resources.ppu_milli;
  accounts_[held.account].use_milli -= held.resources.ppu_milli;
  tenants_[held.tenant].holdings.change(held.ppu_type, held.resources, -1);
  tenants_[held.tenant].running.erase(id);
  return held.tenant;
}

void TenantLedger::advance(double now) {
  if (!(now > advanced_to_)) return;
  const double elapsed_s = now - advanced_to_;
  advanced_to_ = now;
  ++usage_updates_;
  // Over an interval of constant use r, usage U decays and grows as
  //   U(t0 + Δ) = U(t0)·d + r·h/ln 2·(1 − d),  d = 2^(−Δ/h),
  // the integral of r·2^(−(t0+Δ−τ)/h) over the interval (docs/models.md, section l). The
  // portable exp keeps it the same on every platform (sim/core/random.hpp).
  const double decay = portable_exp(-kLn2 * elapsed_s / half_life_s_);
  const double gain_per_ppu = half_life_s_ / kLn2 * (1 - decay);
  for (Tenant& tenant : tenants_) {
    const double ppus = static_cast<double>(tenant.use_milli) / kMilli;
    tenant.decayed_ppu_s = tenant.decayed_ppu_s * decay + ppus * gain_per_ppu;
  }
}

}  // namespace ppusim
