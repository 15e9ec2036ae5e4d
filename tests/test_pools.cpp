// Node pools and requests (docs/config.md, "Node pools" and "Requests"): a cluster of two chips,
// jobs that ask for a chip, CPU and memory, and the one-pool forms. Every figure is worked by
// hand in the comments. Simulations run in a child process.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "sim/app/isolated_run.hpp"
#include "sim/config/pool_loader.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/core/input_error.hpp"
#include "sim/engine/preemption_choice.hpp"
#include "sim/scheduler/resource_pool.hpp"
#include "tests/minimal_scenario_json.hpp"
#include "tests/scenario_fixtures.hpp"
#include "topologies/fat_tree_layout.hpp"
#include "workloads/chip_family_efficiency.hpp"
#include "workloads/request_check.hpp"
#include "workloads/trace_reader.hpp"

using namespace ppusim;
using namespace ppusim::test;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

/// Two one-node pools of 8 PPUs: "slow" (1e15 FLOP/s per PPU) first, "fast" (4e15) second.
/// The step-time model decides the MFU (the generic chip family's for both chips).
Scenario two_chip_scenario() {
  Scenario s = tiny_scenario(2, 8, 2);
  s.workload.model_flops_utilization_given = false;
  s.scheduler.policy = SchedulingPolicy::Fifo;
  s.pools = {chip_pool(s, "slow", "slow-ppu", 1e15, 1, 0), chip_pool(s, "fast", "fast-ppu", 4e15, 1, 1)};
  s.ppu = s.pools[0].ppu;
  return s;
}

JobSpec asking_for(JobSpec job, std::vector<std::string> types, double cpu_cores = 0) {
  job.request = std::make_shared<const ResourceRequest>(ResourceRequest{std::move(types), cpu_cores, 0});
  return job;
}

double start_of(const IsolatedRunOutput& run, int job) { return run.jobs[job]["start_s"].get<double>(); }
double end_of(const IsolatedRunOutput& run, int job) { return run.jobs[job]["end_s"].get<double>(); }

}  // namespace

TEST_CASE("the same job runs as much faster as its pool's chip has FLOP/s", "[pools]") {
  // A FLOPs job (no model shape, no communication) runs F / (P · peak · u) with u the chip
  // family's unshaped MFU (docs/models.md, section k); both chips are of the generic family.
  //   job "any" (8 PPUs, F = 8e18) at 0: pools are tried in order, so it takes "slow":
  //     T_slow = 8e18 / (8 · 1e15 · u) = 1000 / u s.
  //   job "fast-only" (the same job, asking for fast-ppu) at 0: only "fast" may take it:
  //     T_fast = 8e18 / (8 · 4e15 · u) = 250 / u s, a quarter: the FLOP/s ratio 1e15 / 4e15.
  //   job "slow-only" at 0 waits for "slow" to free at T_slow and ends at 2 · T_slow.
  const double u = chip_family_efficiency("").unshaped_mfu;
  const Scenario scenario = two_chip_scenario();
  const JobSpec job = flops_job("any", 0, 8, 8e18);
  JobSpec fast_only = asking_for(job, {"fast-ppu"});
  fast_only.id = "fast-only";
  JobSpec slow_only = asking_for(job, {"SLOW-PPU"});  // names match without regard to case
  slow_only.id = "slow-only";
  const auto run = simulate_in_child_process(scenario, trace_of({job, fast_only, slow_only}));
  CHECK(end_of(run, 0) == Approx(1000 / u).epsilon(1e-9));
  CHECK(start_of(run, 1) == 0);
  CHECK(end_of(run, 1) == Approx(250 / u).epsilon(1e-9));
  CHECK(end_of(run, 1) / end_of(run, 0) == Approx(1e15 / 4e15).epsilon(1e-9));
  CHECK(start_of(run, 2) == Approx(1000 / u).epsilon(1e-9));
  CHECK(end_of(run, 2) == Approx(2000 / u).epsilon(1e-9));

  // The pools section: 2 jobs ran on "slow" (waits 0 and T_slow), 1 on "fast" (wait 0).
  // Window 2·T_slow; "slow" was allocated all of it, "fast" a quarter of the half: T_fast / 2·T_slow.
  const json& pools = run.report["pools"];
  REQUIRE(pools.size() == 2);
  CHECK(pools[0]["name"] == "slow");
  CHECK(pools[0]["chip"] == "slow-ppu");
  CHECK(pools[0]["jobs"] == 2);
  CHECK(pools[1]["jobs"] == 1);
  CHECK(pools[0]["queueing_delay_s"]["max"].get<double>() == Approx(1000 / u).epsilon(1e-9));
  CHECK(pools[0]["allocated_utilization"].get<double>() == Approx(1.0).epsilon(1e-9));
  CHECK(pools[1]["allocated_utilization"].get<double>() == Approx(250.0 / 2000).epsilon(1e-9));
  // Busy: FLOPs jobs compute all their run, so busy equals allocated.
  CHECK(pools[1]["busy_utilization"].get<double>() == Approx(250.0 / 2000).epsilon(1e-9));
}

