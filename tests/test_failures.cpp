// Failures, checkpoints, restarts, spares and spot preemption (docs/failures.md), each against
// hand arithmetic worked in the comments. Simulations run in a child process (SimGrid allows
// one engine per process).
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>

#include "sim/app/isolated_run.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/core/input_error.hpp"
#include "sim/economics/cost_breakdown.hpp"
#include "sim/failures/failure_process.hpp"
#include "tests/cli_runner.hpp"
#include "tests/minimal_scenario_json.hpp"
#include "tests/scenario_fixtures.hpp"

using namespace ppusim;
using namespace ppusim::test;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

DurationDistribution fixed(double seconds) { return {DurationDistribution::Kind::Fixed, seconds, 0}; }

/// Failures on, nothing random: only the listed events happen.
Scenario with_failures(Scenario s, std::vector<ScheduledFailure> events) {
  s.failures.enabled = true;
  s.failures.events = std::move(events);
  return s;
}

JobSpec with_checkpoint(JobSpec job, double bytes) {
  job.checkpoint_bytes = bytes;
  return job;
}

double job_field(const IsolatedRunOutput& run, std::size_t job, const char* field) {
  return run.jobs[job][field].get<double>();
}

}  // namespace

TEST_CASE("an interrupted job loses the work since its last checkpoint plus the restart cost", "[failures]") {
  // One node of 8 PPUs at 1e15 FLOP/s each: 8e18 FLOP take L = 1,000 s of compute. Its state,
  // 1e9 B, moves over the node's 10 GB/s storage client link in 0.1 s: loaded before the first
  // step (t = 0.1) and written every C = 100 s of progress (each write pauses it 0.1 s).
  // The node fails at t = 250.3, when progress is 250.3 − 0.1 − 2·0.1 = 250 s:
  //   lost work = 250 − C·⌊250 / C⌋ = 50 s; work saved: 200 of 1,000 s.
  // Detection 30 s + automatic restart 60 s: the job holds the node until 340.3, is queued
  // again and starts at once (the node was repaired at 260.3). It loads its checkpoint (0.1 s),
  // computes the 800 s left, writing at progress 100, …, 700 (7 × 0.1 s, none at the very end):
  //   end = 340.3 + 0.1 + 800 + 0.7 = 1,141.1 s.
  Scenario scenario = with_failures(tiny_scenario(1, 8, 1), {{250.3, ComponentKind::Node, 0}});
  scenario.failures.components[static_cast<std::size_t>(ComponentKind::Node)].repair_s = fixed(10);
  scenario.failures.checkpoint.interval_s = 100;
  scenario.failures.recovery.detection_s = 30;
  scenario.failures.recovery.automatic_restart_s = 60;
  const auto run =
      simulate_in_child_process(scenario, trace_of({with_checkpoint(flops_job("a", 0, 8, 8e18), 1e9)}));
  CHECK(job_field(run, 0, "end_s") == Approx(1141.1).epsilon(1e-9));
  CHECK(run.jobs[0]["interruptions"] == 1);
  CHECK(job_field(run, 0, "lost_work_s") == Approx(50).epsilon(1e-9));
  CHECK(job_field(run, 0, "restart_overhead_s") == Approx(90.1).epsilon(1e-9));
  CHECK(job_field(run, 0, "checkpoint_write_s") == Approx(0.9).epsilon(1e-9));
  CHECK(job_field(run, 0, "productive_s") == Approx(1000).epsilon(1e-9));
  CHECK(job_field(run, 0, "effective_training_time_ratio") == Approx(1000 / 1141.1).epsilon(1e-9));
  const json& failures = run.report["failures"];
  CHECK(failures["interruptions_by_cause"]["node"] == 1);
  CHECK(failures["lost_ppu_hours"]["total"].get<double>() == Approx(8 * (50 + 90.1) / 3600).epsilon(1e-9));
  // The lost 50 s of 8e15 FLOP/s were computed, but are not delivered: only the job's 8e18.
  CHECK(run.report["work"]["delivered_flops"].get<double>() == Approx(8e18).epsilon(1e-9));
  CHECK(failures["goodput_flops_per_s"].get<double>() == Approx(8e18 / 1141.1).epsilon(1e-9));
}

