// `ppusim plan` (docs/sweeps.md): the bisection, the targets, and a capacity question whose
// answer is arithmetic.
#include <catch2/catch.hpp>

#include "cli_runner.hpp"
#include "sim/config/input_error.hpp"
#include "sim/sweep/plan_search.hpp"
#include "sim/sweep/plan_target.hpp"

using namespace ppusim;
using namespace ppusim::cli_test;
using json = nlohmann::json;

TEST_CASE("plan: bisection finds the smallest passing value in about log2(range) steps", "[plan]") {
  for (std::int64_t threshold : {1, 2, 37, 99, 100}) {
    const PlanSearchResult result =
        find_smallest_passing(1, 100, [threshold](std::int64_t v) { return v >= threshold; });
    INFO("threshold " << threshold);
    REQUIRE(result.smallest_passing);
    CHECK(*result.smallest_passing == threshold);
    CHECK(result.tried.size() <= 2 + 7);  // the two ends, then ceil(log2(99)) halvings
    CHECK(result.tried.front() == 100);
  }
  // Threshold 37: 100 passes, 1 fails; then 50 passes, 25 fails, 37 passes, 31, 34, 35, 36 fail.
  const auto tried = find_smallest_passing(1, 100, [](std::int64_t v) { return v >= 37; }).tried;
  CHECK(tried == std::vector<std::int64_t>{100, 1, 50, 25, 37, 31, 34, 35, 36});
  CHECK_FALSE(find_smallest_passing(1, 100, [](std::int64_t) { return false; }).smallest_passing);
  CHECK(find_smallest_passing(1, 100, [](std::int64_t) { return false; }).tried ==
        std::vector<std::int64_t>{100});
  CHECK(*find_smallest_passing(7, 7, [](std::int64_t) { return true; }).smallest_passing == 7);
}

TEST_CASE("plan: targets are parsed and judged on the mean or the pessimistic interval end", "[plan]") {
  const PlanTarget upper = parse_plan_target("/jobs/queueing_delay_s/p90<=3600");
  CHECK(upper.pointer == "/jobs/queueing_delay_s/p90");
  CHECK(upper.comparison == "<=");
  CHECK(upper.bound == 3600);
  const PlanTarget lower = parse_plan_target("/utilization/allocated>0.6");
  CHECK(lower.comparison == ">");

  MeanWithInterval summary;
  summary.samples = 3;
  summary.mean = 3000;
  summary.half_width = 700;
  CHECK(upper.met_by(upper.judged_value(summary, TargetRule::Mean)));                   // 3000 <= 3600
  CHECK_FALSE(upper.met_by(upper.judged_value(summary, TargetRule::ConfidenceBound)));  // 3700 > 3600
  summary.mean = 0.65;
  summary.half_width = 0.1;
  CHECK(lower.met_by(lower.judged_value(summary, TargetRule::Mean)));                   // 0.65 > 0.6
  CHECK_FALSE(lower.met_by(lower.judged_value(summary, TargetRule::ConfidenceBound)));  // 0.55

  CHECK_THROWS_WITH(parse_plan_target("/utilization/allocated=0.6"),
                    Catch::Contains("expected POINTER<=NUMBER"));
  CHECK_THROWS_WITH(parse_plan_target("/utilization/allocated<=high"), Catch::Contains("is not a number"));
  CHECK_THROWS_WITH(parse_plan_target("utilization<=1"), Catch::Contains("expected a JSON pointer"));
}

namespace {

/// small-test (8 PPUs per node) with three jobs arriving together: two of 16 PPUs, one of 8.
void write_plan_inputs(const TempDir& dir) {
  write_text(dir / "jobs.jsonl",
             "{\"id\": \"a\", \"submit_s\": 0, \"ppus\": 16, \"duration_s\": 3600}\n"
             "{\"id\": \"b\", \"submit_s\": 0, \"ppus\": 16, \"duration_s\": 3600}\n"
             "{\"id\": \"c\", \"submit_s\": 0, \"ppus\": 8, \"duration_s\": 1800}\n");
  json scenario = read_json(kSourceDir / "configs" / "small-test.json");
  scenario["workload"] = {{"trace", "jobs.jsonl"}};
  write_text(dir / "scenario.json", scenario.dump(2));
}

}  // namespace

TEST_CASE("plan: three jobs at t=0 needing 2 + 2 + 1 nodes run without queueing from 5 nodes on",
          "[plan][cli]") {
  // Under 2 nodes the 16-PPU jobs are rejected (counted, not queued); with 2 to 4 nodes one
  // job waits; 5 nodes hold all three at once. "No job rejected and none waits" is met from 5.
  TempDir dir;
  write_plan_inputs(dir);
  const Outcome outcome =
      run_ppusim(dir, {"plan", "scenario.json", "--vary", "/cluster/nodes", "--min", "1", "--max", "16", "-t",
                       "/jobs/rejected<=0", "-t", "/jobs/queueing_delay_s/max<=0", "--seeds", "2", "--rule",
                       "ci", "-o", "plan"});
  INFO(describe(outcome));
  REQUIRE(outcome.exit_code == 0);
  CHECK_THAT(outcome.out, Catch::Contains("answer: /cluster/nodes = 5"));
  const json plan = read_json(dir / "plan" / "plan.json");
  CHECK(plan["answer"] == 5);
  std::map<int, bool> verdicts;
  for (const json& candidate : plan["candidates"]) verdicts[candidate["value"]] = candidate["passes"];
  CHECK(verdicts == std::map<int, bool>{{16, true}, {1, false}, {8, true}, {4, false}, {6, true}, {5, true}});
  // With 4 nodes job c (or a 16-PPU job) waits for a whole 3600 s job to end: max delay 1800 or 3600.
  for (const json& candidate : plan["candidates"]) {
    if (candidate["value"] == 4) CHECK(candidate["targets"]["/jobs/queueing_delay_s/max<=0"]["mean"] > 0);
    if (candidate["value"] == 1) CHECK(candidate["targets"]["/jobs/rejected<=0"]["mean"] == 2);
  }
}

TEST_CASE("plan: no value in range meets the targets: exit 1, answer null; bad input: exit 2",
          "[plan][cli]") {
  TempDir dir;
  write_plan_inputs(dir);
  const Outcome none =
      run_ppusim(dir, {"plan", "scenario.json", "--min", "1", "--max", "4", "-t",
                       "/jobs/queueing_delay_s/max<=0", "-t", "/jobs/rejected<=0", "-o", "none"});
  INFO(describe(none));
  CHECK(none.exit_code == 1);
  CHECK_THAT(none.out, Catch::Contains("answer: none"));
  CHECK(read_json(dir / "none" / "plan.json")["answer"].is_null());

  const Outcome field = run_ppusim(dir, {"plan", "scenario.json", "--vary", "/cluster/nodez", "--min", "1",
                                         "--max", "4", "-t", "/jobs/rejected<=0"});
  CHECK(field.exit_code == 2);
  CHECK_THAT(field.err, Catch::Contains("scenario.json: /cluster/nodez: missing"));
  const Outcome range =
      run_ppusim(dir, {"plan", "scenario.json", "--min", "0", "--max", "4", "-t", "/jobs/rejected<=0"});
  CHECK(range.exit_code == 2);
  CHECK_THAT(range.err, Catch::Contains("grid point") && Catch::Contains("/cluster/nodes"));
}
