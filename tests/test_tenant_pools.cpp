// Tenants on a cluster of several node pools (docs/tenants.md, "Quotas per PPU type"): quotas
// per PPU type, their bad input, and preemption that frees PPUs in the pool the waiting job may
// use. Every figure is worked by hand in the comments. Simulations run in a child process.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "sim/app/isolated_run.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/core/input_error.hpp"
#include "sim/report/summary_table.hpp"
#include "tests/minimal_scenario_json.hpp"
#include "tests/scenario_fixtures.hpp"
#include "tests/tenant_fixtures.hpp"

using namespace ppusim;
using namespace ppusim::test;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

/// Two pools of one node of 2 PPUs each: "a" (chip a-ppu, node 0) then "b" (chip b-ppu, node
/// 1), both 2e15 FLOP/s peak at MFU 0.5: 1e15 FLOP/s per busy PPU. Tenants: "owner" guaranteed 2
/// PPUs of a-ppu only, "borrower" with no guarantee; both may burst to the cluster's 4.
Scenario two_pool_tenants() {
  Scenario s = tiny_scenario(2, 2, 2);
  s.scheduler.policy = SchedulingPolicy::Fifo;
  s.pools = {chip_pool(s, "a", "a-ppu", 2e15, 1, 0), chip_pool(s, "b", "b-ppu", 2e15, 1, 1)};
  s.ppu = s.pools[0].ppu;
  TenantSpec owner;
  owner.name = "owner";
  owner.guaranteed_by_type = {2, 0};
  owner.guaranteed_ppus = 2;
  owner.burst_ppus = 4;
  TenantSpec borrower;
  borrower.name = "borrower";
  borrower.burst_ppus = 4;
  s.tenants.tenants = {owner, borrower};
  s.tenants.ppu_types = {"a-ppu", "b-ppu"};
  s.tenants.pool_types = {0, 1};
  return s;
}

JobSpec job_of(const std::string& id, double submit_s, int tenant_index, const std::string& tenant,
               std::vector<std::string> types = {}) {
  JobSpec job = flops_job(id, submit_s, 2, 2e18);  // 2 PPUs · 1e15 FLOP/s: 1,000 s of work
  job.tenant_index = tenant_index;
  job.tenant = tenant;
  if (!types.empty())
    job.request = std::make_shared<const ResourceRequest>(ResourceRequest{std::move(types), 0, 0});
  return job;
}

double start_of(const IsolatedRunOutput& run, int job) { return run.jobs[job]["start_s"].get<double>(); }
double end_of(const IsolatedRunOutput& run, int job) { return run.jobs[job]["end_s"].get<double>(); }

}  // namespace

