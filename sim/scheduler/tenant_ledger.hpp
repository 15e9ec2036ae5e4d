// What each tenant holds now and has used lately (docs/tenants.md): the scheduler's view of
// quotas. A tenant's use is the PPUs its running work holds (an interrupted job's too, until
// it gives them back); the part above its guarantee is borrowed. Its decayed usage is the
// PPU-seconds it held, each weighted by 2^(-age / half-life), as Slurm's fair share decays
// usage with PriorityDecayHalfLife (docs/models.md, section l).
//
// A guarantee is checked against a quota **account**: a tenant whose guarantee holds on any PPU
// type has one account, its total use; a tenant whose guarantee names PPU types has one per type
// (the use on that type's pools), a type it names no quota for guaranteeing 0. Borrowed capacity
// is an account's use above its guarantee. The burst limit is on the tenant's total use.
//
// For dominant resource fairness it also keeps what each tenant's work holds now of every
// resource (held_resources.hpp): PPUs per PPU type, CPU cores and memory.
//
// Quantities are in thousandths of a PPU (milli-PPUs), so that fractional jobs add up exactly.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <vector>

#include "sim/config/tenant_spec.hpp"
#include "sim/scheduler/held_resources.hpp"

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
  double weight(int tenant) const { return tenants_[tenant].weight; }
  std::int64_t priority(int tenant) const { return tenants_[tenant].priority; }

  /// The account that work of `tenant` on pool `pool` counts against.
  int account_of(int tenant, int pool) const {
    const Tenant& t = tenants_[tenant];
    return t.by_type ? t.first_account + type_of_pool(pool) : t.first_account;
  }
  int account_count() const { return static_cast<int>(accounts_.size()); }
  std::int64_t account_guarantee_milli(int account) const { return accounts_[account].guarantee_milli; }
  std::int64_t account_use_milli(int account) const { return accounts_[account].use_milli; }
  /// The account's use above its guarantee (0 when within it).
  std::int64_t account_borrowed_milli(int account) const;

  /// Work `id` of `tenant` (-1: none, not counted) holds `held` on pool `pool` from `now`.
  void started(int id, int tenant, const HeldResources& held, int pool, double now);
  /// Work `id` gives back what it held; returns its tenant (-1: none or not held).
  int stopped(int id, double now);
  /// The running work of `tenant`, by id.
  const std::set<int>& running_of(int tenant) const { return tenants_[tenant].running; }

  /// Brings the decayed usages forward to `now` (time never goes back).
  void advance(double now);
  /// The tenant's decayed usage in PPU-seconds as of the last advance.
  double decayed_usage(int tenant) const { return tenants_[tenant].decayed_ppu_s; }
  /// How many times advance() has changed the decayed usages: what was derived from them
  /// (the fair-share factors) still holds while this count stays the same.
  std::uint64_t usage_updates() const { return usage_updates_; }

  /// What the tenant's work holds now, by resource (dominant resource fairness).
  const Holdings& holdings(int tenant) const { return tenants_[tenant].holdings; }
  /// The PPU types holdings are counted by (at least 1), and the one of pool `pool`.
  int ppu_type_count() const { return ppu_type_count_; }
  int type_of_pool(int pool) const {
    return pool >= 0 && pool < static_cast<int>(pool_types_.size()) ? pool_types_[pool] : 0;
  }

 private:
  struct Account {
    std::int64_t guarantee_milli = 0;
    std::int64_t use_milli = 0;
  };
  struct Tenant {
    int first_account = 0;
    bool by_type = false;  // one account per PPU type, else one for any type
    std::int64_t guarantee_milli = 0;
    std::int64_t burst_milli = 0;
    double weight = 1;
    std::int64_t priority = 0;
    std::int64_t use_milli = 0;
    double decayed_ppu_s = 0;
    Holdings holdings;
    std::set<int> running;
  };
  struct Held {
    int tenant;
    int account;
    int ppu_type;
    HeldResources resources;
  };

  std::vector<Tenant> tenants_;
  std::vector<Account> accounts_;
  std::vector<int> pool_types_;
  int ppu_type_count_ = 1;
  std::map<int, Held> held_;
  double half_life_s_;
  double advanced_to_ = 0;
  std::uint64_t usage_updates_ = 0;
};

}  // namespace ppusim
