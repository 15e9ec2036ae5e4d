// `ppusim plan` (docs/sweeps.md): the bisection, the targets, and a capacity question whose
// answer is arithmetic.
#include <catch2/catch.hpp>

#include "cli_runner.hpp"
#include "sim/core/input_error.hpp"
#include "sim/sweep/plan_evidence.hpp"
#include "sim/sweep/plan_search.hpp"
#include "sim/sweep/plan_target.hpp"

using namespace ppusim;
using namespace ppusim::cli_test;
using json = nlohmann::json;
namespace fs = std::filesystem;

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

TEST_CASE("plan: a queueing target met only because jobs were rejected is warned about", "[plan][cli]") {
  // With 1 node the two 16-PPU jobs are rejected and job c runs at once: no job waits, so the
  // queueing target alone passes at 1 node. The plan says so (issue #16), and counting
  // rejected jobs as a target moves the answer to 5 (the test above).
  TempDir dir;
  write_plan_inputs(dir);
  const Outcome outcome = run_ppusim(dir, {"plan", "scenario.json", "--min", "1", "--max", "16", "-t",
                                           "/jobs/queueing_delay_s/max<=0", "-o", "plan"});
  INFO(describe(outcome));
  REQUIRE(outcome.exit_code == 0);
  CHECK_THAT(outcome.out, Catch::Contains("answer: /cluster/nodes = 1"));
  CHECK_THAT(outcome.out, Catch::Contains("warning: at the answer, 2 jobs per run were rejected") &&
                              Catch::Contains("--target '/jobs/rejected<=0'"));
  const json plan = read_json(dir / "plan" / "plan.json");
  REQUIRE(plan["warnings"].size() == 1);
  CHECK(plan["candidates"][1]["value"] == 1);
  CHECK(plan["candidates"][1]["rejected_jobs_mean"] == 2);
}

TEST_CASE("plan: a metric that goes up and down over the values tried is flagged as not monotone", "[plan]") {
  const PlanTarget target = parse_plan_target("/cost/total_usd<=305");
  // The numbers: 13417 jobs $300.6, 13422 jobs $310.5, 13426 jobs $308, in search order.
  const std::string warning = monotonicity_warning(target, {{13426, 308}, {13417, 300.6}, {13422, 310.5}},
                                                   "/workload/generator/jobs");
  CHECK_THAT(warning, Catch::StartsWith("/cost/total_usd is not monotone in /workload/generator/jobs on the "
                                        "values tried (13417: 300.6, 13422: 310.5, 13426: 308)"));
  // One way, with a flat stretch: no warning.
  CHECK(monotonicity_warning(target, {{1, 9}, {4, 9}, {2, 9}, {8, 3}}, "/cluster/nodes").empty());
  CHECK(monotonicity_warning(target, {{1, 1}, {2, 2}}, "/cluster/nodes").empty());
}

TEST_CASE("plan: --vary on a field that is not an integer is bad input, not a search over 1", "[plan][cli]") {
  TempDir dir;
  write_plan_inputs(dir);
  const Outcome policy = run_ppusim(dir, {"plan", "scenario.json", "--vary", "/scheduler/policy", "--min",
                                          "1", "--max", "4", "-t", "/jobs/rejected<=0"});
  INFO(describe(policy));
  CHECK(policy.exit_code == 2);
  CHECK_THAT(policy.err,
             Catch::Contains("scenario.json: /scheduler/policy: found \"easy-backfill\", expected "
                             "an integer field for --vary"));
  CHECK_FALSE(fs::exists(dir / "out" / "plan"));
}

// ---- plan cheapest ----------------------------------------------------------------------------

TEST_CASE("plan cheapest: the cheapest passing candidate wins; ties keep the first listed", "[plan]") {
  using C = CostedCandidate;
  CHECK(*find_cheapest_passing({C{false, 1.5}, C{true, 2.0}, C{true, 3.0}}) == 1);  // the cheapest fails
  CHECK(*find_cheapest_passing({C{true, 2.0}, C{true, 2.0}}) == 0);
  CHECK(*find_cheapest_passing({C{true, std::nullopt}, C{true, 9.0}}) == 1);  // no cost: cannot be ranked
  CHECK_FALSE(find_cheapest_passing({C{false, 1.0}, C{true, std::nullopt}}));
  CHECK_FALSE(find_cheapest_passing({}));
}

