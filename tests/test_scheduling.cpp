// FIFO and EASY backfilling on a hand-made trace, end to end, and a cluster kept full.
#include <catch2/catch.hpp>

#include "sim/app/isolated_run.hpp"
#include "tests/scenario_fixtures.hpp"

using namespace ppusim;
using namespace ppusim::test;

namespace {

// 4 nodes of 1 PPU delivering 1e15 FLOP/s: a job of P PPUs and T seconds has P·T·1e15 FLOPs.
JobTrace five_jobs() {
  return trace_of({flops_job("j1", 0, 2, 2 * 10e15),   // 2 PPUs, 10 s
                   flops_job("j2", 1, 4, 4 * 5e15),    // whole cluster, 5 s: head from t=1
                   flops_job("j3", 2, 1, 1 * 12e15),   // 12 s: would end at 14 > shadow 10
                   flops_job("j4", 3, 1, 1 * 7e15),    // 7 s: ends at 10 = shadow
                   flops_job("j5", 4, 1, 1 * 5e15)});  // 5 s: ends at 9
}

std::vector<double> starts(const IsolatedRunOutput& run) {
  std::vector<double> result;
  for (const auto& job : run.jobs) result.push_back(job["start_s"].get<double>());
  return result;
}

}  // namespace

TEST_CASE("FIFO runs the five-job trace in submission order", "[scheduler]") {
  // j1 0–10; j2 waits for the whole cluster, 10–15; then j3, j4, j5 all start at 15.
  Scenario scenario = tiny_scenario(4, 1, 4);
  scenario.scheduler.policy = SchedulingPolicy::Fifo;
  const auto run = simulate_in_child_process(scenario, five_jobs());
  CHECK(starts(run) == std::vector<double>{0, 10, 15, 15, 15});
}

TEST_CASE("EASY backfills only jobs that do not delay the head", "[scheduler]") {
  // At t=1 j2 (4 PPUs) is the head; shadow time 10 when j1 ends, no spare PPUs then.
  // j3 would run to 14: not backfilled. j4 (3–10) and j5 (4–9) end by 10: backfilled.
  // j2 starts at 10 as under FIFO; j3 at 15.
  Scenario scenario = tiny_scenario(4, 1, 4);
  scenario.scheduler.policy = SchedulingPolicy::EasyBackfill;
  const auto run = simulate_in_child_process(scenario, five_jobs());
  CHECK(starts(run) == std::vector<double>{0, 10, 15, 3, 4});
  // Mean queueing delay: (0 + 9 + 13 + 0 + 0) / 5 = 4.4 s, against FIFO's (0+9+13+12+11)/5 = 9.
  CHECK(run.report["jobs"]["queueing_delay_s"]["mean"].get<double>() == Approx(4.4));
}

TEST_CASE("a cluster kept full has utilization 1", "[scheduler][metrics]") {
  // 4 one-PPU nodes, 8 jobs of 1 PPU × 50 s, all submitted at 0: two waves, window 100 s.
  Scenario scenario = tiny_scenario(4, 1, 4);
  std::vector<JobSpec> jobs;
  for (int i = 0; i < 8; ++i) jobs.push_back(flops_job("f" + std::to_string(i), 0, 1, 50e15));
  const auto run = simulate_in_child_process(scenario, trace_of(jobs));
  CHECK(run.report["window_s"].get<double>() == 100.0);
  CHECK(run.report["utilization"]["allocated"].get<double>() == Approx(1.0));
  CHECK(run.report["utilization"]["busy"].get<double>() == Approx(1.0));
  // Delivered / peak = MFU = 0.5.
  CHECK(run.report["utilization"]["delivered_flops"].get<double>() == Approx(0.5));
  for (double u : run.report["time_series"]["utilization_allocated"]) CHECK(u == Approx(1.0));
}

TEST_CASE("a job that can never fit is rejected and counted", "[scheduler]") {
  Scenario scenario = tiny_scenario(4, 1, 4);
  const auto run = simulate_in_child_process(
      scenario, trace_of({flops_job("big", 0, 5, 1e15), flops_job("ok", 0, 1, 1e15)}));
  CHECK(run.report["jobs"]["rejected"] == 1);
  CHECK(run.report["jobs"]["finished"] == 1);
  CHECK(run.jobs[0]["outcome"] == "rejected");
  CHECK(run.jobs[0]["reject_reason"].get<std::string>().find("needs 5 PPUs, the cluster has 4") == 0);
}

