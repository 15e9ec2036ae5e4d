#include "sim/scheduler/tenant_ledger.hpp"

#include <algorithm>

#include "sim/core/random.hpp"

namespace ppusim {

namespace {
constexpr double kLn2 = 0.69314718055994530942;
}  // namespace

TenantLedger::TenantLedger(const TenantsSpec& tenants, double half_life_s) : half_life_s_(half_life_s) {
  for (const TenantSpec& spec : tenants.tenants) {
    Tenant tenant;
    tenant.guarantee_milli = spec.guaranteed_ppus * kMilli;
    tenant.burst_milli = spec.burst_ppus * kMilli;
    tenant.weight = spec.weight;
    tenant.priority = spec.priority;
    tenants_.push_back(std::move(tenant));
  }
}

std::int64_t TenantLedger::borrowed_milli(int tenant) const {
  const Tenant& t = tenants_[tenant];
  return std::max<std::int64_t>(0, t.use_milli - t.guarantee_milli);
}

void TenantLedger::started(int id, int tenant, std::int64_t milli, double now) {
  if (tenant < 0) return;
  advance(now);
  tenants_[tenant].use_milli += milli;
  tenants_[tenant].running.insert(id);
  held_[id] = {tenant, milli};
}

int TenantLedger::stopped(int id, double now) {
  const auto it = held_.find(id);
  if (it == held_.end()) return -1;
  advance(now);
  const Held held = it->second;
  held_.erase(it);
  tenants_[held.tenant].use_milli -= held.milli;
  tenants_[held.tenant].running.erase(id);
  return held.tenant;
}

void TenantLedger::advance(double now) {
  if (!(now > advanced_to_)) return;
  const double elapsed_s = now - advanced_to_;
  advanced_to_ = now;
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
