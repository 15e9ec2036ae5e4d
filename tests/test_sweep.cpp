// Sweeps (docs/sweeps.md): the statistics, the grid, shards, and `ppusim sweep` end to end —
// the table is the mean and Student-t interval of the runs' own reports, and the same bytes
// whatever the parallelism or the shard split.
#include <catch2/catch.hpp>
#include <cmath>

#include "cli_runner.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/core/input_error.hpp"
#include "sim/report/report_metrics.hpp"
#include "sim/report/report_skeleton.hpp"
#include "sim/sweep/confidence_interval.hpp"
#include "sim/sweep/sweep_grid.hpp"
#include "sim/sweep/sweep_spec.hpp"

using namespace ppusim;
using namespace ppusim::cli_test;
using json = nlohmann::json;
namespace fs = std::filesystem;

TEST_CASE("sweep: Student t quantiles match the printed tables", "[sweep][statistics]") {
  // Two-sided 95% critical values, e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2.
  CHECK(student_t_quantile(0.975, 1) == Approx(12.706).epsilon(1e-4));
  CHECK(student_t_quantile(0.975, 4) == Approx(2.776).epsilon(1e-3));
  CHECK(student_t_quantile(0.975, 30) == Approx(2.042).epsilon(1e-3));
  CHECK(student_t_quantile(0.975, 100000) == Approx(1.95996).epsilon(1e-4));  // the normal's
}

TEST_CASE("sweep: mean and 95% interval of 1, 2, 3", "[sweep][statistics]") {
  // mean 2; s² = (1 + 0 + 1) / 2 = 1; half-width = t(0.975, 2) · 1/√3 = 4.3027 / 1.7321 = 2.4841.
  const MeanWithInterval result = mean_with_95_interval({1, 2, 3});
  CHECK(result.samples == 3);
  CHECK(result.mean == Approx(2));
  REQUIRE(result.half_width);
  CHECK(*result.half_width == Approx(4.302653 / std::sqrt(3.0)).epsilon(1e-6));
  CHECK(result.upper() == Approx(2 + 4.302653 / std::sqrt(3.0)).epsilon(1e-6));
  // 2 − 2.4841 < 0, but no sample is negative: the lower bound is clamped at 0 (issue #16).
  CHECK(result.lower() == 0);
  // With a negative sample the metric may be negative: the bound is the formula's, −3 − 2.4841.
  CHECK(mean_with_95_interval({-4, -3, -2}).lower() == Approx(-3 - 4.302653 / std::sqrt(3.0)).epsilon(1e-6));
  // One value: a mean, no interval. Equal values: an interval of zero width.
  CHECK_FALSE(mean_with_95_interval({5}).half_width);
  CHECK(*mean_with_95_interval({5, 5, 5}).half_width == 0);
}

namespace {

/// A spec over tests' small scenario written next to it, with `body` merged in.
SweepSpec spec_with(const TempDir& dir, const json& body) {
  write_text(dir / "base.json", read_text(kSourceDir / "configs" / "small-test.json"));
  json document = {{"base", "base.json"}, {"seeds", {1}}};
  document.update(body);
  return parse_sweep_spec(document, (dir / "spec.json").string());
}

}  // namespace

TEST_CASE("sweep: the grid is the product of grid and zip dimensions, last varying fastest", "[sweep]") {
  // Pointers within "grid" and within a zip group come in alphabetical order (JSON objects
  // are unordered); "grid" dimensions come before "zip" groups.
  TempDir dir;
  const SweepSpec spec = spec_with(
      dir, {{"grid", {{"/cluster/nodes", {16, 32}}}},
            {"zip", {{{"/ppu/tdp_watts", {700, 1000, 1200}}, {"/ppu/idle_watts", {100, 140, 160}}}}},
            {"seeds", json::parse(R"({"count": 2, "first": 7})")}});
  const std::vector<SweepPoint> points = expand_grid(spec);
  REQUIRE(points.size() == 6);  // 2 × 3
  CHECK(points[0].id == "p0");
  CHECK(describe_settings(points[0]) == "/cluster/nodes=16, /ppu/idle_watts=100, /ppu/tdp_watts=700");
  CHECK(describe_settings(points[4]) == "/cluster/nodes=32, /ppu/idle_watts=140, /ppu/tdp_watts=1000");
  CHECK(spec.seeds == std::vector<std::uint64_t>{7, 8});

  const std::vector<SweepRun> runs = list_runs(spec, points.size());
  REQUIRE(runs.size() == 12);
  CHECK(runs[5].folder(points) == "points/p2/seed-8");
  const Scenario scenario = scenario_of(spec, points[4], 8);
  CHECK(scenario.cluster.nodes == 32);
  CHECK(scenario.ppu.tdp_watts == 1000);
  CHECK(scenario.simulation.seed == 8);

  // Three shards own every run exactly once, four runs each.
  for (int s = 0; s < 3; ++s) {
    int owned = 0;
    for (const SweepRun& run : runs) owned += Shard{s, 3}.owns(run) ? 1 : 0;
    CHECK(owned == 4);
  }
}