TEST_CASE("a borrower on the guaranteed type's pool is preempted, one on another pool is not",
          "[tenants][pools]") {
  // At 0 the borrower's p (job 0) and q (job 1) arrive. Neither is within a guarantee (the
  // borrower has none), so both start in the borrowing round, up to its burst of 4: p takes the
  // first pool with room, "a", and q then "b". Each runs 2e18 / (2 · 1e15) = 1,000 s.
  // At 100 the owner's o (job 2, any chip) arrives. Its guarantee is 2 PPUs of a-ppu and 0 of
  // b-ppu: 0 + 2 <= 2 on "a", 0 + 2 > 0 on "b", so it is within its guarantee on "a" only, and
  // "a" is full. Preemption looks in "a" alone: p is the one candidate, and its 2 PPUs free the
  // node (2 >= 2): p is preempted at 100 and o starts at 100, ends at 1,100.
  // q ties with p on lost work (100 s, no checkpoints) and start (0) and has the higher index,
  // so a choice that ignored pools would have taken q first; it runs on "b" and is untouched:
  // it ends at 1,000. p, queued again at the head, borrows again (2 + 2 <= 4) when "b" frees at
  // 1,000 and runs its whole 1,000 s again: it ends at 2,000. Lost: 100 s · 2 PPUs.
  // The same under the priority policy, which reads each round as one stream per tenant with
  // the pools admission narrows (round_offer.hpp): p and q tie on everything but the index.
  Scenario scenario = two_pool_tenants();
  const SchedulingPolicy policy = GENERATE(SchedulingPolicy::Fifo, SchedulingPolicy::Priority);
  scenario.scheduler.policy = policy;
  const auto run = simulate_in_child_process(
      scenario,
      trace_of({job_of("p", 0, 1, "borrower"), job_of("q", 0, 1, "borrower"), job_of("o", 100, 0, "owner")}));
  CHECK(start_of(run, 0) == 0);
  CHECK(start_of(run, 1) == 0);
  CHECK(end_of(run, 1) == Approx(1000).epsilon(1e-12));
  CHECK(start_of(run, 2) == Approx(100).epsilon(1e-12));
  CHECK(end_of(run, 2) == Approx(1100).epsilon(1e-12));
  CHECK(end_of(run, 0) == Approx(2000).epsilon(1e-12));
  const json& borrower = tenant_row(run, "borrower");
  CHECK(borrower["preemptions"] == 1);
  CHECK(borrower["preempted_lost_ppu_hours"].get<double>() == Approx(100.0 * 2 / 3600).epsilon(1e-9));

  // Quota usage over time, in the time series' bins of 10 s over the 2,000 s window (200 bins):
  // the borrower holds 4 PPUs over [0, 100) (p and q) and 2 from 100 to 2,000 (q, then p); the
  // owner 2 over [100, 1,100) and none before or after.
  const json& owner = tenant_row(run, "owner");
  const json& borrowed_by_bin = borrower["mean_allocated_ppus_by_bin"];
  const json& owned_by_bin = owner["mean_allocated_ppus_by_bin"];
  REQUIRE(borrowed_by_bin.size() == 200);
  REQUIRE(owned_by_bin.size() == 200);
  CHECK(borrowed_by_bin[0] == 4.0);
  CHECK(borrowed_by_bin[9] == 4.0);
  CHECK(borrowed_by_bin[10] == 2.0);
  CHECK(borrowed_by_bin[199] == 2.0);
  CHECK(owned_by_bin[9] == 0.0);
  CHECK(owned_by_bin[10] == 2.0);
  CHECK(owned_by_bin[109] == 2.0);
  CHECK(owned_by_bin[110] == 0.0);
  CHECK(owner["guaranteed_ppus"] == 2);
}

TEST_CASE("tenants_time_series.csv has a row per tenant and bin with its guarantee", "[tenants][report]") {
  // Two bins of 10 s; tenant "a, inc" (a comma, so quoted) guaranteed 4, held 3 then 5.5.
  ReportTimeSeries series;
  series.interval_s = 10;
  series.start_s = {0, 10};
  ReportTenant a;
  a.name = "a, inc";
  a.guaranteed_ppus = 4;
  a.mean_allocated_ppus_by_bin = {3, 5.5};
  CHECK(format_tenant_time_series_csv(series, {a}) ==
        "start_s,tenant,mean_allocated_ppus,guaranteed_ppus\n"
        "0,\"a, inc\",3,4\n"
        "10,\"a, inc\",5.5,4\n");
}

TEST_CASE("a job guaranteed on no pool it may use preempts nobody", "[tenants][pools]") {
  // The same, but o asks for b-ppu, where the owner is guaranteed 0: 0 + 2 > 0, so o is not
  // within its guarantee anywhere it may run and nobody is preempted. It borrows (0 + 2 <= 4)
  // when "b" frees: q ends at 1,000, o runs 1,000 to 2,000; p is never interrupted (ends 1,000).
  const Scenario scenario = two_pool_tenants();
  const auto run = simulate_in_child_process(
      scenario, trace_of({job_of("p", 0, 1, "borrower"), job_of("q", 0, 1, "borrower"),
                          job_of("o", 100, 0, "owner", {"b-ppu"})}));
  CHECK(end_of(run, 0) == Approx(1000).epsilon(1e-12));
  CHECK(end_of(run, 1) == Approx(1000).epsilon(1e-12));
  CHECK(start_of(run, 2) == Approx(1000).epsilon(1e-12));
  CHECK(tenant_row(run, "borrower")["preemptions"] == 0);
}