TEST_CASE("without checkpoints an interrupted job restarts from scratch", "[failures]") {
  // 1,000 s job, node fails at 300, no recovery delay, instant repair: lost 300 s, end 1,300 s.
  const Scenario scenario = with_failures(tiny_scenario(1, 8, 1), {{300, ComponentKind::Ppu, 5}});
  const auto run = simulate_in_child_process(scenario, trace_of({flops_job("a", 0, 8, 8e18)}));
  CHECK(job_field(run, 0, "end_s") == Approx(1300).epsilon(1e-12));
  CHECK(job_field(run, 0, "lost_work_s") == Approx(300).epsilon(1e-12));
  CHECK(run.report["failures"]["interruptions_by_cause"]["ppu"] == 1);
}

TEST_CASE("N jobs checkpointing at once share the storage link: each write takes N·size/B", "[failures]") {
  // 4 one-node jobs of 1,000 s compute, state 1e9 B each, storage link B = 1e9 B/s (the client
  // links, 10 GB/s, are not the bottleneck). Loads and writes are simultaneous: each takes
  // 4 · 1e9 / 1e9 = 4 s. C = 500: one write, at progress 500.
  //   end = 4 (load) + 500 + 4 (write) + 500 = 1,008 s; alone: 1 + 500 + 1 + 500 = 1,002 s.
  Scenario scenario = with_failures(tiny_scenario(4, 8, 4), {});
  scenario.storage.aggregate_bandwidth_bytes_per_s = 1e9;
  scenario.failures.checkpoint.interval_s = 500;
  std::vector<JobSpec> jobs;
  for (int i = 0; i < 4; ++i)
    jobs.push_back(with_checkpoint(flops_job("j" + std::to_string(i), 0, 8, 8e18), 1e9));
  const auto together = simulate_in_child_process(scenario, trace_of(jobs));
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK(job_field(together, i, "end_s") == Approx(1008).epsilon(1e-9));
    CHECK(job_field(together, i, "checkpoint_write_s") == Approx(4).epsilon(1e-9));
  }
  const auto alone = simulate_in_child_process(scenario, trace_of({jobs[0]}));
  CHECK(job_field(alone, 0, "end_s") == Approx(1002).epsilon(1e-9));
}

TEST_CASE("a job's checkpoint moves as one flow per leaf group, no faster than its nodes' client links",
          "[failures]") {
  // One 32-PPU job on 4 nodes: 3.2e19 FLOP at 32 × 1e15 FLOP/s = 1,000 s of compute; state
  // 4e9 B, 1e9 B per node. Storage 1e12 B/s and the leaf uplink (4 × 400e9 B/s) are far from
  // the bottleneck; each node's client link (10 GB/s) is. One leaf group of 4 nodes: one flow
  // of 4e9 B through the store (4e9 / 1e12 = 0.004 s), but no node moves its 1e9 B faster
  // than its client link, so the load and the write (C = 500) take
  //   1e9 / 1e10 = 0.1 s each (as four per-node flows would):
  //   end = 0.1 + 500 + 0.1 + 500 = 1,000.2 s.
  // Split over two leaf groups (2 nodes per leaf): two flows of 2e9 B, the same 0.1 s.
  for (const int nodes_per_leaf : {4, 2}) {
    Scenario scenario = with_failures(tiny_scenario(4, 8, nodes_per_leaf), {});
    scenario.failures.checkpoint.interval_s = 500;
    const auto run =
        simulate_in_child_process(scenario, trace_of({with_checkpoint(flops_job("a", 0, 32, 3.2e19), 4e9)}));
    CHECK(job_field(run, 0, "end_s") == Approx(1000.2).epsilon(1e-9));
    CHECK(job_field(run, 0, "checkpoint_write_s") == Approx(0.1).epsilon(1e-9));
  }
}