TEST_CASE("sweep: bad specs are refused with the pointer and what was expected", "[sweep][input]") {
  TempDir dir;
  const auto message = [&dir](const json& body) {
    try {
      spec_with(dir, body);
    } catch (const InputError& error) {
      return std::string(error.what());
    }
    return std::string("accepted");
  };
  CHECK_THAT(message({{"grid", {{"/cluster/nodez", {1, 2}}}}}),
             Catch::Contains("/grid/~1cluster~1nodez: the base scenario has no field /cluster/nodez"));
  CHECK_THAT(message({{"grid", {{"cluster/nodes", {1}}}}}),
             Catch::Contains("expected a JSON pointer (RFC 6901)"));
  CHECK_THAT(message({{"grid", {{"/cluster/nodes", json::array()}}}}),
             Catch::Contains("expected a non-empty list of values"));
  CHECK_THAT(message({{"zip", {{{"/ppu/tdp_watts", {1, 2}}, {"/ppu/idle_watts", {1}}}}}}),
             Catch::Contains("/zip/0/~1ppu~1tdp_watts: found 2 values, expected 1"));
  CHECK_THAT(message({{"grid", {{"/cluster/nodes", {16}}}}, {"seeds", {1, 1}}}),
             Catch::Contains("listed twice"));
  CHECK_THAT(message({{"grid", {{"/cluster/nodes", {16}}}}, {"sedes", {1}}}),
             Catch::Contains("/sedes: unknown key"));
  CHECK_THAT(message(json::object()), Catch::Contains("expected at least one field to sweep"));
  CHECK_THROWS_WITH(parse_shard("2/2"), Catch::Contains("expected I/N with 0 <= I < N"));
  CHECK_THROWS_WITH(parse_shard("1"), Catch::Contains("expected I/N"));
  CHECK(parse_shard("1/4").index == 1);

  // A value that makes an invalid scenario is named with its grid point.
  const SweepSpec spec = spec_with(dir, {{"grid", {{"/cluster/nodes", {16, -3}}}}});
  CHECK_THROWS_WITH(scenario_of(spec, expand_grid(spec)[1], 1),
                    Catch::Contains("grid point p1 (/cluster/nodes=-3) is not a valid scenario") &&
                        Catch::Contains("/cluster/nodes"));
}

namespace {

/// small-test with a generated workload, so that seeds draw different jobs and the interval
/// has a width; 2 points × 3 seeds.
void write_sweep_inputs(const TempDir& dir) {
  json scenario = read_json(kSourceDir / "configs" / "small-test.json");
  scenario["workload"] = {{"generator",
                           {{"jobs", 12},
                            {"duration_s", 3600},
                            {"min_ppus", 1},
                            {"max_ppus", 64},
                            {"median_runtime_s", 900},
                            {"max_runtime_s", 7200}}}};
  write_text(dir / "base.json", scenario.dump(2));
  write_text(dir / "spec.json",
             json({{"base", "base.json"},
                   {"grid", {{"/scheduler/policy", {"fifo", "easy-backfill"}}}},
                   {"seeds", {{"count", 3}}},
                   {"metrics", {"/utilization/allocated", "/jobs/completion_time_s/mean"}}})
                 .dump(2));
}

}  // namespace