namespace {

/// One pool of one node of 4 PPUs and 32 CPU cores (1e15 FLOP/s per busy PPU, as above).
/// Tenants: "owner" and "holder" guaranteed 2 PPUs each (2 + 2 = the node's 4), "borrower"
/// with no guarantee; all may burst to 4.
Scenario host_pool_tenants() {
  Scenario s = tiny_scenario(1, 4, 1);
  s.scheduler.policy = SchedulingPolicy::Fifo;
  s.pools = {chip_pool(s, "p", "unit-ppu", 2e15, 1, 0)};
  s.pools[0].set_host(32, std::nullopt);
  std::vector<TenantSpec> tenants(3);
  tenants[0].name = "owner";
  tenants[1].name = "holder";
  tenants[2].name = "borrower";
  for (TenantSpec& tenant : tenants) tenant.burst_ppus = 4;
  tenants[0].guaranteed_ppus = 2;
  tenants[1].guaranteed_ppus = 2;
  s.tenants.tenants = tenants;
  return s;
}

/// A job of `ppus` PPUs and `cpu_cores` cores doing `flops` (1e18 per PPU: 1,000 s).
JobSpec host_job(const std::string& id, double submit_s, int ppus, double flops, double cpu_cores,
                 int tenant_index, const std::string& tenant) {
  JobSpec job = flops_job(id, submit_s, ppus, flops);
  job.tenant_index = tenant_index;
  job.tenant = tenant;
  job.request = std::make_shared<const ResourceRequest>(ResourceRequest{{}, cpu_cores, 0});
  return job;
}

IsolatedRunOutput run_on_host_pool(SchedulingPolicy policy, std::vector<JobSpec> jobs) {
  Scenario scenario = host_pool_tenants();
  scenario.scheduler.policy = policy;
  return simulate_in_child_process(scenario, trace_of(std::move(jobs)));
}

}  // namespace

TEST_CASE("a job within its guarantee held back by the CPU cores a borrower holds preempts it",
          "[tenants][pools][hosts]") {
  // At 0 the borrower's b (job 0: 1 PPU, 28 cores, 1e18 FLOP: 1,000 s) starts in the borrowing
  // round: 1 <= 4 PPUs free, 28 <= 32 cores. At 100 the owner's o (job 1: 2 PPUs, 8 cores,
  // 2e18 FLOP: 1,000 s) is within its guarantee (0 + 2 <= 2) and 3 PPUs are free, but only
  // 32 - 28 = 4 cores < 8: it waits. Preempting b frees 1 PPU and 28 cores: 4 PPUs >= 2 and
  // 32 cores >= 8, so b is preempted at 100 and o starts at 100, ends at 1,100. b, queued again,
  // borrows when the cores let it: at 100 only 32 - 8 = 24 < 28 are free, so it waits for o's
  // end and runs its whole 1,000 s again from 1,100 to 2,100. Lost: 100 s · 1 PPU.
  const auto run = run_on_host_pool(
      GENERATE(SchedulingPolicy::Fifo, SchedulingPolicy::FirstFit, SchedulingPolicy::ShortestJobFirst,
               SchedulingPolicy::Priority),
      {host_job("b", 0, 1, 1e18, 28, 2, "borrower"), host_job("o", 100, 2, 2e18, 8, 0, "owner")});
  CHECK(start_of(run, 1) == Approx(100).epsilon(1e-12));
  CHECK(end_of(run, 1) == Approx(1100).epsilon(1e-12));
  CHECK(end_of(run, 0) == Approx(2100).epsilon(1e-12));
  const json& borrower = tenant_row(run, "borrower");
  CHECK(borrower["preemptions"] == 1);
  CHECK(borrower["preempted_lost_ppu_hours"].get<double>() == Approx(100.0 * 1 / 3600).epsilon(1e-9));
}

