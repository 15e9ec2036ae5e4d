#include "sim/config/tenant_loader.hpp"

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "sim/config/ppu_type_match.hpp"

namespace ppusim {

namespace {

/// The PPU types quotas may name, and what the cluster has of each.
struct PpuTypes {
  std::vector<std::string> names;     // each chip's `name`, once, in pool order
  std::vector<const PpuSpec*> chips;  // the first pool's chip of each type, for name matching
  std::vector<std::int64_t> ppus;     // the cluster's PPUs of each type
  std::vector<int> of_pool;

  explicit PpuTypes(const std::vector<PoolSpec>& pools) {
    for (const PoolSpec& pool : pools) {
      int type = 0;
      while (type < static_cast<int>(names.size()) && names[type] != pool.ppu.name) ++type;
      if (type == static_cast<int>(names.size())) {
        names.push_back(pool.ppu.name);
        chips.push_back(&pool.ppu);
        ppus.push_back(0);
      }
      ppus[type] += pool.ppus();
      of_pool.push_back(type);
    }
  }

  /// The type a quota key names (a chip's name or its catalog name, any case); -1: none.
  int named(const std::string& key) const {
    for (std::size_t t = 0; t < chips.size(); ++t) {
      if (key != "any" && ppu_type_names_chip(key, *chips[t])) return static_cast<int>(t);
    }
    return -1;
  }

  std::string listed() const {
    std::string text;
    for (const std::string& name : names) text += (text.empty() ? "\"" : ", \"") + name + "\"";
    return text;
  }
};

/// `guaranteed_ppus` as an object of PPU type -> PPUs: the guarantee per type.
std::vector<std::int64_t> read_guarantee_by_type(JsonReader& r, const PpuTypes& types) {
  const nlohmann::json& object = r.value().at("guaranteed_ppus");
  if (object.empty())
    r.fail_found("guaranteed_ppus", "a positive integer, or a non-empty object of PPU types");
  JsonReader quota(object, r.source(), r.path_of("guaranteed_ppus"));
  std::vector<std::int64_t> by_type(types.names.size(), 0);
  for (const auto& [key, value] : object.items()) {
    const int type = types.named(key);
    if (type < 0) {
      quota.fail_at(key, "found the PPU type \"" + key + "\", expected a PPU type of the scenario's pools (" +
                             types.listed() + ")");
    }
    if (by_type[type] > 0)
      quota.fail_at(key, "found a second quota for PPU type \"" + types.names[type] + "\"");
    by_type[type] = quota.integer(key, IntegerRange::positive().at_most(types.ppus[type]));
  }
  return by_type;
}

TenantSpec read_tenant(JsonReader r, const PpuTypes& types, std::int64_t cluster_ppus) {
  r.allow_only({"name", "guaranteed_ppus", "burst_ppus", "weight", "priority", "job_share"});
  TenantSpec tenant;
  tenant.name = r.string("name");
  const IntegerRange ppus = IntegerRange::positive().at_most(cluster_ppus);
  // Absent: no guarantee. Written, it must be positive: a 0 is more likely a slip than a
  // deliberate "none", and leaving the key out says that. An object gives it per PPU type.
  if (r.has("guaranteed_ppus") && r.value().at("guaranteed_ppus").is_object()) {
    tenant.guaranteed_by_type = read_guarantee_by_type(r, types);
    for (std::int64_t type_ppus : tenant.guaranteed_by_type) tenant.guaranteed_ppus += type_ppus;
  } else {
    tenant.guaranteed_ppus = r.integer_or("guaranteed_ppus", 0, ppus);
  }
  tenant.burst_ppus = r.integer_or("burst_ppus", cluster_ppus, ppus);
  if (tenant.burst_ppus < tenant.guaranteed_ppus) {
    r.fail_found("burst_ppus", "an integer >= " + r.path_of("guaranteed_ppus") + " (" +
                                   std::to_string(tenant.guaranteed_ppus) +
                                   "): the burst limit counts the guarantee in");
  }
  const NumberRange share = NumberRange::positive().at_most(1e9);
  tenant.weight = r.number_or("weight", tenant.weight, share);
  tenant.priority =
      r.integer_or("priority", tenant.priority, IntegerRange::non_negative().at_most(1000000000));
  tenant.job_share = r.number_or("job_share", tenant.weight, share);
  r.finish();
  return tenant;
}

/// Guarantees of one PPU type that sum above the cluster's PPUs of that type: the same error,
/// for the same reason, as guarantees above the whole cluster.
void check_type_sums(const JsonReader& root, const TenantsSpec& spec, const PpuTypes& types) {
  std::vector<std::int64_t> sum(types.names.size(), 0);
  for (std::size_t i = 0; i < spec.tenants.size(); ++i) {
    const std::vector<std::int64_t>& by_type = spec.tenants[i].guaranteed_by_type;
    for (std::size_t type = 0; type < by_type.size(); ++type) {
      sum[type] += by_type[type];
      if (by_type[type] == 0 || sum[type] <= types.ppus[type]) continue;
      const std::string path = root.path_of("tenants") + "/" + std::to_string(i);
      JsonReader quota(root.value().at("tenants")[i].at("guaranteed_ppus"), root.source(),
                       path + "/guaranteed_ppus");
      for (const auto& [key, value] : quota.value().items()) {
        if (types.named(key) != static_cast<int>(type)) continue;
        quota.fail_found(key, "guarantees of PPU type \"" + types.names[type] +
                                  "\" that sum to at most its " + std::to_string(types.ppus[type]) +
                                  " PPUs in the pools (tenants 0.." + std::to_string(i) + " sum to " +
                                  std::to_string(sum[type]) + ")");
      }
    }
  }
}

}  // namespace

TenantsSpec read_tenants(JsonReader& root, const std::vector<PoolSpec>& pools) {
  TenantsSpec spec;
  if (!root.has("tenants")) return spec;
  const nlohmann::json& array = root.value().at("tenants");
  if (!array.is_array() || array.empty()) root.fail_found("tenants", "a non-empty array of tenant objects");
  const PpuTypes types(pools);
  spec.ppu_types = types.names;
  spec.pool_types = types.of_pool;
  std::int64_t cluster_ppus = 0;
  for (std::int64_t type_ppus : types.ppus) cluster_ppus += type_ppus;
  std::set<std::string> names;
  std::int64_t guaranteed = 0;
  for (std::size_t i = 0; i < array.size(); ++i) {
    const std::string path = root.path_of("tenants") + "/" + std::to_string(i);
    JsonReader element(array[i], root.source(), path);
    spec.tenants.push_back(read_tenant(element, types, cluster_ppus));
    if (!names.insert(spec.tenants.back().name).second)
      element.fail_found("name", "a name no other tenant has");
    guaranteed += spec.tenants.back().guaranteed_ppus;
    // A guarantee is a promise to preempt borrowers until it is met; promises beyond the
    // cluster cannot all be kept at once, and which one would break would depend on timing.
    if (guaranteed > cluster_ppus) {
      element.fail_found("guaranteed_ppus", "guarantees that sum to at most the cluster's " +
                                                std::to_string(cluster_ppus) + " PPUs (tenants 0.." +
                                                std::to_string(i) + " sum to " + std::to_string(guaranteed) +
                                                ")");
    }
  }
  check_type_sums(root, spec, types);
  return spec;
}

}  // namespace ppusim