namespace {

/// small-test with two one-node jobs arriving together, a (3600 s) then b (1800 s), and an owned
/// cost of exactly $1 per node-hour: capex $8,766 per node over 1 year (8,766 h), no network
/// share, free power, no staff (its default is not $0). Cost of a window of W hours on N nodes:
/// N · W dollars.
void write_cheapest_inputs(const TempDir& dir, const json& candidates) {
  write_text(dir / "jobs.jsonl",
             "{\"id\": \"a\", \"submit_s\": 0, \"ppus\": 8, \"duration_s\": 3600}\n"
             "{\"id\": \"b\", \"submit_s\": 0, \"ppus\": 8, \"duration_s\": 1800}\n");
  json scenario = read_json(kSourceDir / "configs" / "small-test.json");
  scenario["workload"] = {{"trace", "jobs.jsonl"}};
  scenario["economics"] = {{"capex_per_node_usd", 8766},
                           {"network_capex_fraction", 0},
                           {"amortization_years", 1},
                           {"power_price_usd_per_kwh", 0},
                           {"pue", 1},
                           {"staff_usd_per_node_year", 0}};
  write_text(dir / "base.json", scenario.dump(2));
  write_text(dir / "mix.json",
             json({{"base", "base.json"},
                   {"seeds", {1, 2}},
                   {"targets", {"/jobs/queueing_delay_s/p90<=600", "/utilization/allocated>=0.6"}},
                   {"candidates", candidates}})
                 .dump(2));
}

const json kThreeSizes = json::array({{{"name", "one node"}, {"set", {{"/cluster/nodes", 1}}}},
                                      {{"name", "two nodes"}, {"set", {{"/cluster/nodes", 2}}}},
                                      {{"name", "three nodes"}, {"set", {{"/cluster/nodes", 3}}}}});

}  // namespace

TEST_CASE("plan cheapest: the cheaper candidate misses the queueing target, so the dearer one wins",
          "[plan][cli]") {
  // One node: a runs 0–3600 s, b waits for it and runs 3600–5400 s. W = 1.5 h, cost 1 · 1.5 =
  //   $1.50; queueing delays 0 and 3600 s, p90 = 0 + 0.9 · 3600 = 3240 s > 600: FAIL.
  // Two nodes: both start at 0, W = 1 h, cost 2 · 1 = $2.00; p90 = 0; allocated utilization
  //   (8 · 3600 + 8 · 1800) / (16 · 3600) = 0.75 >= 0.6: pass.
  // Three nodes: W = 1 h, cost $3.00; utilization 43200 / (24 · 3600) = 0.5 < 0.6: FAIL.
  // So the answer is "two nodes" at $2.00, although "one node" costs less.
  TempDir dir;
  write_cheapest_inputs(dir, kThreeSizes);
  const Outcome outcome = run_ppusim(dir, {"plan", "cheapest", "mix.json", "-o", "mix", "-j", "2"});
  INFO(describe(outcome));
  REQUIRE(outcome.exit_code == 0);
  CHECK_THAT(outcome.out, Catch::Contains("answer: two nodes (/cost/total_usd = 2)"));
  CHECK_THAT(outcome.out, Catch::Contains("3240 FAIL"));
  CHECK_THAT(outcome.out, Catch::Contains("pass, cheapest"));
  const json plan = read_json(dir / "mix" / "plan.json");
  CHECK(plan["answer"] == "two nodes");
  CHECK(plan["rank_by"] == "/cost/total_usd");
  REQUIRE(plan["candidates"].size() == 3);
  const json& one = plan["candidates"][0];
  const json& two = plan["candidates"][1];
  const json& three = plan["candidates"][2];
  CHECK(one["rank_by"]["mean"].get<double>() == Approx(1.5).epsilon(1e-9));
  CHECK(two["rank_by"]["mean"].get<double>() == Approx(2.0).epsilon(1e-9));
  CHECK(three["rank_by"]["mean"].get<double>() == Approx(3.0).epsilon(1e-9));
  // The trace has no randomness: both seeds give the same numbers, a zero-width interval.
  CHECK(two["rank_by"]["ci95_low"] == two["rank_by"]["ci95_high"]);
  CHECK_FALSE(one["passes"].get<bool>());
  CHECK(one["targets"]["/jobs/queueing_delay_s/p90<=600"]["judged"].get<double>() == Approx(3240));
  CHECK(two["passes"].get<bool>());
  CHECK(two["targets"]["/utilization/allocated>=0.6"]["judged"].get<double>() == Approx(0.75));
  CHECK_FALSE(three["passes"].get<bool>());
  CHECK(three["targets"]["/utilization/allocated>=0.6"]["judged"].get<double>() == Approx(0.5));
  CHECK(fs::exists(dir / "mix" / "points" / "c1" / "seed-2" / "report.json"));

  // Without "two nodes" nothing passes: exit 1, answer null.
  write_cheapest_inputs(dir, json::array({kThreeSizes[0], kThreeSizes[2]}));
  const Outcome none = run_ppusim(dir, {"plan", "cheapest", "mix.json", "-o", "none", "-q"});
  CHECK(none.exit_code == 1);
  CHECK(read_json(dir / "none" / "plan.json")["answer"].is_null());
}