TEST_CASE("a job asking for a PPU type no pool has is rejected at arrival and counted", "[pools]") {
  const Scenario scenario = two_chip_scenario();
  const auto run = simulate_in_child_process(
      scenario,
      trace_of({flops_job("ok", 0, 8, 8e18), asking_for(flops_job("h100", 0, 8, 8e18), {"nobody-ppu"})}));
  CHECK(run.report["jobs"]["rejected"] == 1);
  CHECK(run.jobs[1]["outcome"] == "rejected");
  CHECK_THAT(run.jobs[1]["reject_reason"].get<std::string>(), Contains("nobody-ppu, which no pool has"));
}

TEST_CASE("CPU cores keep a second job off a node that has free PPUs", "[pools]") {
  // One node of 8 PPUs (2e15 FLOP/s each, MFU 0.5) and 16 CPU cores. Two jobs of 2 PPUs and
  // 2e18 FLOP (2e18 / (2 · 2e15 · 0.5) = 1000 s), each asking 12 cores: 6 PPUs stay free
  // beside the first, but 16 − 12 = 4 cores do not hold the second, which starts at 1000 s.
  Scenario scenario = tiny_scenario(1, 8, 1);
  scenario.scheduler.policy = SchedulingPolicy::Fifo;
  PoolSpec pool = chip_pool(scenario, "cpu", scenario.ppu.name, scenario.ppu.peak_bf16_flops_per_s, 1, 0);
  pool.set_host(16, std::nullopt);
  scenario.pools = {pool};
  const JobSpec a = asking_for(flops_job("a", 0, 2, 2e18), {}, 12);
  JobSpec b = a;
  b.id = "b";
  const auto run = simulate_in_child_process(scenario, trace_of({a, b}));
  CHECK(end_of(run, 0) == Approx(1000).epsilon(1e-12));
  CHECK(start_of(run, 1) == Approx(1000).epsilon(1e-12));
  CHECK(end_of(run, 1) == Approx(2000).epsilon(1e-12));
  // Asking for 8 cores each, both fit at once (8 + 8 <= 16).
  const JobSpec c = asking_for(flops_job("c", 0, 2, 2e18), {}, 8);
  const auto side_by_side = simulate_in_child_process(scenario, trace_of({c, c}));
  CHECK(start_of(side_by_side, 1) == 0);
}

TEST_CASE("memory on the node's host is checked like CPU cores, in the pool itself", "[pools]") {
  // One node of 8 PPUs with 100 GiB; jobs of 1 PPU asking 60 GiB: the second does not fit
  // beside the first (120 > 100), a third asking 40 GiB does (60 + 40 <= 100).
  const FatTreeLayout layout = make_fat_tree_layout(tiny_scenario(1, 8, 1));
  constexpr double kGib = 1024.0 * 1024.0 * 1024.0;
  NodePool pool(layout, 8, PlacementPolicy::Pack, {}, {0, 1}, HostResources(1, std::nullopt, 100 * kGib));
  const HostRequest sixty{0, 60 * kGib};
  const std::optional<Allocation> first = pool.allocate(1, {}, 1000, -1, sixty);
  REQUIRE(first);
  CHECK_FALSE(pool.allocate(1, {}, 1000, -1, sixty));
  CHECK(pool.allocate(1, {}, 1000, -1, HostRequest{0, 40 * kGib}));
  pool.release(*first);
  CHECK(pool.allocate(1, {}, 1000, -1, sixty));
  // A fractional job (half a PPU) is held to the same rule.
  CHECK_FALSE(pool.allocate(1, {}, 500, -1, sixty));
}