TEST_CASE("a node failure kills the replica on it; a replacement starts when the node is back",
          "[failures][inference]") {
  // Two 1-PPU nodes, one service of two 1-PPU replicas (weights 2e9 B at 10 GB/s: ready 0.2 s
  // after allocation), horizon 60 s. Two long requests arrive at 1 s, one per replica
  // (round-robin). Node 0 (replica 0) fails at 5 s: replica 0 stops serving, its request is
  // routed again to replica 1; detection 10 s → its PPU is released at 15 s and a replacement
  // is queued at the head; node 0 is repaired at 5 + 20 = 25 s, where the replacement starts,
  // serving from 25.2 s. (A request of 10,000 output tokens decodes for about 10 s, so both
  // are still running at 5 s.)
  //   serving: 0 at 0, 2 at 0.2, 1 at 5, 2 at 25.2;
  //   held PPU-time: replica 0 0–15, replica 1 0–60, replacement 25–60 → 110 PPU-s.
  const cli_test::TempDir dir;
  const auto requests = dir / "requests.jsonl";
  std::ofstream(requests) << "{\"arrival_s\": 1, \"input_tokens\": 4000, \"output_tokens\": 10000}\n"
                             "{\"arrival_s\": 1, \"input_tokens\": 4000, \"output_tokens\": 10000}\n";
  Scenario scenario = with_failures(tiny_scenario(2, 1, 2), {{5, ComponentKind::Node, 0}});
  scenario.failures.components[static_cast<std::size_t>(ComponentKind::Node)].repair_s = fixed(20);
  scenario.failures.recovery.detection_s = 10;
  scenario.simulation.horizon_s = 60;
  ServiceSpec service = unit_service();
  service.batching.kv_cache_bytes = 1e10;
  service.routing = RoutingPolicy::RoundRobin;
  service.initial_replicas = service.min_replicas = service.max_replicas = 2;
  service.requests.trace_path = requests.string();
  service.requests.time_offset_s = 1;  // a trace's first request arrives at the offset
  scenario.services.push_back(service);
  const auto run = simulate_in_child_process(scenario, JobTrace{});
  const json& report = run.report["services"][0];
  CHECK(report["replicas"]["started"] == 3);
  CHECK(report["replicas"]["interruptions"] == 1);
  CHECK(report["replicas"]["serving_over_time"]["t_s"] == json::array({0.0, 0.2, 5.0, 25.2}));
  CHECK(report["replicas"]["serving_over_time"]["count"] == json::array({0, 2, 1, 2}));
  CHECK(report["replicas"]["ppu_hours"].get<double>() == Approx(110.0 / 3600));
  CHECK(report["requests"]["retried_after_interruption"] == 1);
  CHECK(report["requests"]["completed"] == 2);
  // The retried request waited 4 s for its first try, then started over on replica 1.
  CHECK(report["ttft_s"]["max"].get<double>() > 4);
}

TEST_CASE("a spare node shortens the restart to the swap delay", "[failures]") {
  // A 1,000 s job on a one-node cluster; the node fails at 100 (no checkpoint: 100 s lost);
  // repair takes 1,000 s, a swap 50 s, recovery nothing.
  //   with a spare:    back at 150, end 150 + 1,000 = 1,150 s;
  //   without a spare: back at 1,100, end 2,100 s (nothing else to run on).
  Scenario scenario = with_failures(tiny_scenario(1, 8, 1), {{100, ComponentKind::Node, 0}});
  scenario.failures.components[static_cast<std::size_t>(ComponentKind::Node)].repair_s = fixed(1000);
  scenario.failures.spares = {1, 50};
  const JobTrace trace = trace_of({flops_job("a", 0, 8, 8e18)});
  const auto spared = simulate_in_child_process(scenario, trace);
  CHECK(job_field(spared, 0, "end_s") == Approx(1150).epsilon(1e-12));
  CHECK(job_field(spared, 0, "lost_work_s") == Approx(100).epsilon(1e-12));
  scenario.failures.spares = {0, 50};
  const auto unspared = simulate_in_child_process(scenario, trace);
  CHECK(job_field(unspared, 0, "end_s") == Approx(2100).epsilon(1e-12));
}

TEST_CASE("without a spare a restarted job takes other free nodes", "[failures]") {
  // Two nodes; the job's node (node 0, packed first) fails at 100 for 1,000 s; node 1 is free:
  // the job restarts there at once and ends at 1,100 s.
  Scenario scenario = with_failures(tiny_scenario(2, 8, 2), {{100, ComponentKind::Nic, 3}});
  scenario.failures.components[static_cast<std::size_t>(ComponentKind::Nic)].repair_s = fixed(1000);
  const auto run = simulate_in_child_process(scenario, trace_of({flops_job("a", 0, 8, 8e18)}));
  CHECK(job_field(run, 0, "end_s") == Approx(1100).epsilon(1e-12));
}