TEST_CASE("plan cheapest: bad specs exit 2 naming the JSON path, before any run", "[plan][cli]") {
  TempDir dir;
  const auto refused = [&](const json& candidates, const json& edit = json::object()) {
    write_cheapest_inputs(dir, candidates);
    json spec = read_json(dir / "mix.json");
    spec.update(edit);
    write_text(dir / "mix.json", spec.dump(2));
    const Outcome outcome = run_ppusim(dir, {"plan", "cheapest", "mix.json", "-o", "bad"});
    INFO(describe(outcome));
    CHECK(outcome.exit_code == 2);
    CHECK_FALSE(fs::exists(dir / "bad"));
    return outcome.err;
  };
  CHECK_THAT(refused(json::array()), Catch::Contains("mix.json: /candidates: found an empty list") &&
                                         Catch::Contains("expected a non-empty list of candidates"));
  CHECK_THAT(refused(json::array({{{"name", "x"}, {"sett", {{"/cluster/nodes", 2}}}}})),
             Catch::Contains("mix.json: /candidates/0/sett: unknown key"));
  CHECK_THAT(refused(json::array({{{"name", "x"}, {"set", {{"/cluster/nodez", 2}}}}})),
             Catch::Contains("mix.json: /candidates/0/set/~1cluster~1nodez: the base scenario has no field"));
  CHECK_THAT(refused(json::array({kThreeSizes[0], kThreeSizes[0]})),
             Catch::Contains("mix.json: /candidates/1/name: \"one node\" is used twice"));
  CHECK_THAT(refused(json::array({{{"name", "x"}, {"set", {{"/cluster/nodes", -1}}}}})),
             Catch::Contains("mix.json: /candidates/0 (\"x\") (/cluster/nodes=-1) is not a valid scenario"));
  CHECK_THAT(refused(kThreeSizes, {{"targets", {"/jobs/queueing_delay_s/p95<=600"}}}),
             Catch::Contains(
                 "mix.json: /targets/0: \"/jobs/queueing_delay_s/p95\" is not a metric of report.json") &&
                 Catch::Contains("close metrics: /jobs/queueing_delay_s/p90"));
  CHECK_THAT(refused(kThreeSizes, {{"rank_by", "/cost/total"}}),
             Catch::Contains("mix.json: /rank_by: \"/cost/total\" is not a metric of report.json"));
  CHECK_THAT(refused(kThreeSizes, {{"rule", "median"}}),
             Catch::Contains("mix.json: /rule: found \"median\""));
  CHECK_THAT(refused(kThreeSizes, {{"targets", {"/utilization/allocated=0.5"}}}),
             Catch::Contains("mix.json: /targets/0: --target: found \"/utilization/allocated=0.5\""));
}

TEST_CASE("plan: a target that names no metric of report.json stops the plan before any run", "[plan][cli]") {
  TempDir dir;
  write_plan_inputs(dir);
  const Outcome typo = run_ppusim(dir, {"plan", "scenario.json", "--min", "1", "--max", "4", "-t",
                                        "/jobs/queueing_delay_s/p95<=0", "-o", "typo"});
  INFO(describe(typo));
  CHECK(typo.exit_code == 2);
  CHECK_THAT(typo.err,
             Catch::Contains("--target /jobs/queueing_delay_s/p95<=0: \"/jobs/queueing_delay_s/p95\" is "
                             "not a metric of report.json: report.json has no field "
                             "/jobs/queueing_delay_s/p95"));
  CHECK_FALSE(fs::exists(dir / "typo"));
  const Outcome section =
      run_ppusim(dir, {"plan", "scenario.json", "--min", "1", "--max", "4", "-t", "/utilization>=0.5"});
  CHECK(section.exit_code == 2);
  CHECK_THAT(section.err, Catch::Contains("names an object") &&
                              Catch::Contains("the metrics under it are /utilization/allocated"));
}