TEST_CASE("a pool's hosts may differ node to node: each node offers its own", "[pools]") {
  // One pool of 4 nodes of 2 PPUs: nodes 0-1 have 8 cores, nodes 2-3 have 32 (hosts in node
  // order). A 1-PPU job asking 16 cores shares a node: only a 32-core host holds it, and pack
  // puts the next such job beside it on node 2 (32 - 16 = 16 left), then node 3.
  const FatTreeLayout layout = make_fat_tree_layout(tiny_scenario(4, 2, 4));
  const std::vector<HostSize> sizes = {{2, 8.0, std::nullopt}, {2, 32.0, std::nullopt}};
  const HostResources hosts(4, 0, sizes);
  CHECK(hosts.cpu_cores_of(1) == 8);
  CHECK(hosts.cpu_cores_of(2) == 32);
  CHECK(hosts.total().cpu_cores == 80);  // 2 x 8 + 2 x 32
  CHECK(hosts.empty_nodes_holding({16, 0}) == 2);
  CHECK(hosts.empty_nodes_holding({8, 0}) == 4);
  NodePool pool(layout, 2, PlacementPolicy::Pack, {}, {0, 4}, hosts);
  const HostRequest sixteen{16, 0};
  CHECK(pool.host_ever_fits(1, sixteen));
  const std::optional<Allocation> first = pool.allocate(1, {}, 1000, -1, sixteen);
  REQUIRE(first);
  CHECK(first->nodes == std::vector<int>{2});
  const std::optional<Allocation> second = pool.allocate(1, {}, 1000, -1, sixteen);
  REQUIRE(second);
  CHECK(second->nodes == std::vector<int>{2});
  // A job of two whole nodes asking 40 cores (20 a node) needs two 32-core hosts: node 2 is
  // full, so it waits; one of 3 whole nodes could never fit (only 2 hosts of 32 cores).
  const HostRequest forty{40, 0};
  CHECK(pool.host_ever_fits(4, forty));
  CHECK_FALSE(pool.host_ever_fits(6, HostRequest{60, 0}));
  CHECK_FALSE(pool.allocate(4, {}, 1000, -1, forty));
  pool.release(*first);
  pool.release(*second);
  const std::optional<Allocation> whole = pool.allocate(4, {}, 1000, -1, forty);
  REQUIRE(whole);
  CHECK(whole->nodes == std::vector<int>{2, 3});
  // Asking 10 cores (5 a node), any host holds it, and pack takes nodes as usual.
  CHECK(pool.allocate(4, {}, 1000, -1, HostRequest{10, 0}));
}

TEST_CASE("a job of whole nodes that only the larger hosts hold goes to the tightest leaf of them",
          "[pools]") {
  // 6 nodes of 2 PPUs, 2 a leaf group: leaves {0, 1}, {2, 3}, {4, 5}. Hosts: 32 cores, except
  // nodes 1 and 5 with 8. A job of 2 whole nodes asking 40 cores (20 a node) has candidates
  // node 0 (leaf 0), nodes 2 and 3 (leaf 1) and node 4 (leaf 2): leaf 1 holds it alone, so it
  // takes {2, 3} (node order would take {0, 2}, across two leaf groups). The next such job has
  // one candidate in each of leaves 0 and 2: no leaf holds it, so it spans them, {0, 4}.
  const FatTreeLayout layout = make_fat_tree_layout(tiny_scenario(6, 2, 2));
  const std::vector<HostSize> sizes = {
      {1, 32.0, std::nullopt}, {1, 8.0, std::nullopt}, {3, 32.0, std::nullopt}, {1, 8.0, std::nullopt}};
  NodePool pool(layout, 2, PlacementPolicy::Pack, {}, {0, 6}, HostResources(6, 0, sizes));
  const HostRequest forty{40, 0};
  const std::optional<Allocation> first = pool.allocate(4, {}, 1000, -1, forty);
  REQUIRE(first);
  CHECK(first->nodes == std::vector<int>{2, 3});
  const std::optional<Allocation> second = pool.allocate(4, {}, 1000, -1, forty);
  REQUIRE(second);
  CHECK(second->nodes == std::vector<int>{0, 4});
  CHECK_FALSE(pool.allocate(4, {}, 1000, -1, forty));  // only nodes 1 and 5 (8 cores) are left
}

