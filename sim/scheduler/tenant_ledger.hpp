// What each tenant holds now and has used lately (docs/tenants.md): the scheduler's view of
// quotas. A tenant's use is the PPUs its running work holds (an interrupted job's too, until
// it gives them back); the part above its guarantee is borrowed. Its decayed usage is the
// PPU-seconds it held, each weighted by 2^(-age / half-life), as Slurm's fair share decays
// usage with PriorityDecayHalfLife (docs/models.md, section l).
//
// Quantities are in thousandths of a PPU (milli-PPUs), so that fractional jobs add up exactly.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <vector>

#include "sim/config/tenant_spec.hpp"

namespace ppusim {

class TenantLedger {
 public:
  static constexpr std::int64_t kMilli = 1000;

  TenantLedger(const TenantsSpec& tenants, double half_life_s);

  bool enabled() const { return !tenants_.empty(); }
  int count() const { return static_cast<int>(tenants_.size()); }
  std::int64_t guarantee_milli(int tenant) const { return tenants_[tenant].guarantee_milli; }
  std::int64_t burst_milli(int tenant) const { return tenants_[tenant].burst_milli; }
  std::int64_t use_milli(int tenant) const { return tenants_[tenant].use_milli; }
  /// Use above the guarantee (0 when within it).
  std::int64_t borrowed_milli(int tenant) const;
  double weight(int tenant) const { return tenants_[tenant].weight; }
  std::int64_t priority(int tenant) const { return tenants_[tenant].priority; }

  /// Work `id` of `tenant` (-1: none, not counted) holds `milli` from `now`.
  void started(int id, int tenant, std::int64_t milli, double now);
  /// Work `id` gives back what it held; returns its tenant (-1: none or not held).
  int stopped(int id, double now);
  /// The running work of `tenant`, by id.
  const std::set<int>& running_of(int tenant) const { return tenants_[tenant].running; }

  /// Brings the decayed usages forward to `now` (time never goes back).
  void advance(double now);
  /// The tenant's decayed usage in PPU-seconds as of the last advance.
  double decayed_usage(int tenant) const { return tenants_[tenant].decayed_ppu_s; }

 private:
  struct Tenant {
    std::int64_t guarantee_milli = 0;
    std::int64_t burst_milli = 0;
    double weight = 1;
    std::int64_t priority = 0;
    std::int64_t use_milli = 0;
    double decayed_ppu_s = 0;
    std::set<int> running;
  };
  struct Held {
    int tenant;
    std::int64_t milli;
  };

  std::vector<Tenant> tenants_;
  std::map<int, Held> held_;
  double half_life_s_;
  double advanced_to_ = 0;
};

}  // namespace ppusim
