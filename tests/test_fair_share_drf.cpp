// Dominant resource fairness as the priority policy's fair-share factor
// (scheduler.priority.fair_share "drf"; docs/tenants.md "Fair share", docs/models.md section l),
// each figure worked by hand in the comments.
#include <catch2/catch.hpp>
#include <cmath>
#include <nlohmann/json.hpp>

#include "sim/app/isolated_run.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/core/input_error.hpp"
#include "sim/scheduler/held_resources.hpp"
#include "sim/scheduler/multifactor_priority.hpp"
#include "sim/scheduler/resource_pool.hpp"
#include "sim/scheduler/tenant_ledger.hpp"
#include "tests/minimal_scenario_json.hpp"
#include "tests/scenario_fixtures.hpp"
#include "topologies/fat_tree_layout.hpp"

using namespace ppusim;
using namespace ppusim::test;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

constexpr double kGib = 1024.0 * 1024.0 * 1024.0;

TenantSpec tenant(const std::string& name, std::int64_t burst, double weight = 1) {
  TenantSpec t;
  t.name = name;
  t.burst_ppus = burst;
  t.weight = weight;
  t.job_share = weight;
  return t;
}

/// A FLOPs job of `tenant_index` asking for `ppus` PPUs, `cpu_cores` and `memory_gib`.
JobSpec tenant_job(const std::string& id, double submit_s, int ppus, double flops, int tenant_index,
                   const std::string& tenant_name, double cpu_cores, double memory_gib) {
  JobSpec job = flops_job(id, submit_s, ppus, flops);
  job.tenant_index = tenant_index;
  job.tenant = tenant_name;
  job.request = std::make_shared<const ResourceRequest>(ResourceRequest{{}, cpu_cores, memory_gib * kGib});
  return job;
}

/// The tiny scenario as one pool of `nodes` nodes with the given host figures, priority policy.
Scenario one_pool(int nodes, int ppus_per_node, std::optional<double> cpu_cores,
                  std::optional<double> memory_gib, FairShareModel fair_share) {
  Scenario scenario = tiny_scenario(nodes, ppus_per_node, nodes);
  scenario.scheduler.policy = SchedulingPolicy::Priority;
  scenario.scheduler.fair_share = fair_share;
  scenario.scheduler.fair_share_half_life_s = 1e9;
  PoolSpec pool =
      chip_pool(scenario, "pool", scenario.ppu.name, scenario.ppu.peak_bf16_flops_per_s, nodes, 0);
  pool.set_host(cpu_cores, memory_gib ? std::optional<double>(*memory_gib * kGib) : std::nullopt);
  scenario.pools = {pool};
  return scenario;
}

std::vector<double> starts_of(const IsolatedRunOutput& run) {
  std::vector<double> starts;
  for (const json& job : run.jobs) starts.push_back(job["start_s"].get<double>());
  return starts;
}

}  // namespace

TEST_CASE("DRF gives the paper's example three tasks of A and two of B", "[tenants][scheduler][drf]") {
  // Ghodsi et al. (NSDI'11), section 4: 9 CPUs and 18 GB; A's tasks ask <1 CPU, 4 GB>, B's
  // <3 CPUs, 1 GB>. As a ppusim scenario: one node of 64 PPUs, 9 cores and 18 GiB; each job
  // asks 1 PPU besides, so the PPUs (1/64 a job) never dominate. A's jobs a0..a4 are indices
  // 0..4, B's b0..b4 are 5..9, all submitted at 0 and long (1e21 FLOP at 1e15 FLOP/s).
  // Equal weights: S = 1/2. At 0 the age and tenant factors are 0, so the order is F's, then
  // the submit time, then the index.
  //   DRF, F = 2^(−d/S):
  //     d_A = d_B = 0, F = 1 both: a0 (lower index). d_A = max(1/64, 1/9, 4/18) = 2/9.
  //     F_A = 2^(−4/9) = 0.73 < F_B = 1: b0. d_B = max(1/64, 3/9, 1/18) = 1/3, F_B = 2^(−2/3) = 0.63.
  //     F_A 0.73 > 0.63: a1, d_A = 8/18 = 4/9, F_A = 2^(−8/9) = 0.54 < 0.63: b1, d_B = 6/9 = 2/3,
  //     F_B = 2^(−4/3) = 0.40 < F_A: a2, d_A = 12/18 = 2/3 = d_B (the same double: 12/18 and
  //     6/9 are both 2/3 rounded once), F_A = F_B: a3 (index 3 < 7) asks 1 core, but the
  //     cores are all held (3 + 6 = 9): the pass stops. A runs 3 tasks and B 2, the paper's
  //     allocation (A <3 CPUs, 12 GB>, B <6 CPUs, 2 GB>, dominant shares 2/3 each).
  //   Classic: no usage yet, F = 1 for both at 0: a0..a3 start by index (4 cores, 16 GiB) and
  //     a4 would need 20 GiB > 18: A runs 4 tasks and B none.
  std::vector<JobSpec> jobs;
  for (int i = 0; i < 5; ++i) jobs.push_back(tenant_job("a" + std::to_string(i), 0, 1, 1e21, 0, "A", 1, 4));
  for (int i = 0; i < 5; ++i) jobs.push_back(tenant_job("b" + std::to_string(i), 0, 1, 1e21, 1, "B", 3, 1));
  for (const FairShareModel model : {FairShareModel::DominantResource, FairShareModel::Classic}) {
    Scenario scenario = one_pool(1, 64, 9, 18, model);
    scenario.tenants.tenants = {tenant("A", 64), tenant("B", 64)};
    const auto run = simulate_in_child_process(scenario, trace_of(jobs));
    std::vector<int> started_at_zero;
    for (std::size_t j = 0; j < run.jobs.size(); ++j) {
      if (run.jobs[j]["start_s"].get<double>() == 0) started_at_zero.push_back(static_cast<int>(j));
    }
    if (model == FairShareModel::DominantResource) {
      CHECK(started_at_zero == std::vector<int>{0, 1, 2, 5, 6});
    } else {
      CHECK(started_at_zero == std::vector<int>{0, 1, 2, 3});
    }
  }
}