TEST_CASE("preemption for a job of whole nodes counts only nodes whose hosts hold its share",
          "[pools][tenants]") {
  // One pool of 4 nodes of 2 PPUs: nodes 0-1 with 8 cores, 2-3 with 32. Borrowers: A and C on
  // nodes 2 and 3 (each asked 20 cores, which only those hosts hold), B on a node of 8 cores.
  // The waiting job: 4 PPUs (2 whole nodes) asking 40 cores, 20 a node. By least work lost
  // (B 1 s, A 2 s, C 3 s): freeing B gives two free nodes, but of 8 cores: no room; freeing A
  // gives one 32-core node, and C the second. So all three go, B first.
  const Scenario base = tiny_scenario(4, 2, 4);
  PoolSpec spec = chip_pool(base, "a", "a-ppu", 1e15, 4, 0);
  spec.hosts = {{2, 8.0, std::nullopt}, {2, 32.0, std::nullopt}};
  ResourcePool pool(make_fat_tree_layout(base), {spec}, PlacementPolicy::Pack);
  PlacementRequest twenty_cores;
  twenty_cores.host = {20, 0};
  const Allocation a = *pool.allocate(2, {}, 1000, -1, twenty_cores);
  const Allocation c = *pool.allocate(2, {}, 1000, -1, twenty_cores);
  const Allocation b = *pool.allocate(2, {}, 1000, -1, PlacementRequest{});
  REQUIRE(a.nodes == std::vector<int>{2});
  REQUIRE(c.nodes == std::vector<int>{3});
  REQUIRE(b.nodes.front() < 2);
  const std::vector<PreemptionCandidate> candidates = {
      {1, 0, 2.0, 0, 2000, &a}, {2, 0, 1.0, 0, 2000, &b}, {3, 0, 3.0, 0, 2000, &c}};
  PendingJob waiting;
  waiting.ppus = 4;
  waiting.request.host = {40, 0};
  CHECK(choose_victims(candidates, waiting, pool, {1, false}, {6000}) == std::vector<int>{2, 1, 3});
  // Asking 10 cores (5 a node), any host holds it: freeing B alone leaves two free nodes.
  waiting.request.host = {10, 0};
  CHECK(choose_victims(candidates, waiting, pool, {1, false}, {6000}) == std::vector<int>{2});
}

