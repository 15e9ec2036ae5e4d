// Tenants, quotas, preemption, the priority policy and chargeback (docs/tenants.md), each
// against hand arithmetic worked in the comments. Simulations run in a child process.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "sim/app/isolated_run.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/core/input_error.hpp"
#include "sim/report/tenant_report.hpp"
#include "sim/scheduler/multifactor_priority.hpp"
#include "sim/scheduler/tenant_ledger.hpp"
#include "tests/minimal_scenario_json.hpp"
#include "tests/scenario_fixtures.hpp"
#include "workloads/tenant_assignment.hpp"
#include "workloads/trace_reader.hpp"

using namespace ppusim;
using namespace ppusim::test;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

TenantSpec tenant(const std::string& name, std::int64_t guaranteed, std::int64_t burst, double weight = 1) {
  TenantSpec t;
  t.name = name;
  t.guaranteed_ppus = guaranteed;
  t.burst_ppus = burst;
  t.weight = weight;
  t.job_share = weight;
  return t;
}

JobSpec of_tenant(JobSpec job, int tenant_index, const std::string& name) {
  job.tenant_index = tenant_index;
  job.tenant = name;
  return job;
}

const json& tenant_row(const IsolatedRunOutput& run, const std::string& name) {
  for (const json& row : run.report["tenants"]) {
    if (row["name"] == name) return row;
  }
  FAIL("no tenant row " << name);
  static const json none;
  return none;
}

}  // namespace

TEST_CASE("a job within its guarantee preempts a borrower, which loses its work since its last checkpoint",
          "[tenants]") {
  // One node of 8 PPUs, each 1e15 FLOP/s. Tenant A is guaranteed 4 PPUs; tenant B has no
  // guarantee and may burst to 8. Checkpoints every C = 100 s of progress; each job's state,
  // 1e9 B, moves over the node's 10 GB/s storage link in 0.1 s.
  //   b (B, 8 PPUs, 8e18 FLOP = 1,000 s) starts at 0: loads 0.1 s, trains from 0.1, writes at
  //     progress 100 and 200 (0.1 s each): it borrows all 8 PPUs.
  //   a (A, 4 PPUs, 4e18 FLOP = 1,000 s) arrives at 250.3, within A's guarantee (0 + 4 <= 4),
  //     and does not fit: b is preempted at once. Its progress is 250.3 − 0.1 − 0.2 = 250 s,
  //     of which 200 s saved: lost 50 s, i.e. 50 · 8 / 3600 PPU-h. It gives its PPUs back at
  //     250.3 and is queued again; a starts at 250.3.
  //   a ends at 250.3 + 0.1 (load) + 1,000 + 9 · 0.1 (writes at 100 … 900) = 1,251.3.
  //   b (8 PPUs, does not fit beside a) restarts at 1,251.3 from its checkpoint: 800 s left,
  //     writes at 100 … 700: ends at 1,251.3 + 0.1 + 800 + 0.7 = 2,052.1.
  Scenario scenario = tiny_scenario(1, 8, 1);
  scenario.failures.enabled = true;
  scenario.failures.checkpoint.interval_s = 100;
  scenario.tenants.tenants = {tenant("A", 4, 8), tenant("B", 0, 8)};
  JobSpec b = of_tenant(flops_job("b", 0, 8, 8e18), 1, "B");
  JobSpec a = of_tenant(flops_job("a", 250.3, 4, 4e18), 0, "A");
  b.checkpoint_bytes = 1e9;
  a.checkpoint_bytes = 1e9;
  const auto run = simulate_in_child_process(scenario, trace_of({b, a}));
  CHECK(run.jobs[1]["start_s"].get<double>() == Approx(250.3).epsilon(1e-12));
  CHECK(run.jobs[1]["end_s"].get<double>() == Approx(1251.3).epsilon(1e-9));
  CHECK(run.jobs[0]["end_s"].get<double>() == Approx(2052.1).epsilon(1e-9));
  CHECK(run.jobs[0]["productive_s"].get<double>() == Approx(1000).epsilon(1e-9));
  // A preemption is not a failure.
  CHECK(run.report["failures"]["interruptions"] == 0);
  const json& row_b = tenant_row(run, "B");
  CHECK(row_b["preemptions"] == 1);
  CHECK(row_b["preempted_lost_ppu_hours"].get<double>() == Approx(50.0 * 8 / 3600).epsilon(1e-9));
  // Allocated: A 4 · (1,251.3 − 250.3) = 4,004 PPU-s; B 8 · 250.3 + 8 · (2,052.1 − 1,251.3) =
  // 8,408.8 PPU-s, all of it borrowed (B has no guarantee); A borrows nothing.
  const json& row_a = tenant_row(run, "A");
  CHECK(row_a["allocated_ppu_hours"].get<double>() == Approx(4004.0 / 3600).epsilon(1e-9));
  CHECK(row_b["allocated_ppu_hours"].get<double>() == Approx(8408.8 / 3600).epsilon(1e-9));
  CHECK(row_a["mean_borrowed_ppus"].get<double>() == 0);
  CHECK(row_b["mean_borrowed_ppus"].get<double>() == Approx(8408.8 / 2052.1).epsilon(1e-9));
  CHECK(row_a["allocated_share"].get<double>() == Approx(4004.0 / (4004.0 + 8408.8)).epsilon(1e-9));
  // Chargeback: the shares, in cents, sum to the run's cost.
  const double total = run.report["cost"]["total_usd"].get<double>();
  const std::int64_t cents = std::llround(row_a["chargeback_usd"].get<double>() * 100) +
                             std::llround(row_b["chargeback_usd"].get<double>() * 100);
  CHECK(cents == std::llround(total * 100));
  CHECK(run.report["tenants"].size() == 2);  // no "(no tenant)" row: every job has a tenant
}