TEST_CASE("a leaf uplink failure interrupts only jobs whose ring leaves the leaf group", "[failures]") {
  // Two leaf groups of 2 nodes. Job "wide" spans both leaves, job "narrow" one node of leaf 1.
  // Link 0 is an uplink of leaf 0: only "wide" is interrupted.
  Scenario scenario = with_failures(tiny_scenario(4, 8, 2), {{10, ComponentKind::Link, 0}});
  scenario.scheduler.placement = PlacementPolicy::Pack;
  const auto run = simulate_in_child_process(
      scenario, trace_of({model_job("wide", 0, 24, 1e9, 1.6e12, 1.6e10), flops_job("narrow", 1, 8, 8e18)}));
  CHECK(run.jobs[0]["leaves_spanned"] == 2);
  CHECK(run.jobs[0]["interruptions"] == 1);
  CHECK(run.jobs[1]["interruptions"] == 0);
  CHECK(run.report["failures"]["interruptions_by_cause"]["link"] == 1);
}

TEST_CASE("exponential failures over a long horizon fall in their Poisson band", "[failures]") {
  // 1,000 nodes of MTBF 1,000 h: 1 failure per hour. Over 10,000 h the count is Poisson with
  // mean 10,000 and σ = 100; the fixed seed must land within mean ± 4σ.
  Scenario scenario = with_failures(tiny_scenario(1000, 8, 10), {});
  auto& node = scenario.failures.components[static_cast<std::size_t>(ComponentKind::Node)];
  node.enabled = true;
  node.lifetime.mean_s = 1000 * 3600.0;
  FailureProcess process(scenario);
  long long count = 0;
  std::vector<long long> per_node(1000);
  while (process.next_time() < 10000 * 3600.0) {
    const ComponentFailure failure = process.pop();
    CHECK(failure.component == ComponentKind::Node);
    ++per_node.at(failure.index);
    ++count;
  }
  CHECK(count >= 10000 - 400);
  CHECK(count <= 10000 + 400);
}

TEST_CASE("Weibull lifetimes have the configured mean", "[failures]") {
  // One node, shape 0.7, MTBF 100 h: scale = 100 / Γ(1 + 1/0.7). Its renewals' mean gap over
  // n = 10,000 failures has σ = MTBF · CV / √n, CV² = Γ(1 + 2/k) / Γ(1 + 1/k)² − 1 ≈ 2.1,
  // so σ ≈ 1.45 h; the sample mean must be within 100 ± 4σ.
  Scenario scenario = with_failures(tiny_scenario(1, 8, 1), {});
  auto& node = scenario.failures.components[static_cast<std::size_t>(ComponentKind::Node)];
  node.enabled = true;
  node.lifetime.kind = LifetimeDistribution::Kind::Weibull;
  node.lifetime.shape = 0.7;
  node.lifetime.mean_s = 100 * 3600.0;
  node.lifetime.scale_s = node.lifetime.mean_s / std::tgamma(1 + 1 / 0.7);
  const double cv = std::sqrt(std::tgamma(1 + 2 / 0.7) / std::pow(std::tgamma(1 + 1 / 0.7), 2) - 1);
  FailureProcess process(scenario);
  double last = 0;
  for (int i = 0; i < 10000; ++i) last = process.pop().time_s;
  const double mean_gap_h = last / 10000 / 3600;
  const double sigma_h = 100 * cv / 100;
  CHECK(std::abs(mean_gap_h - 100) <= 4 * sigma_h);
}

TEST_CASE("spot preemptions come at the configured rate per node-hour", "[failures][spot]") {
  // 100 nodes at 0.01 preemptions per node-hour: 1 per hour; 10,000 h → 10,000 ± 4·100.
  Scenario scenario = tiny_scenario(100, 8, 10);
  scenario.economics.model = CostModel::Cloud;
  scenario.economics.billing = CloudBilling::Spot;
  scenario.economics.spot = {0.01, 120, 600};
  FailureProcess process(scenario);
  long long count = 0;
  while (process.next_time() < 10000 * 3600.0) {
    CHECK(process.pop().component == ComponentKind::Preemption);
    ++count;
  }
  CHECK(count >= 9600);
  CHECK(count <= 10400);
}