TEST_CASE("a pool's hosts list: nodes of each size, counts summing to the pool's", "[pools][config]") {
  json doc = minimal_scenario_for_pools();
  const json node = minimal_pool_node();
  doc["cluster"] = {
      {"pools",
       json::array({{{"name", "a"},
                     {"node", node},
                     {"nodes", 8},
                     {"hosts", json::array({{{"nodes", 6}, {"cpu_cores", 16}, {"memory_gib", 128}},
                                            {{"nodes", 2}, {"cpu_cores", 64}, {"memory_gib", 512}}})}}})}};
  const Scenario ok = parse_scenario(doc, "x.json");
  REQUIRE(ok.pools[0].hosts.size() == 2);
  CHECK(ok.pools[0].hosts[1].nodes == 2);
  CHECK(ok.pools[0].hosts[1].cpu_cores == 64);
  CHECK(ok.pools[0].hosts[1].memory_bytes == 512.0 * 1024 * 1024 * 1024);

  json bad = doc;
  bad["cluster"]["pools"][0]["hosts"][1]["nodes"] = 3;
  CHECK_THROWS_WITH(
      parse_scenario(bad, "x.json"),
      Contains("x.json: /cluster/pools/0/hosts: found host sizes of 9 nodes in all, expected the "
               "pool's 8 (/cluster/pools/0/nodes)"));
  bad = doc;
  bad["cluster"]["pools"][0]["cpu_cores"] = 16;
  CHECK_THROWS_WITH(parse_scenario(bad, "x.json"),
                    Contains("/cluster/pools/0/cpu_cores: is given with \"hosts\""));
  bad = doc;
  bad["cluster"]["pools"][0]["hosts"][1].erase("memory_gib");
  CHECK_THROWS_WITH(parse_scenario(bad, "x.json"),
                    Contains("/cluster/pools/0/hosts/1: gives other resources than "
                             "/cluster/pools/0/hosts/0"));
  bad = doc;
  bad["cluster"]["pools"][0]["hosts"][0] = {{"nodes", 6}};
  CHECK_THROWS_WITH(parse_scenario(bad, "x.json"),
                    Contains("/cluster/pools/0/hosts/0: found neither \"cpu_cores\" nor \"memory_gib\""));
  bad = doc;
  bad["cluster"]["pools"][0]["hosts"][0]["cpu_cores"] = 0;
  CHECK_THROWS_WITH(parse_scenario(bad, "x.json"), Contains("/cluster/pools/0/hosts/0/cpu_cores: found 0"));
  bad = doc;
  bad["cluster"]["pools"][0]["hosts"] = json::array();
  CHECK_THROWS_WITH(parse_scenario(bad, "x.json"), Contains("/cluster/pools/0/hosts"));
}

TEST_CASE("the one-pool forms give the same report", "[pools][config]") {
  // Today's form (top-level ppu and node, cluster.nodes) and an explicit one-pool cluster with
  // the same node, chip inside it, are the same cluster: the reports match byte for byte.
  json old_form = minimal_scenario();
  json pools_form = old_form;
  json node = pools_form["node"];
  node["ppu"] = pools_form["ppu"];
  pools_form.erase("ppu");
  pools_form.erase("node");
  pools_form["cluster"] = {{"pools", json::array({{{"name", "only"}, {"node", node}, {"nodes", 16}}})}};
  const Scenario a = parse_scenario(old_form, "old.json");
  const Scenario b = parse_scenario(pools_form, "pools.json");
  REQUIRE(b.pools.size() == 1);
  CHECK(b.pools[0].name == "only");
  CHECK(a.pools[0].name == "test-ppu");  // named after the chip when the node is inline
  CHECK(b.total_ppus() == a.total_ppus());
  const JobTrace trace =
      trace_of({flops_job("x", 0, 8, 1e19), flops_job("y", 5, 64, 1e19), flops_job("z", 9, 3, 1e18)});
  const auto run_a = simulate_in_child_process(a, trace);
  const auto run_b = simulate_in_child_process(b, trace);
  CHECK(run_a.report.dump() == run_b.report.dump());
  CHECK(run_a.jobs.dump() == run_b.jobs.dump());
  CHECK_FALSE(run_a.report.contains("pools"));
}