TEST_CASE("DRF and the classic factor order four jobs differently", "[tenants][scheduler][drf]") {
  // One node of 4 PPUs and 16 GiB (CPU not modelled), 1e15 FLOP/s per PPU; tenants X and Y of
  // equal weight (S = 1/2), a half-life so long that usage does not decay.
  //   x0 (X, 1 PPU, 12 GiB, 1,000 s) and y0 (Y, 3 PPUs, 100 s) start at 0 and fill the node.
  //   x1 (X, submitted at 10) and y1 (Y, at 20) each ask 3 PPUs for 100 s and wait.
  //   At 100 y0 ends: 3 PPUs free, room for one of x1, y1 (the other then stops the pass).
  //   Classic (decayed PPU usage): X used 1 · 100, Y 3 · 100 PPU-s: U_X = 1/4, U_Y = 3/4,
  //     F_X = 2^(−1/2) = 0.71 > F_Y = 2^(−3/2) = 0.35: x1 runs 100–200, y1 200–300.
  //   DRF (held now): X holds <1/4 of the PPUs, 12/16 of the memory>: d_X = 3/4,
  //     F_X = 2^(−3/2) = 0.35; Y holds nothing: F_Y = 1: y1 runs 100–200, x1 200–300.
  //   The age factor (1,000 · (≤ 90 s / 7 days) < 0.15) cannot outweigh 10,000 · ΔF.
  const std::vector<JobSpec> jobs = {
      tenant_job("x0", 0, 1, 1000e15, 0, "X", 0, 12), tenant_job("y0", 0, 3, 300e15, 1, "Y", 0, 0),
      tenant_job("x1", 10, 3, 300e15, 0, "X", 0, 0), tenant_job("y1", 20, 3, 300e15, 1, "Y", 0, 0)};
  // The tiny scenario's PPU runs at 2e15 · MFU 0.5 = 1e15 FLOP/s.
  Scenario classic = one_pool(1, 4, std::nullopt, 16, FairShareModel::Classic);
  classic.tenants.tenants = {tenant("X", 4), tenant("Y", 4)};
  Scenario drf = classic;
  drf.scheduler.fair_share = FairShareModel::DominantResource;
  CHECK(starts_of(simulate_in_child_process(classic, trace_of(jobs))) == std::vector<double>{0, 0, 100, 200});
  CHECK(starts_of(simulate_in_child_process(drf, trace_of(jobs))) == std::vector<double>{0, 0, 200, 100});
}

TEST_CASE("weighted DRF divides the dominant share by the normalized weight", "[tenants][scheduler][drf]") {
  // One node of 8 PPUs, 32 cores (memory not modelled). X (weight 3, S = 3/4) holds 4 PPUs and
  // 8 cores: d_X = max(4/8, 8/32) = 1/2, d_X / S_X = 2/3, F_X = 2^(−2/3) = 0.630. Y (weight 1,
  // S = 1/4) holds 1 PPU and 4 cores: d_Y = max(1/8, 4/32) = 1/8, d_Y / S_Y = 1/2,
  // F_Y = 2^(−1/2) = 0.707. X holds four times Y's dominant share, three times its weight.
  // Y then starts 2 PPUs and 24 cores within the pass: d_Y = max(3/8, 28/32) = 7/8,
  // F_Y = 2^(−7/2) = 0.0884, at once, without the ledger.
  TenantsSpec tenants;
  tenants.tenants = {tenant("X", 8, 3), tenant("Y", 8, 1)};
  TenantLedger ledger(tenants, 3600);
  ledger.started(0, 0, {.ppu_milli = 4000, .cpu_millicores = 8000}, 0, 0);
  ledger.started(1, 1, {.ppu_milli = 1000, .cpu_millicores = 4000}, 0, 0);
  const FatTreeLayout layout = make_fat_tree_layout(tiny_scenario(1, 8, 1));
  const ResourcePool pool(layout, one_pool(1, 8, 32, std::nullopt, FairShareModel::DominantResource).pools,
                          PlacementPolicy::Pack);
  SchedulerSpec spec;
  spec.fair_share = FairShareModel::DominantResource;
  MultifactorPriority priority(spec);
  priority.refresh(ledger, pool);
  CHECK(priority.fair_share_factor(0) == Approx(std::pow(2.0, -2.0 / 3)).epsilon(1e-12));
  CHECK(priority.fair_share_factor(1) == Approx(std::pow(2.0, -0.5)).epsilon(1e-12));
  CHECK(priority.fair_share_factor(-1) == 1.0);
  priority.started(1, 0, {.ppu_milli = 2000, .cpu_millicores = 24000});
  CHECK(priority.fair_share_factor(1) == Approx(std::pow(2.0, -3.5)).epsilon(1e-12));
  // When Y's work ends the ledger's holdings (and the next pass) are back to X's alone.
  ledger.stopped(1, 10);
  priority.refresh(ledger, pool);
  CHECK(priority.fair_share_factor(1) == 1.0);
}