TEST_CASE("a spot preemption interrupts the node's jobs after the notice", "[failures][spot]") {
  // One node, 1 preemption per 1,000 node-seconds on average, notice 120 s, node back 600 s
  // after the notice; a 1,000 s job without checkpoints, no recovery delay. The preemption
  // times are the failure process's (same seed, same stream), read here first: take the first
  // seed whose first notice t1 comes before the job ends (t1 + 120 < 1,000) and whose second
  // comes after the restarted job ends. Then:
  //   interrupted at t1 + 120 (lost work t1 + 120), restarted at t1 + 600, end t1 + 1,600.
  Scenario scenario = tiny_scenario(1, 8, 1);
  scenario.economics.model = CostModel::Cloud;
  scenario.economics.usd_per_ppu_hour = 1;
  scenario.economics.billing = CloudBilling::Spot;
  scenario.economics.spot = {3.6, 120, 600};
  scenario.economics.billing_granularity_s = 1e-3;
  double t1 = -1;
  for (std::uint64_t seed = 1; seed <= 1000 && t1 < 0; ++seed) {
    scenario.simulation.seed = seed;
    FailureProcess process(scenario);
    const double first = process.pop().time_s;
    const double second = process.pop().time_s;
    if (first + 120 < 1000 && second > first + 1600) t1 = first;
  }
  REQUIRE(t1 >= 0);
  const auto run = simulate_in_child_process(scenario, trace_of({flops_job("a", 0, 8, 8e18)}));
  CHECK(job_field(run, 0, "end_s") == Approx(t1 + 1600).epsilon(1e-12));
  CHECK(job_field(run, 0, "lost_work_s") == Approx(t1 + 120).epsilon(1e-12));
  CHECK(run.report["failures"]["interruptions_by_cause"]["spot_preemption"] == 1);
  // Spot bills every attempt's held time at the spot price: 8 PPUs × (t1 + 120 + 1,000) s.
  CHECK(run.report["cost"]["breakdown_usd"]["cloud_bill"].get<double>() ==
        Approx(8 * (t1 + 120 + 1000) / 3600.0).epsilon(1e-6));
}

TEST_CASE("the cost of lost work and restarts is carved out of what the money bought", "[failures][cost]") {
  // Spot at $2/PPU-h, 10 PPU-h billed: $20. Of them 6 PPU-h computing, of which 1 lost;
  // 2 PPU-h of restarts; the other 2 allocated but not computing.
  //   computing (6 − 1)·2 = $10, lost work $2, restarts $4, allocated other $4, idle 0.
  Scenario scenario = tiny_scenario(1, 8, 1);
  scenario.economics.model = CostModel::Cloud;
  scenario.economics.billing = CloudBilling::Spot;
  scenario.economics.usd_per_ppu_hour = 2;
  CostInputs inputs;
  inputs.window_s = 3600;
  inputs.billed_ppu_s = 10 * 3600;
  inputs.allocated_ppu_s = 10 * 3600;
  inputs.busy_ppu_s = 6 * 3600;
  inputs.lost_work_ppu_s = 1 * 3600;
  inputs.restart_ppu_s = 2 * 3600;
  const CostBreakdown cost = compute_cost(scenario, inputs);
  CHECK(cost.total_usd == Approx(20));
  CHECK(cost.spent_computing_usd == Approx(10));
  CHECK(cost.spent_on_lost_work_usd == Approx(2));
  CHECK(cost.spent_on_restarts_usd == Approx(4));
  CHECK(cost.spent_allocated_other_usd == Approx(4));
  CHECK(cost.spent_idle_usd == Approx(0).margin(1e-12));
}

namespace {

/// The loader tests' minimal scenario with a failures block using every field.
json base_scenario() {
  json d = minimal_scenario();
  d["failures"] = json::parse(R"({
      "components": {"node": {"distribution": "exponential", "mtbf_hours": 1000,
                              "repair_s": {"distribution": "fixed", "value_s": 3600}}},
      "recovery": {"detection_s": 60, "automatic_restart_s": 300, "manual_restart_s": 7200,
                   "manual_fraction": 0.01},
      "spares": {"nodes": 2, "swap_s": 600},
      "checkpoint": {"interval_s": 3600, "bytes_per_parameter": 14},
      "events": [{"time_s": 100, "component": "switch", "index": 3}]
    })");
  return d;
}

Scenario parse(const json& document) { return parse_scenario(document, "configs/x.json"); }

}  // namespace