TEST_CASE("no preemption when the waiting job already borrows", "[tenants]") {
  // Same node; A's guarantee is 2, so a (4 PPUs) would borrow: it waits for b instead, and b
  // is not preempted: a starts when b ends at 1,000 (no checkpoints).
  Scenario scenario = tiny_scenario(1, 8, 1);
  scenario.tenants.tenants = {tenant("A", 2, 8), tenant("B", 0, 8)};
  const auto run =
      simulate_in_child_process(scenario, trace_of({of_tenant(flops_job("b", 0, 8, 8e18), 1, "B"),
                                                    of_tenant(flops_job("a", 250, 4, 4e18), 0, "A")}));
  CHECK(run.jobs[1]["start_s"].get<double>() == Approx(1000).epsilon(1e-12));
  CHECK(tenant_row(run, "B")["preemptions"] == 0);
}

TEST_CASE("the priority policy orders four jobs by fair share", "[tenants][scheduler]") {
  // One PPU of 1e15 FLOP/s; tenants X and Y, equal weights (S = 1/2 each), a half-life so long
  // that usage does not decay in 130 s (2^(−130/1e9) = 1 − 9e−8).
  //   j0 (X, 100 s) starts at 0. j1 (X) at 10, j2 (Y) at 20, j3 (Y) at 30, each 10 s, wait.
  //   At 100: usage X 100, Y 0 PPU-s: U_X = 1, F_X = 2^(−1/0.5) = 0.25; F_Y = 2^0 = 1.
  //     Priorities (fair-share weight 10,000, age weight 1,000 over 7 days: under 0.15):
  //     j2 ≈ j3 ≈ 10,000 > j1 ≈ 2,500; j2 is older than j3: j2 runs 100–110.
  //   At 110: X 100, Y 10: U_Y = 10/110, F_Y = 2^(−0.18) = 0.88 > F_X = 2^(−1.82) = 0.28:
  //     j3 runs 110–120, then j1 120–130. FIFO would have run j1, j2, j3.
  Scenario scenario = tiny_scenario(1, 1, 1);
  scenario.scheduler.policy = SchedulingPolicy::Priority;
  scenario.scheduler.fair_share_half_life_s = 1e9;
  scenario.tenants.tenants = {tenant("X", 0, 1), tenant("Y", 0, 1)};
  const auto run =
      simulate_in_child_process(scenario, trace_of({of_tenant(flops_job("j0", 0, 1, 100e15), 0, "X"),
                                                    of_tenant(flops_job("j1", 10, 1, 10e15), 0, "X"),
                                                    of_tenant(flops_job("j2", 20, 1, 10e15), 1, "Y"),
                                                    of_tenant(flops_job("j3", 30, 1, 10e15), 1, "Y")}));
  std::vector<double> starts;
  for (const json& job : run.jobs) starts.push_back(job["start_s"].get<double>());
  CHECK(starts == std::vector<double>{0, 120, 100, 110});
  CHECK(run.report["scenario"]["scheduler"] == "priority");
}

