// The placement experiment (sim/app/fill_experiment.hpp; docs/models.md, section (f), "Filling
// the cluster"): jobs arrive and never leave until their requests reach the cluster's PPUs.
// Every figure is worked by hand in the comments.
#include <catch2/catch.hpp>

#include "sim/app/fill_experiment.hpp"
#include "sim/cli/fill_command.hpp"
#include "sim/core/input_error.hpp"
#include "tests/scenario_fixtures.hpp"

using namespace ppusim;
using namespace ppusim::test;
using Catch::Matchers::Contains;

namespace {

JobSpec fractional_job(const std::string& id, int ppu_milli) {
  JobSpec job = flops_job(id, 0, 1, 1e18);
  job.ppu_milli = ppu_milli;
  return job;
}

FillOptions in_order(std::vector<PlacementPolicy> placements) {
  FillOptions options;
  options.placements = std::move(placements);
  options.in_trace_order = true;
  return options;
}

}  // namespace

TEST_CASE("fill: jobs arrive until their requests reach the capacity, and a job finding no room is refused",
          "[fill]") {
  // 2 nodes of 2 PPUs, capacity 4. In trace order: 1 PPU, 1 PPU, 2 PPUs (arrived 1, 2, 4).
  // Pack (best fit) puts both 1-PPU jobs on node 0 and the 2-PPU job on node 1: 4 of 4. Spread
  // deals whole-node jobs only and packs smaller ones the same way (docs/config.md).
  // Arrived reaches 25 % and 50 % after the first two jobs (allocated 25 %, 50 %), and 100 %
  // after the third (allocated 100 %).
  const Scenario s = tiny_scenario(2, 2, 2);
  const JobTrace trace =
      trace_of({flops_job("a", 0, 1, 1e18), flops_job("b", 0, 1, 1e18), flops_job("c", 0, 2, 1e18)});
  const FillResult fill =
      fill_until_full(s, trace, in_order({PlacementPolicy::Pack, PlacementPolicy::Spread}));
  CHECK(fill.capacity_ppus == 4);
  CHECK(fill.arrived_jobs == 3);
  REQUIRE(fill.curves.size() == 2);
  for (const FillCurve& curve : fill.curves) {
    CHECK(curve.allocated_share_by_arrived_percent[0] == 0);
    CHECK(curve.allocated_share_by_arrived_percent[25] == 0.25);
    CHECK(curve.allocated_share_by_arrived_percent[50] == 0.5);
    CHECK(curve.allocated_share_by_arrived_percent[51] == 1.0);
    CHECK(curve.allocated_share_by_arrived_percent[100] == 1.0);
    CHECK(curve.unallocated_ppus_at_end == 0);
    CHECK(curve.refused_jobs == 0);
  }
  // In the order 1 PPU, 4 PPUs: the 4-PPU job needs both nodes whole, node 0 holds the first
  // job, so it is refused; arrived 1 + 4 = 5 >= 4 ends the fill with 1 of 4 PPUs allocated.
  const FillResult blocked =
      fill_until_full(s, trace_of({flops_job("a", 0, 1, 1e18), flops_job("w", 0, 4, 1e18)}),
                      in_order({PlacementPolicy::Pack}));
  CHECK(blocked.arrived_jobs == 2);
  CHECK(blocked.curves[0].allocated_share_by_arrived_percent[100] == 0.25);
  CHECK(blocked.curves[0].unallocated_ppus_at_end == 3);
  CHECK(blocked.curves[0].refused_jobs == 1);
}

TEST_CASE("fill: fractional jobs strand the thousandths no job can use", "[fill]") {
  // 1 node of 2 PPUs, capacity 2,000 thousandths; every job asks 600. Arrived 600, 1,200,
  // 1,800, 2,400: the first two open one PPU each (600 + 600 > 1,000), the third and fourth find
  // 400 free on each and are refused. Allocated 1,200 of 2,000 = 60 %; 0.8 PPU unallocated.
  // The curve: 30 % arrived -> 30 %, 60 % -> 60 %, 90 % -> still 60 %.
  const Scenario s = tiny_scenario(1, 2, 1);
  const JobTrace trace = trace_of({fractional_job("f", 600)});
  const FillResult fill = fill_until_full(s, trace, in_order({PlacementPolicy::Pack}));
  CHECK(fill.arrived_jobs == 4);
  const FillCurve& pack = fill.curves.front();
  CHECK(pack.allocated_share_by_arrived_percent[30] == Approx(0.3));
  CHECK(pack.allocated_share_by_arrived_percent[60] == Approx(0.6));
  CHECK(pack.allocated_share_by_arrived_percent[90] == Approx(0.6));
  CHECK(pack.allocated_share_by_arrived_percent[100] == Approx(0.6));
  CHECK(pack.unallocated_ppus_at_end == Approx(0.8));
  CHECK(pack.refused_jobs == 2);
  const std::string csv = format_fill_csv(fill);
  CHECK_THAT(csv, Contains("placement,arrived_percent,allocated_percent\npack,0,0.000000\n"));
  CHECK_THAT(csv, Contains("pack,100,60.000000\n"));
}

TEST_CASE("fill: the same seed draws the same jobs, and an empty trace is refused", "[fill]") {
  const Scenario s = tiny_scenario(4, 8, 2);
  const JobTrace trace =
      trace_of({flops_job("a", 0, 1, 1e18), flops_job("b", 0, 3, 1e18), flops_job("c", 0, 8, 1e18)});
  FillOptions drawn;
  drawn.placements = {PlacementPolicy::Pack, PlacementPolicy::Random};
  drawn.repeats = 4;
  drawn.seed = 7;
  const FillResult first = fill_until_full(s, trace, drawn);
  const FillResult again = fill_until_full(s, trace, drawn);
  CHECK(format_fill_csv(first) == format_fill_csv(again));
  CHECK(format_fill_table(first, 4) == format_fill_table(again, 4));
  // Every fill stops once 32 PPUs have arrived: between 32 / 8 = 4 and 32 jobs.
  CHECK(first.arrived_jobs >= 4);
  CHECK(first.arrived_jobs <= 32);
  CHECK_THROWS_WITH(fill_until_full(s, JobTrace{}, drawn), Contains("/workload: found no jobs"));
  // The pool choice by FGD's measure is refused with a placement that has none.
  FillOptions fragmenting = drawn;
  fragmenting.pool_choice = PoolPreference::LeastFragmenting;
  CHECK_THROWS_WITH(fill_until_full(s, trace, fragmenting),
                    Contains("placement \"pack\"") && Contains("expected only \"fgd\""));
  fragmenting.placements = {PlacementPolicy::Fgd};
  CHECK(fill_until_full(s, trace, fragmenting).pool_choice == PoolPreference::LeastFragmenting);
}