TEST_CASE("the failures block is read with its units", "[failures][config]") {
  const Scenario s = parse(base_scenario());
  REQUIRE(s.failures.enabled);
  CHECK(s.failures.component(ComponentKind::Node).lifetime.mean_s == 1000 * 3600.0);
  CHECK(s.failures.component(ComponentKind::Node).repair_s.a == 3600);
  CHECK_FALSE(s.failures.component(ComponentKind::Ppu).enabled);
  CHECK(s.failures.recovery.manual_fraction == 0.01);
  CHECK(s.failures.spares.nodes == 2);
  CHECK(s.failures.checkpoint.bytes_per_parameter == 14);
  REQUIRE(s.failures.events.size() == 1);
  CHECK(s.failures.events[0].component == ComponentKind::Switch);
  json without = base_scenario();
  without.erase("failures");
  CHECK_FALSE(parse(without).failures.enabled);
}

TEST_CASE("bad failure and spot settings name their JSON path", "[failures][config]") {
  json d = base_scenario();
  SECTION("zero MTBF") {
    d["failures"]["components"]["node"]["mtbf_hours"] = 0;
    REQUIRE_THROWS_WITH(parse(d), Contains("configs/x.json: /failures/components/node/mtbf_hours: found 0"));
  }
  SECTION("negative MTBF") {
    d["failures"]["components"]["node"]["mtbf_hours"] = -5;
    REQUIRE_THROWS_WITH(parse(d), Contains("/failures/components/node/mtbf_hours: found -5"));
  }
  SECTION("a probability above 1") {
    d["failures"]["recovery"]["manual_fraction"] = 1.5;
    REQUIRE_THROWS_WITH(parse(d), Contains("/failures/recovery/manual_fraction: found 1.5"));
  }
  SECTION("an unknown lifetime distribution") {
    d["failures"]["components"]["node"]["distribution"] = "gamma";
    REQUIRE_THROWS_WITH(parse(d), Contains("/failures/components/node/distribution"));
  }
  SECTION("a Weibull lifetime with neither scale nor MTBF") {
    d["failures"]["components"]["node"] = json::parse(
        R"({"distribution": "weibull", "shape": 0.8, "repair_s": {"distribution": "fixed", "value_s": 1}})");
    REQUIRE_THROWS_WITH(parse(d),
                        Contains("/failures/components/node: found a weibull lifetime with neither"));
  }
  SECTION("an event beyond the cluster") {
    d["failures"]["events"][0]["index"] = 4;  // 16 nodes / 4 per leaf = 4 switches: 0..3
    REQUIRE_THROWS_WITH(parse(d), Contains("/failures/events/0/index: found 4"));
  }
  SECTION("an unknown component") {
    d["failures"]["events"][0]["component"] = "gpu";
    REQUIRE_THROWS_WITH(parse(d), Contains("/failures/events/0/component"));
  }
  SECTION("an unknown billing") {
    d["economics"] = json::parse(R"({"model": "cloud", "usd_per_ppu_hour": 2, "billing": "spotty"})");
    REQUIRE_THROWS_WITH(parse(d), Contains("/economics/billing"));
  }
  SECTION("a negative preemption rate") {
    d["economics"] = json::parse(R"({"model": "cloud", "usd_per_ppu_hour": 2, "billing": "spot",
                                     "spot": {"preemptions_per_node_hour": -0.1}})");
    REQUIRE_THROWS_WITH(parse(d), Contains("/economics/spot/preemptions_per_node_hour: found -0.1"));
  }
  SECTION("spot without its block") {
    d["economics"] = json::parse(R"({"model": "cloud", "usd_per_ppu_hour": 2, "billing": "spot"})");
    REQUIRE_THROWS_WITH(parse(d), Contains("/economics/spot: missing"));
  }
}