TEST_CASE("sweep: the table holds each point's mean and interval over its seeds' reports", "[sweep][cli]") {
  TempDir dir;
  write_sweep_inputs(dir);
  const Outcome outcome = run_ppusim(dir, {"sweep", "spec.json", "-o", "one", "-j", "2"});
  INFO(describe(outcome));
  REQUIRE(outcome.exit_code == 0);
  CHECK_THAT(outcome.out, Catch::Contains("easy-backfill"));
  const json table = read_json(dir / "one" / "sweep.json");
  REQUIRE(table["points"].size() == 2);
  for (const json& point : table["points"]) {
    const std::string id = point["id"];
    std::vector<double> values;
    for (int seed = 1; seed <= 3; ++seed) {
      const json report =
          read_json(dir / "one" / "points" / id / ("seed-" + std::to_string(seed)) / "report.json");
      CHECK(report["scenario"]["seed"] == seed);
      values.push_back(report["utilization"]["allocated"].get<double>());
    }
    const json& cell = point["metrics"]["/utilization/allocated"];
    const double mean = (values[0] + values[1] + values[2]) / 3;
    double squares = 0;
    for (double v : values) squares += (v - mean) * (v - mean);
    const double half = 4.302652729911275 * std::sqrt(squares / 2 / 3);  // t(0.975, 2)
    CHECK(cell["per_seed"] == json(values));
    CHECK(cell["mean"].get<double>() == Approx(mean).epsilon(1e-12));
    CHECK(cell["ci95_high"].get<double>() == Approx(mean + half).epsilon(1e-9));
  }
  // Different seeds drew different jobs: the interval is not empty.
  CHECK(table["points"][0]["metrics"]["/jobs/completion_time_s/mean"]["ci95_low"] <
        table["points"][0]["metrics"]["/jobs/completion_time_s/mean"]["ci95_high"]);
}

TEST_CASE("sweep: one seed promises no interval", "[sweep][cli]") {
  // Issue #16: "± … across 1 seed" was printed with no interval to show.
  TempDir dir;
  write_sweep_inputs(dir);
  json spec = read_json(dir / "spec.json");
  spec["seeds"] = {1};
  write_text(dir / "spec.json", spec.dump(2));
  const Outcome outcome = run_ppusim(dir, {"sweep", "spec.json", "-o", "one", "-j", "2"});
  INFO(describe(outcome));
  REQUIRE(outcome.exit_code == 0);
  CHECK_THAT(outcome.out,
             Catch::Contains("one seed: each value is that seed's, with no confidence interval"));
  CHECK_THAT(outcome.out, !Catch::Contains("across 1 seed") && !Catch::Contains("±"));
}

TEST_CASE("sweep: -j1, -j2 and any shard split give the same table bytes", "[sweep][cli]") {
  TempDir dir;
  write_sweep_inputs(dir);
  REQUIRE(run_ppusim(dir, {"sweep", "spec.json", "-o", "serial", "-j", "1", "-q"}).exit_code == 0);
  REQUIRE(run_ppusim(dir, {"sweep", "spec.json", "-o", "parallel", "-j", "2", "-q"}).exit_code == 0);
  for (const char* name : {"sweep.csv", "sweep.json"}) {
    CHECK(read_text(dir / "serial" / name) == read_text(dir / "parallel" / name));
  }

  // Three shards of 6 runs; a shard writes its runs but no table.
  for (int s = 0; s < 3; ++s) {
    const Outcome shard = run_ppusim(
        dir, {"sweep", "spec.json", "-o", "shard" + std::to_string(s), "--shard", std::to_string(s) + "/3"});
    INFO(describe(shard));
    REQUIRE(shard.exit_code == 0);
    CHECK_FALSE(fs::exists(dir / ("shard" + std::to_string(s)) / "sweep.csv"));
  }
  // Missing a shard: refused, naming what is missing.
  const Outcome partial = run_ppusim(dir, {"sweep", "merge", "shard0", "shard1", "-o", "merged"});
  CHECK(partial.exit_code == 2);
  CHECK_THAT(partial.err,
             Catch::Contains("2 of 6 runs are missing or unfinished") && Catch::Contains("points/p0/seed-3"));
  // The same shard twice: refused.
  const Outcome twice =
      run_ppusim(dir, {"sweep", "merge", "shard0", "shard1", "shard2", "shard2", "-o", "merged"});
  CHECK(twice.exit_code == 2);
  CHECK_THAT(twice.err, Catch::Contains("is in both"));

  const Outcome merged = run_ppusim(dir, {"sweep", "merge", "shard2", "shard0", "shard1", "-o", "merged"});
  INFO(describe(merged));
  REQUIRE(merged.exit_code == 0);
  for (const char* name : {"sweep.csv", "sweep.json", "sweep-spec.json"}) {
    CHECK(read_text(dir / "serial" / name) == read_text(dir / "merged" / name));
  }
}

