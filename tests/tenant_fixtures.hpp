// What tests of tenants share: a job given to a tenant, and a run's report row of one tenant.
#pragma once

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "sim/app/isolated_run.hpp"
#include "workloads/job_spec.hpp"

namespace ppusim::test {

inline JobSpec of_tenant(JobSpec job, int tenant_index, const std::string& name) {
  job.tenant_index = tenant_index;
  job.tenant = name;
  return job;
}

/// The run's report.json row of tenant `name` (a test failure if it has none).
inline const nlohmann::json& tenant_row(const IsolatedRunOutput& run, const std::string& name) {
  for (const nlohmann::json& row : run.report["tenants"]) {
    if (row["name"] == name) return row;
  }
  FAIL("no tenant row " << name);
  static const nlohmann::json none;
  return none;
}

}  // namespace ppusim::test