TEST_CASE("random failures: every job still finishes, and the same seed gives the same report",
          "[failures][determinism]") {
  // 8 nodes whose components fail every few thousand seconds, 40 jobs (network jobs with
  // checkpoints and rings across leaf groups, local ones without): many interruptions, in
  // setup, in compute, in communication and in checkpoint writes. Nothing may deadlock, every
  // job must finish, and two runs must agree byte for byte.
  Scenario scenario = tiny_scenario(8, 8, 2);
  scenario.failures.enabled = true;
  auto set = [&](ComponentKind kind, double mtbf_s, double repair_s) {
    auto& component = scenario.failures.components[static_cast<std::size_t>(kind)];
    component.enabled = true;
    component.lifetime.mean_s = mtbf_s;
    component.repair_s = fixed(repair_s);
  };
  set(ComponentKind::Node, 8 * 20000.0, 300);
  set(ComponentKind::Link, 4 * 20000.0, 0);
  scenario.failures.recovery = {30, 60, 600, 0.2};
  scenario.failures.spares = {1, 120};
  scenario.failures.checkpoint = {200, 16};
  std::vector<JobSpec> jobs;
  for (int i = 0; i < 40; ++i) {
    jobs.push_back(i % 3 == 0 ? model_job("m" + std::to_string(i), i * 7.0, 8 * (1 + i % 4), 1e9, 1e12, 4e9)
                              : flops_job("f" + std::to_string(i), i * 5.0, 1 + i % 8, 1e18 * (1 + i % 5)));
  }
  const auto first = simulate_in_child_process(scenario, trace_of(jobs));
  const auto second = simulate_in_child_process(scenario, trace_of(jobs));
  CHECK(first.report["jobs"]["finished"] == 40);
  CHECK(first.report["failures"]["interruptions"].get<long long>() > 0);
  CHECK(first.report.dump() == second.report.dump());
  CHECK(first.jobs.dump() == second.jobs.dump());
}

TEST_CASE("the failures timeline counts failures and interruptions in the time bin they happen in",
          "[failures][report]") {
  // Bins of 100 s. Two leaf groups of 2 nodes: "wide" (24 PPUs, pack) holds nodes 0–2 across
  // both leaves, "narrow" node 3 (from t = 1, for 1,000 s of compute). Link 0, an uplink of
  // leaf 0, fails at t = 10: "wide" is interrupted (network, bin 0). Node 3 fails at t = 150:
  // "narrow" is interrupted (hardware, bin 1). Two component failures, one in each bin.
  Scenario scenario =
      with_failures(tiny_scenario(4, 8, 2), {{10, ComponentKind::Link, 0}, {150, ComponentKind::Node, 3}});
  scenario.scheduler.placement = PlacementPolicy::Pack;
  scenario.simulation.time_series_interval_s = 100;
  const auto run = simulate_in_child_process(
      scenario, trace_of({model_job("wide", 0, 24, 1e9, 1.6e12, 1.6e10), flops_job("narrow", 1, 8, 8e18)}));
  REQUIRE(run.jobs[0]["interruptions"] == 1);
  REQUIRE(run.jobs[1]["interruptions"] == 1);
  const json& series = run.report["time_series"];
  const std::size_t bins = series["start_s"].size();
  REQUIRE(bins >= 2);
  std::vector<long long> failures(bins, 0), hardware(bins, 0), network(bins, 0), preemption(bins, 0);
  failures[0] = failures[1] = 1;
  network[0] = 1;
  hardware[1] = 1;
  CHECK(series["component_failures"] == json(failures));
  CHECK(series["interruptions_network"] == json(network));
  CHECK(series["interruptions_hardware"] == json(hardware));
  CHECK(series["interruptions_preemption"] == json(preemption));
  // The same totals as the failures section.
  CHECK(run.report["failures"]["interruptions_by_cause"]["link"] == 1);
  CHECK(run.report["failures"]["interruptions_by_cause"]["node"] == 1);
}

// --- Topology failures that cut nodes off (docs/topologies.md, "Failures during a run") -------

namespace {

/// Two leaf groups of 2 nodes (leaf 0: nodes 0–1, leaf 1: nodes 2–3). "narrow" (8 PPUs, 1,000 s,
/// no checkpoint) is placed first, on node 0; "wide" (24 PPUs = 3 nodes, L = 1,000 s of
/// compute, state 3e9 B = 1e9 B per node over 10 GB/s client links: 0.1 s a load or write)
/// fits in no leaf group, so pack takes the fuller-free leaf first: nodes 2, 3, then 1.
/// Checkpoints every C = 100 s of progress; detection 30 s + automatic restart 60 s.
Scenario two_leaf_cut(double at_s, int leaf, std::optional<double> repair_after_s) {
  Scenario s = with_failures(tiny_scenario(4, 8, 2), {});
  s.failures.checkpoint.interval_s = 100;
  s.failures.recovery.detection_s = 30;
  s.failures.recovery.automatic_restart_s = 60;
  // Leaf uplinks: 2 nodes × 400 GB/s over 400 GB/s links = 2 cables; both fail.
  TopologyFailureEvent cut;
  cut.time_s = at_s;
  cut.component = TopologyFailureEvent::Component::LeafUplink;
  cut.index = leaf;
  cut.count = 2;
  cut.repair_after_s = repair_after_s;
  s.topology.failures = {cut};
  return s;
}

JobTrace narrow_and_wide() {
  return trace_of({flops_job("narrow", 0, 8, 8e18), with_checkpoint(flops_job("wide", 0, 24, 2.4e19), 3e9)});
}

}  // namespace