TEST_CASE("the fair-share factor is 2^(-U/S) of decayed usage", "[tenants][scheduler]") {
  // X holds 4 PPUs for one half-life h = 3,600 s: usage 4 · h / ln 2 · (1 − 1/2) = 10,387.6
  // PPU-s; Y none. U_X = 1, S_X = 1/2: F_X = 2^(−2) = 0.25; F_Y = 2^0 = 1.
  TenantsSpec tenants;
  tenants.tenants = {tenant("X", 0, 8), tenant("Y", 0, 8)};
  TenantLedger ledger(tenants, 3600);
  ledger.started(0, 0, 4 * TenantLedger::kMilli, 0, 0);
  ledger.stopped(0, 3600);
  CHECK(ledger.decayed_usage(0) == Approx(4 * 3600 / std::log(2.0) * 0.5).epsilon(1e-12));
  SchedulerSpec spec;
  MultifactorPriority priority(spec);
  priority.refresh(ledger);
  CHECK(priority.fair_share_factor(0) == Approx(0.25).epsilon(1e-12));
  CHECK(priority.fair_share_factor(1) == 1.0);
  // Another half-life with nothing running halves X's usage, but U_X stays 1: F_X unchanged.
  ledger.advance(7200);
  CHECK(ledger.decayed_usage(0) == Approx(4 * 3600 / std::log(2.0) * 0.25).epsilon(1e-12));
  // Age: 1,000 · min(1, age / 7 days) + 10,000 · F.
  CHECK(priority.priority(1, 0, 302400) == Approx(500 + 10000).epsilon(1e-12));
}

TEST_CASE("chargeback shares are whole cents that sum to the total", "[tenants][cost]") {
  // 100.00 USD over three equal allocations: 33.333… each; the floors give 9,999 cents, the
  // cent left goes to the first of the equal remainders.
  CHECK(chargeback_cents(100, {1, 1, 1}, {1, 1, 1}) == std::vector<std::int64_t>{3334, 3333, 3333});
  // 10.01 USD in proportion 1 : 3: 250.25 and 750.75 cents: floors 250 + 750, the cent left to
  // the larger remainder (0.75).
  CHECK(chargeback_cents(10.01, {1, 3}, {1, 1}) == std::vector<std::int64_t>{250, 751});
  // Nothing allocated: by the fallback weights.
  CHECK(chargeback_cents(9, {0, 0}, {1, 2}) == std::vector<std::int64_t>{300, 600});
}