TEST_CASE("nobody is preempted when the PPUs a borrower frees leave too few CPU cores",
          "[tenants][pools][hosts]") {
  // At 0 the holder's h (job 0: 2 PPUs, 28 cores, 2e18 FLOP: 1,000 s) starts within its
  // guarantee (0 + 2 <= 2), and the borrower's b (job 1: 1 PPU, 2 cores, 2e18 FLOP: 2,000 s)
  // borrows: 3 PPUs and 30 cores are held. At 100 the owner's o (job 2: 2 PPUs, 8 cores,
  // 2e18 FLOP: 1,000 s) is within its guarantee, but 1 PPU and 2 cores are free. Preempting b
  // would free 2 PPUs (enough) but only 2 + 2 = 4 cores < 8; h holds the rest and is within its
  // guarantee, so not a candidate: nobody is preempted (counting PPUs alone would have preempted
  // b for nothing). o starts when h ends at 1,000 (3 PPUs, 30 cores free) and ends at 2,000; b
  // runs undisturbed to 2,000.
  const auto run = run_on_host_pool(
      GENERATE(SchedulingPolicy::Fifo, SchedulingPolicy::FirstFit, SchedulingPolicy::ShortestJobFirst,
               SchedulingPolicy::Priority),
      {host_job("h", 0, 2, 2e18, 28, 1, "holder"), host_job("b", 0, 1, 2e18, 2, 2, "borrower"),
       host_job("o", 100, 2, 2e18, 8, 0, "owner")});
  CHECK(start_of(run, 1) == 0);
  CHECK(end_of(run, 1) == Approx(2000).epsilon(1e-12));
  CHECK(start_of(run, 2) == Approx(1000).epsilon(1e-12));
  CHECK(end_of(run, 2) == Approx(2000).epsilon(1e-12));
  CHECK(tenant_row(run, "borrower")["preemptions"] == 0);
}

TEST_CASE("quotas per PPU type: read, summed, and bad ones named by their JSON path",
          "[tenants][pools][config]") {
  // Two pools of 8 nodes of 8 PPUs: "a" of test-ppu (64 PPUs) and "b" of the catalog's H20
  // server (hgx-h20: 8 H20 a node, 64 PPUs).
  json doc = minimal_scenario_for_pools();
  const json node = minimal_pool_node();
  doc["scheduler"] = {{"policy", "fifo"}};
  doc["cluster"] = {{"pools", json::array({{{"name", "a"}, {"node", node}, {"nodes", 8}},
                                           {{"name", "b"}, {"node", "hgx-h20"}, {"nodes", 8}}})}};
  doc["tenants"] = json::parse(R"([{"name": "x", "guaranteed_ppus": {"h20": 16, "test-ppu": 8}},
                                   {"name": "y", "guaranteed_ppus": 40}])");
  const Scenario ok = parse_scenario(doc, "x.json");
  REQUIRE(ok.tenants.ppu_types == std::vector<std::string>{"test-ppu", "H20"});
  CHECK(ok.tenants.pool_types == std::vector<int>{0, 1});
  // The catalog name "h20" names the chip "H20"; the guarantee is the types' sum, 16 + 8.
  CHECK(ok.tenants.tenants[0].guaranteed_by_type == std::vector<std::int64_t>{8, 16});
  CHECK(ok.tenants.tenants[0].guaranteed_ppus == 24);
  CHECK(ok.tenants.tenants[1].guaranteed_by_type.empty());

  json bad = doc;
  bad["tenants"][0]["guaranteed_ppus"] = {{"b200", 8}};
  CHECK_THROWS_WITH(
      parse_scenario(bad, "x.json"),
      Contains("x.json: /tenants/0/guaranteed_ppus/b200: found the PPU type \"b200\", expected a PPU "
               "type of the scenario's pools (\"test-ppu\", \"H20\")"));
  bad["tenants"][0]["guaranteed_ppus"] = {{"H20", 0}};
  CHECK_THROWS_WITH(parse_scenario(bad, "x.json"), Contains("/tenants/0/guaranteed_ppus/H20: found 0"));
  bad["tenants"][0]["guaranteed_ppus"] = json::object();
  CHECK_THROWS_WITH(parse_scenario(bad, "x.json"), Contains("/tenants/0/guaranteed_ppus: found"));
  // 16 + 50 = 66 H20 guaranteed, above the 64 the pools have: an error at the second quota.
  bad = doc;
  bad["tenants"][1]["guaranteed_ppus"] = {{"H20", 50}};
  CHECK_THROWS_WITH(
      parse_scenario(bad, "x.json"),
      Contains("/tenants/1/guaranteed_ppus/H20: found 50, expected guarantees of PPU type \"H20\" "
               "that sum to at most its 64 PPUs in the pools (tenants 0..1 sum to 66)"));
  // A quota above the type's own PPUs is out of range for that key.
  bad["tenants"][1]["guaranteed_ppus"] = {{"H20", 65}};
  CHECK_THROWS_WITH(parse_scenario(bad, "x.json"), Contains("/tenants/1/guaranteed_ppus/H20: found 65"));
}