TEST_CASE("a leaf group cut off interrupts the jobs on it until the repair; others run on",
          "[failures][topology]") {
  // Leaf 1's uplinks all fail at T = 250.3 and are repaired 500 s later (750.3).
  // "wide" (nodes 2, 3, 1) has a node behind the cut: interrupted at T. Its progress is
  // 250.3 − 0.1 (load) − 2 · 0.1 (writes at 100 and 200) = 250 s, so it loses
  //   250 − C·⌊250 / C⌋ = 50 s, and keeps 200 of its 1,000 s.
  // It holds its nodes until 250.3 + 90 = 340.3, then waits: nodes 2 and 3 are out of service
  // until 750.3, node 0 runs "narrow" until 1,000. At 750.3 it restarts on nodes 2, 3, 1, loads
  // its checkpoint (0.1 s), computes the 800 s left with 7 writes (progress 100 … 700):
  //   end = 750.3 + 0.1 + 800 + 0.7 = 1,551.1 s.
  // "narrow" (node 0, leaf 0 only) is not touched: it ends at 1,000 s.
  const auto run = simulate_in_child_process(two_leaf_cut(250.3, 1, 500), narrow_and_wide());
  CHECK(run.jobs[0]["interruptions"] == 0);
  CHECK(job_field(run, 0, "end_s") == Approx(1000).epsilon(1e-12));
  CHECK(run.jobs[1]["leaves_spanned"] == 2);
  CHECK(run.jobs[1]["interruptions"] == 1);
  CHECK(job_field(run, 1, "lost_work_s") == Approx(50).epsilon(1e-9));
  CHECK(job_field(run, 1, "end_s") == Approx(1551.1).epsilon(1e-9));
  CHECK(job_field(run, 1, "productive_s") == Approx(1000).epsilon(1e-9));
  CHECK(run.report["failures"]["interruptions_by_cause"]["link"] == 1);

  // Without a repair, nodes 2 and 3 never come back: "wide" (3 nodes) cannot start again on
  // the 2 nodes left, and the run ends with it unfinished when "narrow" ends.
  const auto for_good = simulate_in_child_process(two_leaf_cut(250.3, 1, std::nullopt), narrow_and_wide());
  CHECK(for_good.jobs[1]["interruptions"] == 1);
  CHECK(for_good.jobs[1]["outcome"] == "queued");
  CHECK(for_good.jobs[1]["end_s"].is_null());
  CHECK(job_field(for_good, 0, "end_s") == Approx(1000).epsilon(1e-12));
}

TEST_CASE("a job on a single node behind the cut is interrupted too: it loses storage",
          "[failures][topology]") {
  // The same jobs; now leaf 0 (nodes 0, 1) is cut off at 250.3 for 500 s. "narrow" runs on
  // node 0 alone, but can neither read data nor save a checkpoint: interrupted, and with no
  // checkpoint it loses all 250.3 s. "wide" (node 1 is behind the cut) is interrupted too.
  // Both are released at 340.3 and queued again, "wide" at the head. Only nodes 2 and 3 are in
  // service: "wide" needs 3, and EASY sets no reservation (nothing running will free a node),
  // so nothing is backfilled until the repair at 750.3. Then "narrow" runs its 1,000 s again:
  //   end = 750.3 + 1,000 = 1,750.3 s.
  const auto run = simulate_in_child_process(two_leaf_cut(250.3, 0, 500), narrow_and_wide());
  CHECK(run.jobs[0]["interruptions"] == 1);
  CHECK(job_field(run, 0, "lost_work_s") == Approx(250.3).epsilon(1e-12));
  CHECK(job_field(run, 0, "end_s") == Approx(1750.3).epsilon(1e-12));
  CHECK(run.jobs[1]["interruptions"] == 1);
  CHECK(run.report["failures"]["interruptions_by_cause"]["link"] == 2);
}
