#include "sim/config/tenant_loader.hpp"

#include <nlohmann/json.hpp>
#include <set>
#include <string>

namespace ppusim {

namespace {

TenantSpec read_tenant(JsonReader r, std::int64_t cluster_ppus) {
  r.allow_only({"name", "guaranteed_ppus", "burst_ppus", "weight", "priority", "job_share"});
  TenantSpec tenant;
  tenant.name = r.string("name");
  const IntegerRange ppus = IntegerRange::positive().at_most(cluster_ppus);
  // Absent: no guarantee. Written, it must be positive: a 0 is more likely a slip than a
  // deliberate "none", and leaving the key out says that.
  tenant.guaranteed_ppus = r.integer_or("guaranteed_ppus", 0, ppus);
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

}  // namespace

TenantsSpec read_tenants(JsonReader& root, std::int64_t cluster_ppus) {
  TenantsSpec spec;
  if (!root.has("tenants")) return spec;
  const nlohmann::json& array = root.value().at("tenants");
  if (!array.is_array() || array.empty()) root.fail_found("tenants", "a non-empty array of tenant objects");
  std::set<std::string> names;
  std::int64_t guaranteed = 0;
  for (std::size_t i = 0; i < array.size(); ++i) {
    const std::string path = root.path_of("tenants") + "/" + std::to_string(i);
    JsonReader element(array[i], root.source(), path);
    spec.tenants.push_back(read_tenant(element, cluster_ppus));
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
  return spec;
}

}  // namespace ppusim
