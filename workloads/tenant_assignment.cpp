#include "workloads/tenant_assignment.hpp"

#include <algorithm>
#include <map>
#include <vector>

#include "sim/core/edit_distance.hpp"
#include "sim/core/input_error.hpp"
#include "sim/core/random.hpp"

namespace ppusim {

namespace {

/// Stream number of the tenant draw (random.hpp, stream_seed); the generator's own streams
/// are small integers (synthetic_generator.cpp).
constexpr std::uint64_t kTenantStream = 0x7E4A47;

std::string unknown_tenant_message(const JobSpec& job, const TenantsSpec& tenants) {
  std::string message = job.origin + ": /tenant: found \"" + job.tenant + "\", expected ";
  if (!tenants.enabled()) return message + "no tenant (the scenario has no \"tenants\")";
  std::vector<std::string> names;
  for (const TenantSpec& tenant : tenants.tenants) names.push_back(tenant.name);
  message += "one of the scenario's tenants";
  if (const std::optional<std::string> close = closest_name(job.tenant.str(), names)) {
    message += " (did you mean \"" + *close + "\"?)";
  }
  return message;
}

}  // namespace

void resolve_tenants(JobTrace& trace, const TenantsSpec& tenants, bool skip_bad_rows) {
  std::map<std::string, int, std::less<>> index;
  for (int i = 0; i < tenants.count(); ++i) index.emplace(tenants.tenants[i].name, i);
  bool any_bad = false;
  for (JobSpec& job : trace.jobs) {
    if (job.tenant.empty()) continue;
    const auto it = index.find(job.tenant.str());
    if (it != index.end()) {
      job.tenant_index = it->second;
      continue;
    }
    if (!skip_bad_rows) throw InputError(unknown_tenant_message(job, tenants));
    job.tenant_index = -2;  // marked for removal below
    any_bad = true;
  }
  if (!any_bad) return;
  const auto bad = [](const JobSpec& job) { return job.tenant_index == -2; };
  trace.skipped_rows += std::count_if(trace.jobs.begin(), trace.jobs.end(), bad);
  std::erase_if(trace.jobs, bad);
  if (trace.jobs.empty())
    throw InputError("no usable job: every job names a tenant the scenario does not list");
}

void draw_tenants(JobTrace& trace, const TenantsSpec& tenants, std::uint64_t seed) {
  if (!tenants.enabled()) return;
  std::vector<double> cumulative;
  double total = 0;
  for (const TenantSpec& tenant : tenants.tenants) cumulative.push_back(total += tenant.job_share);
  std::vector<InternedString> names;  // interned once, not once per job
  for (const TenantSpec& tenant : tenants.tenants) names.emplace_back(tenant.name);
  Rng rng(stream_seed(seed, kTenantStream));
  for (JobSpec& job : trace.jobs) {
    job.tenant_index = static_cast<int>(rng.categorical(cumulative));
    job.tenant = names[job.tenant_index];
  }
}

}  // namespace ppusim
