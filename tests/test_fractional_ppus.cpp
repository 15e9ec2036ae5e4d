// Fractional PPUs: jobs of ppu_milli thousandths share PPUs, best fit, each at its share of the
// peak; utilization counts their share.
#include <catch2/catch.hpp>

#include "sim/app/isolated_run.hpp"
#include "sim/scheduler/resource_pool.hpp"
#include "tests/scenario_fixtures.hpp"
#include "topologies/fat_tree_layout.hpp"

using namespace ppusim;
using namespace ppusim::test;

namespace {

JobSpec fractional_job(const std::string& id, double submit_s, int milli, double flops) {
  JobSpec job = flops_job(id, submit_s, 1, flops);
  job.ppu_milli = milli;
  return job;
}

FatTreeLayout layout_of(const Scenario& scenario) { return make_fat_tree_layout(scenario); }

}  // namespace

TEST_CASE("four jobs of 250 milli share one PPU and each takes 4 times its full-PPU time",
          "[fractional][engine]") {
  // One PPU delivering 1e15 FLOP/s: 1e18 FLOPs take 1,000 s on a whole PPU, 4,000 s on a quarter.
  const Scenario scenario = tiny_scenario(1, 1, 1);
  const auto run = simulate_in_child_process(
      scenario, trace_of({fractional_job("a", 0, 250, 1e18), fractional_job("b", 0, 250, 1e18),
                          fractional_job("c", 0, 250, 1e18), fractional_job("d", 0, 250, 1e18)}));
  for (const auto& job : run.jobs) {
    CHECK(job["start_s"].get<double>() == 0);
    CHECK(job["end_s"].get<double>() == Approx(4000));
  }
  // 4 · 0.25 PPU for 4,000 s on 1 PPU over a 4,000 s window: fully allocated and busy.
  CHECK(run.report["utilization"]["allocated"].get<double>() == Approx(1.0));
  CHECK(run.report["utilization"]["busy"].get<double>() == Approx(1.0));
  CHECK(run.report["work"]["delivered_flops"].get<double>() == Approx(4e18));
}

TEST_CASE("a 600 and a 500 milli job do not share a PPU", "[fractional][engine]") {
  // 6e17 FLOPs at 0.6e15 FLOP/s: 1,000 s; the 500 waits for it, then 5e17 / 0.5e15 = 1,000 s.
  // Allocated PPU-time (0.6 · 1000 + 0.5 · 1000) over 1 PPU · 2,000 s = 0.55.
  const Scenario scenario = tiny_scenario(1, 1, 1);
  const auto run = simulate_in_child_process(
      scenario, trace_of({fractional_job("a", 0, 600, 6e17), fractional_job("b", 0, 500, 5e17)}));
  CHECK(run.jobs[1]["start_s"].get<double>() == Approx(1000));
  CHECK(run.jobs[1]["end_s"].get<double>() == Approx(2000));
  CHECK(run.report["utilization"]["allocated"].get<double>() == Approx(0.55));
  CHECK(run.report["utilization"]["busy"].get<double>() == Approx(0.55));
}

TEST_CASE("fractional jobs go to the fullest shared PPU that holds them, and PPUs return when empty",
          "[fractional][scheduler]") {
  const Scenario scenario = tiny_scenario(2, 2, 2);
  ResourcePool pool(layout_of(scenario), 2, PlacementPolicy::Pack);
  const Allocation a = *pool.allocate(1, {}, 600);  // opens PPU 1: 400 free
  const Allocation b = *pool.allocate(1, {}, 700);  // does not fit there: opens PPU 2, 300 free
  CHECK(a.shared_ppu != b.shared_ppu);
  CHECK(pool.free_ppus() == 2);
  CHECK(a.allocated_ppus() == Approx(0.6));
  // 300 fits both (400 and 300 free): best fit picks the one with 300 free, b's.
  const Allocation c = *pool.allocate(1, {}, 300);
  CHECK(c.shared_ppu == b.shared_ppu);
  CHECK(pool.fractional_ppus().free_milli(b.shared_ppu) == 0);
  CHECK(pool.jobs_on(b.nodes.front()) == (a.nodes == b.nodes ? 3 : 2));
  pool.release(b);
  CHECK(pool.free_ppus() == 2);  // c still holds that PPU
  pool.release(c);
  pool.release(a);
  CHECK(pool.free_ppus() == 4);
  CHECK(pool.free_node_count() == 2);
  CHECK(pool.fractional_ppus().open_count() == 0);
}

TEST_CASE("fragmentation-aware: a fractional job joins the shared PPU whose node frees up with it",
          "[fractional][scheduler]") {
  // Two nodes of one PPU. a (600 milli, ends at 100) opens a PPU on node 0, b (600, ends at
  // 1,000) one on node 1: 400 milli free on each. c (300, ends at 1,000) fits both equally.
  // Pack's best fit takes the first, a's PPU: node 0 then stays busy until 1,000. Fragmentation-
  // aware takes b's: node 1's jobs end at 1,000 anyway (delay 0, against 900 on node 0), so
  // node 0 is whole again when a ends.
  const Scenario scenario = tiny_scenario(2, 1, 2);
  for (const PlacementPolicy placement : {PlacementPolicy::Pack, PlacementPolicy::FragmentationAware}) {
    ResourcePool pool(layout_of(scenario), 1, placement);
    const Allocation a = *pool.allocate(1, {}, 600, 100);
    const Allocation b = *pool.allocate(1, {}, 600, 1000);
    const Allocation c = *pool.allocate(1, {}, 300, 1000);
    pool.release(a);
    if (placement == PlacementPolicy::Pack) {
      CHECK(c.shared_ppu == a.shared_ppu);
      CHECK(pool.free_node_count() == 0);
    } else {
      CHECK(c.shared_ppu == b.shared_ppu);
      CHECK(pool.free_node_count() == 1);
    }
  }
}