TEST_CASE("bad pools are errors naming the JSON path", "[pools][config]") {
  json doc = minimal_scenario_for_pools();
  const json node = minimal_pool_node();
  doc["scheduler"] = {{"policy", "fifo"}};
  doc["cluster"] = {{"pools", json::array({{{"name", "a"}, {"node", node}, {"nodes", 8}},
                                           {{"name", "b"}, {"node", "hgx-h20"}, {"nodes", 8}}})}};
  const Scenario ok = parse_scenario(doc, "x.json");
  REQUIRE(ok.pools.size() == 2);
  CHECK(ok.pools[1].first_node == 8);
  CHECK(ok.pools[1].ppu.name == "H20");
  CHECK(ok.cluster.nodes == 16);
  CHECK(ok.total_ppus() == 128);

  json bad = doc;
  bad["cluster"]["pools"][1]["name"] = "a";
  CHECK_THROWS_WITH(parse_scenario(bad, "x.json"), Contains("x.json: /cluster/pools/1/name: found \"a\""));
  bad = doc;
  bad["cluster"]["pools"][0]["nodes"] = 0;
  CHECK_THROWS_WITH(parse_scenario(bad, "x.json"), Contains("/cluster/pools/0/nodes"));
  bad = doc;
  bad["cluster"]["pools"][1]["cpu_cores"] = -4;
  CHECK_THROWS_WITH(parse_scenario(bad, "x.json"), Contains("/cluster/pools/1/cpu_cores: found -4"));
  bad = doc;
  bad["cluster"]["pools"][1]["memory_gib"] = "lots";
  CHECK_THROWS_WITH(parse_scenario(bad, "x.json"), Contains("/cluster/pools/1/memory_gib"));
  bad = doc;
  bad["cluster"]["nodes"] = 16;
  CHECK_THROWS_WITH(parse_scenario(bad, "x.json"), Contains("/cluster"));
  bad = doc;
  bad["ppu"] = "h20";
  CHECK_THROWS_WITH(parse_scenario(bad, "x.json"), Contains("/ppu"));
  bad = doc;
  bad["cluster"]["pools"][0]["node"]["ppu"]["tdp_watts"] = -1;
  CHECK_THROWS_WITH(parse_scenario(bad, "x.json"), Contains("/cluster/pools/0/ppu/tdp_watts"));
  // Every scheduling policy asks each pool (tests/test_pool_policies.cpp), so all load.
  for (const char* policy : {"easy-backfill", "conservative-backfill", "first-fit", "sjf", "priority"}) {
    json any_policy = doc;
    any_policy["scheduler"]["policy"] = policy;
    CHECK(parse_scenario(any_policy, "x.json").pools.size() == 2);
  }
}

TEST_CASE("a trace row asking for a PPU type no pool has is an error with its line, or skipped",
          "[pools][trace]") {
  const std::filesystem::path path = std::filesystem::temp_directory_path() / "ppusim_pools_trace.jsonl";
  {
    std::ofstream out(path);
    out << R"({"id": "j0", "submit_s": 0, "ppus": 1, "flops": 1e15, "ppu_type": "h20", "cpu_cores": 4, "memory_gib": 32})"
        << "\n";
    out << R"({"id": "j1", "submit_s": 1, "ppus": 1, "flops": 1e15, "ppu_type": ["b200", "h100-sxm"]})"
        << "\n";
    out << R"({"id": "j2", "submit_s": 2, "ppus": 1, "flops": 1e15, "ppu_type": "any"})"
        << "\n";
  }
  Scenario scenario = two_chip_scenario();
  scenario.pools[1].ppu.name = "H20";  // the catalog's h20 chip is named "H20"
  JobTrace trace = read_job_trace(path.string(), false);
  REQUIRE(trace.jobs[0].request);
  CHECK(trace.jobs[0].request->cpu_cores == 4);
  CHECK(trace.jobs[0].request->memory_bytes == 32.0 * 1024 * 1024 * 1024);
  CHECK(trace.jobs[1].request->ppu_types.size() == 2);
  CHECK(trace.jobs[2].request->ppu_types.empty());
  REQUIRE_THROWS_WITH(
      check_ppu_type_requests(trace, scenario.pools, false),
      Contains(path.string() + ":2: /ppu_type: found \"b200\", \"h100-sxm\", expected a chip of "
                               "the scenario's pools (\"slow-ppu\", \"H20\") or \"any\""));
  check_ppu_type_requests(trace, scenario.pools, true);
  CHECK(trace.jobs.size() == 2);
  CHECK(trace.skipped_rows == 1);
  std::filesystem::remove(path);

  const std::filesystem::path bad = std::filesystem::temp_directory_path() / "ppusim_pools_bad.jsonl";
  {
    std::ofstream out(bad);
    out << R"({"id": "j0", "submit_s": 0, "ppus": 1, "flops": 1e15, "cpu_cores": -1})"
        << "\n";
  }
  CHECK_THROWS_WITH(read_job_trace(bad.string(), false), Contains(":1: /cpu_cores: found -1"));
  std::filesystem::remove(bad);
}