TEST_CASE("the horizon cuts the run and clips the accounting", "[engine]") {
  // One 1-PPU job of 100 s on a 4-PPU cluster, horizon 40 s: allocated and busy 40 PPU-s
  // of 160 → 0.25; the job is still running at the end.
  Scenario scenario = tiny_scenario(4, 1, 4);
  scenario.simulation.horizon_s = 40;
  const auto run = simulate_in_child_process(scenario, trace_of({flops_job("long", 0, 1, 100e15)}));
  CHECK(run.report["window_s"].get<double>() == 40.0);
  CHECK(run.report["jobs"]["running_at_end"] == 1);
  CHECK(run.report["utilization"]["allocated"].get<double>() == Approx(0.25));
  CHECK(run.report["utilization"]["busy"].get<double>() == Approx(0.25));
}

TEST_CASE("same scenario, same seed: identical reports", "[determinism]") {
  Scenario scenario = tiny_scenario(8, 8, 2);
  std::vector<JobSpec> jobs;
  for (int i = 0; i < 40; ++i) {
    jobs.push_back(i % 3 == 0 ? model_job("m" + std::to_string(i), i * 7.0, 8 * (1 + i % 4), 1e9, 1e12, 4e9)
                              : flops_job("f" + std::to_string(i), i * 5.0, 1 + i % 8, 1e18 * (1 + i % 5)));
  }
  const auto first = simulate_in_child_process(scenario, trace_of(jobs));
  const auto second = simulate_in_child_process(scenario, trace_of(jobs));
  CHECK(first.report.dump() == second.report.dump());
  CHECK(first.jobs.dump() == second.jobs.dump());
}

TEST_CASE("EASY does not backfill onto a partly used node the head job counts on", "[scheduler]") {
  // 2 nodes of 8 PPUs. a: 4 PPUs × 100 s on node 0; c: 8 PPUs × 1,000 s on node 1. At t=1 the
  // head h needs both nodes: node 0 frees at 100, node 1 at 1,000, so h is reserved for 1,000
  // with no spare node. d (4 PPUs × 5,000 s, t=2) fits now on node 0's free half but would run
  // past 1,000 on a node h counts on: it must wait. h runs 1,000–1,100, then d starts.
  Scenario scenario = tiny_scenario(2, 8, 2);
  const auto run = simulate_in_child_process(
      scenario, trace_of({flops_job("a", 0, 4, 4 * 100e15), flops_job("c", 0, 8, 8 * 1000e15),
                          flops_job("h", 1, 16, 16 * 100e15), flops_job("d", 2, 4, 4 * 5000e15)}));
  CHECK(starts(run) == std::vector<double>{0, 0, 1000, 1100});
}

TEST_CASE("fragmentation-aware placement keeps a node whole for a later whole-node job", "[scheduler]") {
  // Two nodes of 8 PPUs in one leaf group; every job computes at 1e15 FLOP/s per PPU.
  //   A: 6 PPUs, 100 s     → node 0 (2 PPUs left)            both policies
  //   B: 6 PPUs, 1,000 s   → does not fit node 0: node 1 (2 left)
  //   C: 2 PPUs, 1,000 s   → fits node 0 and node 1 equally well (2 free each).
  //      pack: the first in best-fit order, node 0. Fragmentation-aware: node 1, because its
  //      job B ends at 1,000 s like C (delay 0), whereas on node 0 C would keep the node from
  //      coming free at 100 s until 1,000 s (delay 900).
  //   D: 8 PPUs (a whole node), 100 s, submitted at 50.
  //      pack: at 100 A ends, but node 0 still holds C and node 1 holds B: 6 and 2 PPUs free,
  //      stranded. D waits until both end at 1,000 s and runs 1,000–1,100.
  //      fragmentation-aware: at 100 node 0 is whole again: D runs 100–200.
  Scenario scenario = tiny_scenario(2, 8, 2);
  const JobTrace trace = trace_of({flops_job("A", 0, 6, 6 * 100e15), flops_job("B", 0, 6, 6 * 1000e15),
                                   flops_job("C", 0, 2, 2 * 1000e15), flops_job("D", 50, 8, 8 * 100e15)});
  scenario.scheduler.placement = PlacementPolicy::Pack;
  const auto packed = simulate_in_child_process(scenario, trace);
  CHECK(starts(packed) == std::vector<double>{0, 0, 0, 1000});
  scenario.scheduler.placement = PlacementPolicy::FragmentationAware;
  const auto aware = simulate_in_child_process(scenario, trace);
  CHECK(starts(aware) == std::vector<double>{0, 0, 0, 100});
  CHECK(aware.jobs[3]["end_s"].get<double>() == Approx(200));
  CHECK(aware.report["scenario"]["placement"] == "fragmentation-aware");
}