TEST_CASE("scheduler.priority.fair_share accepts classic and drf and refuses the rest",
          "[tenants][config][drf]") {
  json doc = minimal_scenario();
  doc["scheduler"] = {{"policy", "priority"}, {"priority", {{"fair_share", "drf"}}}};
  CHECK(parse_scenario(doc, "x.json").scheduler.fair_share == FairShareModel::DominantResource);
  doc["scheduler"]["priority"]["fair_share"] = "classic";
  CHECK(parse_scenario(doc, "x.json").scheduler.fair_share == FairShareModel::Classic);
  doc["scheduler"]["priority"].erase("fair_share");
  CHECK(parse_scenario(doc, "x.json").scheduler.fair_share == FairShareModel::Classic);

  doc["scheduler"]["priority"]["fair_share"] = "dfr";
  CHECK_THROWS_WITH(
      parse_scenario(doc, "x.json"),
      Contains("x.json: /scheduler/priority/fair_share: found \"dfr\"") && Contains("did you mean \"drf\"?"));
  doc["scheduler"]["priority"]["fair_share"] = 1;
  CHECK_THROWS_WITH(parse_scenario(doc, "x.json"), Contains("/scheduler/priority/fair_share: found 1"));
  // DRF is the priority policy's factor: asked of another policy it would do nothing.
  doc["scheduler"] = {{"policy", "fifo"}, {"priority", {{"fair_share", "drf"}}}};
  CHECK_THROWS_WITH(parse_scenario(doc, "x.json"),
                    Contains("/scheduler/priority/fair_share: found \"drf\", expected \"classic\" with "
                             "/scheduler/policy \"fifo\""));
}

TEST_CASE("DRF counts a whole-node job's hosts whole, each node its own pool's",
          "[tenants][scheduler][drf]") {
  // Two pools of one node (8 PPUs each) of the same chip, 16 and 32 cores a node. A job on
  // both nodes (spanning) holds 16 PPUs and 16 + 32 = 48 cores, whatever it asked; the same
  // job on pool 1's node alone holds 8 PPUs and 32 cores; a job sharing that node holds
  // what it asked (3 cores).
  Scenario scenario = tiny_scenario(2, 8, 2);
  PoolSpec small = chip_pool(scenario, "small", scenario.ppu.name, scenario.ppu.peak_bf16_flops_per_s, 1, 0);
  PoolSpec large = chip_pool(scenario, "large", scenario.ppu.name, scenario.ppu.peak_bf16_flops_per_s, 1, 1);
  small.set_host(16, std::nullopt);
  large.set_host(32, std::nullopt);
  const FatTreeLayout layout = make_fat_tree_layout(scenario);
  const ResourcePool pools(layout, {small, large}, PlacementPolicy::Pack);
  Allocation spanning;
  spanning.nodes = {0, 1};
  spanning.ppus_per_node = 8;
  spanning.whole_nodes = true;
  spanning.spanned_pools = 0b11;
  const HeldResources across = held_resources(spanning, pools);
  CHECK(across.ppu_milli == 16000);
  CHECK(across.cpu_millicores == 48000);
  CHECK(across.memory_bytes == 0);
  Allocation one_pool_nodes = spanning;
  one_pool_nodes.nodes = {1};
  one_pool_nodes.spanned_pools = 0;
  one_pool_nodes.pool = 1;
  CHECK(held_resources(one_pool_nodes, pools).cpu_millicores == 32000);
  Allocation shared;
  shared.nodes = {1};
  shared.ppus_per_node = 2;
  shared.pool = 1;
  shared.host_held = {3, 0};
  CHECK(held_resources(shared, pools).ppu_milli == 2000);
  CHECK(held_resources(shared, pools).cpu_millicores == 3000);
}