TEST_CASE("sweep: shards of different sweeps do not merge; a bad pointer stops before any run",
          "[sweep][cli]") {
  TempDir dir;
  write_sweep_inputs(dir);
  REQUIRE(run_ppusim(dir, {"sweep", "spec.json", "-o", "a", "--shard", "0/2", "-q"}).exit_code == 0);
  json other = read_json(dir / "spec.json");
  other["seeds"] = {1, 2};
  write_text(dir / "other.json", other.dump());
  REQUIRE(run_ppusim(dir, {"sweep", "other.json", "-o", "b", "--shard", "1/2", "-q"}).exit_code == 0);
  const Outcome mixed = run_ppusim(dir, {"sweep", "merge", "a", "b", "-o", "merged"});
  CHECK(mixed.exit_code == 2);
  CHECK_THAT(mixed.err, Catch::Contains("found a different sweep"));
  // Reusing a folder for another sweep is refused too.
  const Outcome reuse = run_ppusim(dir, {"sweep", "other.json", "-o", "a"});
  CHECK(reuse.exit_code == 2);
  CHECK_THAT(reuse.err, Catch::Contains("holds a different sweep"));

  other["grid"] = {{"/scheduler/polcy", {"fifo"}}};
  write_text(dir / "typo.json", other.dump());
  const Outcome typo = run_ppusim(dir, {"sweep", "typo.json", "-o", "typo"});
  CHECK(typo.exit_code == 2);
  CHECK_THAT(typo.err,
             Catch::Contains("typo.json: /grid/~1scheduler~1polcy: the base scenario has no field"));
  CHECK_FALSE(fs::exists(dir / "typo"));
}

TEST_CASE("sweep: metric pointers are checked against the report a run would write", "[sweep][input]") {
  // The skeleton is build_report() on an empty run: every section and field a real report of
  // small-test has, arrays (the time series) empty.
  const json skeleton = report_skeleton(load_scenario((kSourceDir / "configs" / "small-test.json").string()));
  CHECK(skeleton["schema_version"] == 2);
  for (const char* metric : {"/utilization/allocated", "/jobs/queueing_delay_s/p90", "/cost/total_usd",
                             "/cost/usd_per_delivered_pflop_day", "/failures/interruptions",
                             "/setup/stages_s/total/p90", "/engine/flows"}) {
    INFO(metric);
    CHECK_FALSE(metric_pointer_problem(skeleton, metric));
  }
  // An element of a time series: the run decides how many bins there are.
  CHECK_FALSE(metric_pointer_problem(skeleton, "/time_series/utilization_busy/3"));
  CHECK_THAT(*metric_pointer_problem(skeleton, "/utilization/alocated"),
             Catch::Contains("report.json has no field /utilization/alocated"));
  CHECK_THAT(
      *metric_pointer_problem(skeleton, "/utilization"),
      Catch::Contains("names an object") && Catch::Contains("/utilization/allocated, /utilization/busy"));
  CHECK_THAT(*metric_pointer_problem(skeleton, "/scenario/name"), Catch::Contains("(a string)"));
  CHECK_THAT(*metric_pointer_problem(skeleton, "/services/0/ttft_s/p99"),
             Catch::Contains("no field /services"));
  // Close metrics: within a third of the pointer's length in edit distance, closest first.
  CHECK(closest_metric_pointers(skeleton, "/utilization/alocated", 3).front() == "/utilization/allocated");
  CHECK(closest_metric_pointers(skeleton, "/nothing/like/it", 3).empty());

  // A scenario with inference services has their section, one entry per service.
  const json services =
      report_skeleton(load_scenario((kSourceDir / "configs" / "inference-mix.json").string()));
  CHECK_FALSE(metric_pointer_problem(services, "/services/0/ttft_s/p99"));
}

TEST_CASE("sweep: a metric report.json does not have stops the sweep before any run", "[sweep][cli]") {
  TempDir dir;
  write_sweep_inputs(dir);
  json spec = read_json(dir / "spec.json");
  spec["metrics"] = {"/utilization/allocated", "/jobs/queueing_delay_s/p95"};
  write_text(dir / "typo.json", spec.dump());
  const Outcome typo = run_ppusim(dir, {"sweep", "typo.json", "-o", "typo"});
  INFO(describe(typo));
  CHECK(typo.exit_code == 2);
  // Closest first: from p95, p90 and p99 are one edit away, p50 two.
  CHECK_THAT(typo.err,
             Catch::Contains("typo.json: /metrics/1 (grid point p0): \"/jobs/queueing_delay_s/p95\" is "
                             "not a metric of report.json: report.json has no field "
                             "/jobs/queueing_delay_s/p95 (docs/report.md); close metrics: "
                             "/jobs/queueing_delay_s/p90, /jobs/queueing_delay_s/p99, "
                             "/jobs/queueing_delay_s/p50"));
  CHECK_FALSE(fs::exists(dir / "typo"));
}