TEST_CASE("bad tenants are errors naming the JSON path", "[tenants][config]") {
  json doc = minimal_scenario();  // 16 nodes of 8 PPUs: 128 PPUs
  doc["tenants"] = json::parse(R"([{"name": "a", "guaranteed_ppus": 64}, {"name": "b", "weight": 0}])");
  REQUIRE_THROWS_WITH(parse_scenario(doc, "x.json"),
                      Contains("x.json: /tenants/1/weight: found 0, expected a number in (0, 1000000000]"));
  doc["tenants"] = json::parse(R"([{"name": "a", "guaranteed_ppus": 0}])");
  REQUIRE_THROWS_WITH(parse_scenario(doc, "x.json"),
                      Contains("/tenants/0/guaranteed_ppus: found 0, expected a positive integer"));
  doc["tenants"] =
      json::parse(R"([{"name": "a", "guaranteed_ppus": 64}, {"name": "b", "guaranteed_ppus": 65}])");
  REQUIRE_THROWS_WITH(
      parse_scenario(doc, "x.json"),
      Contains("/tenants/1/guaranteed_ppus: found 65, expected guarantees that sum to at most the "
               "cluster's 128 PPUs (tenants 0..1 sum to 129)"));
  doc["tenants"] = json::parse(R"([{"name": "a", "guaranteed_ppus": 8, "burst_ppus": 4}])");
  REQUIRE_THROWS_WITH(parse_scenario(doc, "x.json"), Contains("/tenants/0/burst_ppus: found 4"));
  doc["tenants"] = json::parse(R"([{"name": "a"}, {"name": "a"}])");
  REQUIRE_THROWS_WITH(parse_scenario(doc, "x.json"), Contains("/tenants/1/name"));
  doc["tenants"] = json::parse(R"([{"name": "a", "guaranteed_ppus": 64, "burst_ppus": 96, "weight": 2,
                                    "priority": 3, "job_share": 0.5}])");
  const Scenario ok = parse_scenario(doc, "x.json");
  REQUIRE(ok.tenants.count() == 1);
  CHECK(ok.tenants.tenants[0].burst_ppus == 96);
  CHECK(ok.tenants.tenants[0].job_share == 0.5);
}

TEST_CASE("tenants with first-fit or sjf are refused, naming the policy", "[tenants][config]") {
  // first-fit and sjf keep an index into the engine's queue; tenant rounds offer a copy of it.
  json doc = minimal_scenario();
  doc["tenants"] = json::parse(R"([{"name": "a", "guaranteed_ppus": 64}])");
  for (const char* policy : {"first-fit", "sjf"}) {
    doc["scheduler"]["policy"] = policy;
    REQUIRE_THROWS_WITH(
        parse_scenario(doc, "x.json"),
        Contains(std::string("x.json: /scheduler/policy: found \"") + policy + "\" with /tenants"));
  }
  for (const char* policy : {"fifo", "easy-backfill", "conservative-backfill", "priority"}) {
    doc["scheduler"]["policy"] = policy;
    CHECK(parse_scenario(doc, "x.json").tenants.count() == 1);
  }
}

TEST_CASE("a trace row naming an unknown tenant is an error with its line, or skipped", "[tenants][trace]") {
  const std::filesystem::path path = std::filesystem::temp_directory_path() / "ppusim_tenants_trace.jsonl";
  {
    std::ofstream out(path);
    out << R"({"id": "j0", "submit_s": 0, "ppus": 1, "flops": 1e15, "tenant": "alpha"})"
        << "\n";
    out << R"({"id": "j1", "submit_s": 1, "ppus": 1, "flops": 1e15, "tenant": "alpah"})"
        << "\n";
  }
  TenantsSpec tenants;
  tenants.tenants = {tenant("alpha", 0, 8)};
  JobTrace trace = read_job_trace(path.string(), false);
  REQUIRE_THROWS_WITH(resolve_tenants(trace, tenants, false),
                      Contains(path.string() + ":2: /tenant: found \"alpah\", expected one of the scenario's "
                                               "tenants (did you mean \"alpha\"?)"));
  resolve_tenants(trace, tenants, true);
  CHECK(trace.jobs.size() == 1);
  CHECK(trace.skipped_rows == 1);
  CHECK(trace.jobs[0].tenant_index == 0);
  std::filesystem::remove(path);
}

TEST_CASE("the generator draws tenants by job share, on a stream of its own", "[tenants][generator]") {
  JobTrace trace;
  trace.jobs.resize(4000);
  TenantsSpec tenants;
  tenants.tenants = {tenant("big", 0, 8, 3), tenant("small", 0, 8, 1)};
  draw_tenants(trace, tenants, 7);
  long long big = 0;
  for (const JobSpec& job : trace.jobs) big += job.tenant_index == 0 ? 1 : 0;
  // Binomial(4000, 3/4): mean 3,000, standard deviation 27; 5 sigma either side.
  CHECK(std::abs(big - 3000) < 137);
  CHECK(trace.jobs[0].tenant == (trace.jobs[0].tenant_index == 0 ? "big" : "small"));
}
