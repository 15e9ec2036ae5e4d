// The growth plan (docs/planning.md) and the demand-driven job classes under it, on round
// inputs: growth arithmetic, sizing, the hybrid burst, the pricing of each strategy from a
// window's report, and the bad-input errors of a spec (JSON path, exit 2).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

#include "sim/config/scenario_loader.hpp"
#include "sim/core/input_error.hpp"
#include "sim/report/report_json.hpp"
#include "sim/sweep/growth_infrastructure.hpp"
#include "sim/sweep/growth_model.hpp"
#include "sim/sweep/growth_plan.hpp"
#include "tests/cli_runner.hpp"
#include "tests/minimal_scenario_json.hpp"

namespace ppusim {
namespace {

using Catch::Matchers::Contains;
using json = nlohmann::json;

TEST_CASE("growth: demand on round rates", "[growth]") {
  // 100 EFLOP-days a year growing 100 % a year: 200 after one year, 400 after two; at 50 %:
  // 150 after one year, 225 after two; at −100 % nothing is left after a year; half a year at
  // 300 % is ×2 (√4).
  CHECK(grown_demand(100, 1.0, 0) == Approx(100));
  CHECK(grown_demand(100, 1.0, 1) == Approx(200));
  CHECK(grown_demand(100, 1.0, 2) == Approx(400));
  CHECK(grown_demand(100, 0.5, 2) == Approx(225));
  CHECK(grown_demand(100, -1.0, 1) == Approx(0));
  CHECK(grown_demand(100, 3.0, 0.5) == Approx(200));
}

TEST_CASE("growth: calendar dates", "[growth]") {
  CHECK(*civil_day("1970-01-01") == 0);
  CHECK(*civil_day("1970-01-02") == 1);
  CHECK(*civil_day("1971-01-01") == 365);
  // 1970..1999: 30 years with 7 leap days = 10,957 days; then Jan 31 + Feb 29 of 2000.
  CHECK(*civil_day("2000-03-01") == 10957 + 31 + 29);
  CHECK(civil_day("2024-02-29"));
  CHECK_FALSE(civil_day("2023-02-29"));
  CHECK_FALSE(civil_day("2026-13-01"));
  CHECK_FALSE(civil_day("2026-1-01"));
}

TEST_CASE("growth: PPUs needed for a demand", "[growth]") {
  // 365.25 EFLOP-days a year is 1e18 FLOP/s on average. At a peak of 1e15 FLOP/s, MFU 0.5 and
  // a target utilization of 0.5, a PPU delivers 2.5e14 on average: 4,000 PPUs, 500 nodes of 8.
  CHECK(ppus_needed(365.25, 1e15, 0.5, 0.5, 8) == 4000);
  // Whole nodes: 4,000 / 3 = 1,333.3 → 1,334 nodes of 3 = 4,002 PPUs.
  CHECK(ppus_needed(365.25, 1e15, 0.5, 0.5, 3) == 4002);
}

TEST_CASE("growth: the hybrid burst is the allocation above the owned base", "[growth]") {
  // Four one-hour bins of 100, 150, 80 and 200 allocated PPUs over a base of 120: 0 + 30 + 0 +
  // 80 = 110 PPU-hours; a base of 200 or more bursts nothing; a base of 0 rents it all (530).
  const std::vector<double> allocated{100, 150, 80, 200};
  CHECK(burst_ppu_hours(allocated, 3600, 120) == Approx(110));
  CHECK(burst_ppu_hours(allocated, 3600, 200) == 0);
  CHECK(burst_ppu_hours(allocated, 3600, 0) == Approx(530));
  CHECK(burst_ppu_hours(allocated, 1800, 120) == Approx(55));
}

TEST_CASE("growth: an owned fleet buys whole nodes, counts old lots by peak, amortizes by day", "[growth]") {
  std::vector<HardwareGeneration> generations(2);
  generations[0].ppus_per_node = 8;
  generations[0].peak_flops_per_s = 1e15;
  generations[0].capex_per_node_usd = 8000;  // $1,000 per PPU
  generations[1].ppus_per_node = 8;
  generations[1].peak_flops_per_s = 2e15;  // twice the old peak
  generations[1].capex_per_node_usd = 16000;
  OwnedFleet fleet(generations);
  CHECK(fleet.grow_to(20, 0, 0) == 24);   // 3 nodes
  CHECK(fleet.grow_to(24, 0, 1) == 0);    // already there
  CHECK(fleet.equivalent_ppus(1) == 12);  // 24 old PPUs are worth 12 new ones
  CHECK(fleet.grow_to(20, 1, 2) == 8);    // 8 missing new PPUs: one node
  CHECK(fleet.owned_ppus() == 32);
  // Amortized over 1 year (365.25 days), no network share: the first lot ($24,000) for a
  // 36.525-day period from day 0 costs $2,400; the second lot, bought on day 100, adds nothing
  // to that period and $16,000 × 36.525 / 365.25 = $1,600 to one from day 100.
  const std::vector<double> starts{0, 50, 100};
  CHECK(fleet.amortized_capex_usd(0, 36.525, starts, 0, 1) == Approx(2400));
  CHECK(fleet.amortized_capex_usd(100, 36.525, starts, 0, 1) == Approx(2400 + 1600));
  // With a 20 % network share each lot costs 1 / 0.8 as much.
  CHECK(fleet.amortized_capex_usd(0, 36.525, starts, 0.2, 1) == Approx(3000));
  // Past its amortization the first lot costs nothing: a period from day 400.
  CHECK(fleet.amortized_capex_usd(400, 36.525, starts, 0, 1) == Approx(1600));
}

/// A growth spec built in code: one 7-day period, one class of 365.25 EFLOP-days a year (4,000
/// PPUs at peak 1e15, MFU 0.5 and target utilization 0.5), one generation at $1,000 per PPU and
/// $1 / $2 / $1.5 per PPU-hour reserved / on demand / spot. The base is the minimal scenario
/// with that class (the plan reads each window's network from it).
GrowthSpec round_spec() {
  GrowthSpec spec;
  spec.source = "spec.json";
  spec.base = test::minimal_scenario();
  spec.base["workload"]["generator"]["duration_s"] = 604800;
  spec.base["workload"]["generator"]["classes"] =
      json::parse(R"([{"name": "c", "demand_eflop_days_per_year": 365.25}])");
  spec.periods = {{"week", "1970-01-01", 0, 7}};
  spec.classes = {{"c", 365.25, 0.0}};
  HardwareGeneration g;
  g.node = "hgx-h100";
  g.chip = "h100-sxm";
  g.ppus_per_node = 8;
  g.peak_flops_per_s = 1e15;
  g.capex_per_node_usd = 8000;
  g.usd_per_ppu_hour_reserved = 1;
  g.usd_per_ppu_hour_on_demand = 2;
  g.usd_per_ppu_hour_spot = 1.5;
  spec.generations = {g};
  spec.strategies = {{"buy", GrowthStrategyKind::Buy, 0},
                     {"reserved", GrowthStrategyKind::RentReserved, 0},
                     {"on demand", GrowthStrategyKind::RentOnDemand, 0},
                     {"hybrid", GrowthStrategyKind::Hybrid, 0.5}};
  spec.targets = {parse_plan_target("/jobs/queueing_delay_s/p90<=100")};
  spec.window_days = 7;
  spec.target_utilization = 0.5;
  spec.model_flops_utilization = 0.5;
  spec.amortization_years = 5;
  spec.base_jobs_cap = 10;
  spec.base_ppus = 128;  // 16 nodes of 8
  spec.base_peak_flops_per_s = 1e15;
  return spec;
}

/// A window's report: 4,000 PPUs, seven one-day bins of 1,000, 2,000, 3,000, 4,000, 2,000,
/// 2,000 and 2,000 allocated PPUs (16,000 PPU-days = 384,000 PPU-hours), 1,000 PF-days
/// delivered, energy $700, staff $300, queueing p90 50 s; with `storage_usd`, a storage line
/// of that much and 6.048e14 B of streaming input read (1 GB/s over the week).
json round_report(double queueing_p90_s, double storage_usd = 0) {
  Report r;
  r.ppusim_version = "test";
  r.scenario = {"window", 1, "test-ppu", 500, 4000, "easy-backfill", "pack"};
  r.topology.kind = "fat-tree";
  r.window_s = 604800;
  r.work.allocated_ppu_hours = 384000;
  r.work.delivered_pflop_days = 1000;
  r.utilization.allocated = 16000.0 / 28000.0;
  r.jobs.queueing_delay_s.p90 = queueing_p90_s;
  r.cost.model = "owned";
  r.cost.energy_usd = 700;
  r.cost.staff_usd = 300;
  r.cost.total_usd = 1000 + storage_usd;
  r.time_series.interval_s = 86400;
  r.time_series.utilization_allocated = {0.25, 0.5, 0.75, 1, 0.5, 0.5, 0.5};
  if (storage_usd > 0) {
    r.cost.storage_usd = storage_usd;
    r.storage = ReportStorage{};
    r.storage->store_bytes_read = 4.048e14;
    r.storage->object_store_bytes_read = 2e14;
    r.storage->input_wait_ppu_hours = 10;
    // Reads from shared storage per daily bin: 7e9 B/s · 86,400 s = 6.048e14 B, a peak of 1.5e9.
    r.time_series.storage_read_bytes_per_s = {0.5e9, 1e9, 1e9, 1.5e9, 1e9, 1e9, 1e9};
  }
  return report_to_json(r);
}

TEST_CASE("growth plan: each strategy priced from the window, hybrid bursting above its base", "[growth]") {
  const GrowthSpec spec = round_spec();
  int calls = 0;
  const GrowthPlan plan = run_growth_plan(spec, [&](const std::vector<SweepPoint>& points) {
    ++calls;
    // Every strategy needs the same 4,000-PPU window (buy owns exactly the need): one run.
    CHECK(points.size() == 1);
    return std::vector<json>(points.size(), round_report(50));
  });
  CHECK(calls == 1);
  CHECK(plan.windows_simulated == 1);
  REQUIRE(plan.strategies.size() == 4);
  // Buy: 4,000 PPUs × $1,000 over 5 years, for 7 days: $4M × 7 / 1,826.25 = $15,331.96; energy
  // and staff $1,000 (σ = 1: the window is the period).
  const GrowthCell& buy = plan.strategies[0].periods[0];
  CHECK(buy.ppus_needed == 4000);
  CHECK(buy.ppus_to_have == 4000);
  CHECK(buy.cost.capex_usd == Approx(4e6 * 7 / 1826.25));
  CHECK(buy.cost.running_usd == Approx(1000));
  CHECK(*buy.usd_per_delivered_pflop_day == Approx((4e6 * 7 / 1826.25 + 1000) / 1000));
  // Reserved: 4,000 × 168 h × $1 = $672,000.
  CHECK(plan.strategies[1].periods[0].cost.total() == Approx(672000));
  // On demand: 384,000 allocated PPU-hours × $2 = $768,000; to have: the peak, 4,000.
  CHECK(plan.strategies[2].periods[0].cost.total() == Approx(768000));
  CHECK(plan.strategies[2].periods[0].ppus_to_have == Approx(4000));
  // Hybrid: the base is half the need, 2,000 PPUs. Above it: 1,000 + 2,000 PPUs for a day
  // each = 72,000 PPU-hours at $2 = $144,000, exactly the demand above the base; the base's
  // capex $2M × 7 / 1,826.25 and half the running costs, $500.
  const GrowthCell& hybrid = plan.strategies[3].periods[0];
  CHECK(hybrid.owned_ppus == 2000);
  CHECK(hybrid.cost.burst_ppu_hours == Approx(72000));
  CHECK(hybrid.cost.cloud_usd == Approx(144000));
  CHECK(hybrid.cost.capex_usd == Approx(2e6 * 7 / 1826.25));
  CHECK(hybrid.cost.running_usd == Approx(500));
  CHECK(hybrid.ppus_to_have == Approx(2000 + 2000));
  // The base serves min(allocated, 2,000): 1,000 + 6 × 2,000 = 13,000 of 14,000 PPU-days.
  CHECK(hybrid.utilization == Approx(13000.0 / 14000.0));
  REQUIRE(plan.answer);
  CHECK(*plan.answer == 0);  // buy is the cheapest, and every window meets the target
}

TEST_CASE("growth plan: a window that misses a target is resized and run again", "[growth]") {
  GrowthSpec spec = round_spec();
  spec.strategies = {{"reserved", GrowthStrategyKind::RentReserved, 0}};
  spec.resize_factor = 1.25;
  spec.max_resizes = 2;
  std::vector<std::int64_t> sizes;
  const GrowthPlan plan = run_growth_plan(spec, [&](const std::vector<SweepPoint>& points) {
    std::vector<json> reports;
    for (const SweepPoint& point : points) {
      const std::int64_t nodes = point.settings.front().second.at("nodes").get<std::int64_t>();
      sizes.push_back(nodes * 8);
      // Queueing meets the target only from 5,000 PPUs on.
      reports.push_back(round_report(nodes * 8 >= 5000 ? 50 : 500));
    }
    return reports;
  });
  // 4,000 fails; 4,000 × 1.25 = 5,000 passes.
  CHECK(sizes == std::vector<std::int64_t>{4000, 5000});
  CHECK(plan.strategies[0].periods[0].resizes == 1);
  CHECK(plan.strategies[0].passes);
}

TEST_CASE("growth plan: storage and network to have, per period", "[growth][storage]") {
  // One class reading dataset "clips" (1 PB) and doubling yearly; a second period a year after
  // the first. The dataset grows with its reader's demand: 1e15 B, then 2e15 B. Each window
  // reads 6.048e14 B in 604,800 s, a mean R = 1e9 B/s; its busiest day reads 1.5e9 B/s, the
  // bandwidth to have (the mean over U = 0.5 would say 2e9). Its storage line, $50 a week, is
  // paid by every strategy (σ = 1), its input wait is 10 PPU-hours.
  GrowthSpec spec = round_spec();
  spec.base["storage"]["datasets"] = json::parse(R"([{"name": "clips", "bytes": 1e15}])");
  spec.base["workload"]["generator"]["classes"][0]["data_bytes_per_s_per_ppu"] = 1e6;
  spec.base["workload"]["generator"]["classes"][0]["dataset"] = "clips";
  spec.classes = {{"c", 365.25, 1.0}};
  spec.datasets = {{"clips", 1e15, {0}}};
  spec.periods = {{"y0", "1970-01-01", 0, 7}, {"y1", "1971-01-01", 365.25, 372.25}};
  spec.strategies = {{"reserved", GrowthStrategyKind::RentReserved, 0}};
  std::vector<double> dataset_settings;
  const GrowthPlan plan = run_growth_plan(spec, [&](const std::vector<SweepPoint>& points) {
    for (const SweepPoint& point : points)
      for (const auto& [pointer, value] : point.settings)
        if (pointer == "/storage/datasets/0/bytes") dataset_settings.push_back(value.get<double>());
    return std::vector<json>(points.size(), round_report(50, 50));
  });
  CHECK(dataset_settings == std::vector<double>{1e15, 2e15});
  const GrowthCell& first = plan.strategies[0].periods[0];
  const GrowthCell& second = plan.strategies[0].periods[1];
  CHECK(first.storage.capacity_bytes == Approx(1e15));
  CHECK(second.storage.capacity_bytes == Approx(2e15));
  CHECK(first.storage.read_bytes_per_s == Approx(1e9));
  CHECK(first.storage.peak_read_bytes_per_s == Approx(1.5e9));
  CHECK(first.storage.bandwidth_bytes_per_s == Approx(1.5e9));
  CHECK(first.storage.input_wait_ppu_hours == Approx(10));
  // Reserved 4,000 × 168 h × $1 plus the storage line.
  CHECK(first.cost.storage_usd == Approx(50));
  CHECK(first.cost.total() == Approx(672000 + 50));
  // The network of the minimal scenario's fat-tree (4 nodes per leaf group, 8 rails: a leaf
  // switch per rail and group): 4,000 PPUs are 500 nodes, 125 groups, 1,000 leaf switches;
  // the second year's 8,000 PPUs twice that.
  CHECK(first.network.leaf_switches == 1000);
  CHECK(second.network.leaf_switches == 2000);
  CHECK(first.network.switches ==
        first.network.leaf_switches + first.network.spine_switches + first.network.core_switches);
}

TEST_CASE("growth: a period's network is counted above the exact-hops size too", "[growth]") {
  // 3,000 nodes (above the 2,048 of exact hop statistics, so sources are sampled) of the
  // minimal scenario's fabric: 4 nodes per leaf group, a leaf switch per rail (8) and group:
  // 750 groups, 6,000 leaf switches.
  nlohmann::json doc = test::minimal_scenario();
  doc["cluster"]["nodes"] = 3000;
  const PeriodNetwork network = period_network(parse_scenario(doc, "s.json"));
  CHECK(network.leaf_switches == 6000);
  CHECK(network.switches == network.leaf_switches + network.spine_switches + network.core_switches);
}

TEST_CASE("growth: a dataset grows with the demand of the classes that read it", "[growth][storage]") {
  // Readers of 100 (+100 %/year) and 300 (0 %) EFLOP-days: after a year 200 + 300 = 500 of
  // 400, so the dataset is ×1.25; a dataset no class reads stays as it is.
  GrowthSpec spec = round_spec();
  spec.classes = {{"a", 100, 1.0}, {"b", 300, 0.0}};
  spec.datasets = {{"shared", 8e14, {0, 1}}, {"cold", 1e12, {}}};
  spec.periods = {{"y0", "1970-01-01", 0, 7}, {"y1", "1971-01-01", 365.25, 372.25}};
  const std::vector<double> grown = grown_dataset_bytes(spec, 1);
  CHECK(grown[0] == Approx(1e15));
  CHECK(grown[1] == Approx(1e12));
}

/// A base scenario with two demand-driven classes, and a spec on it, in a temporary folder.
struct SpecFiles {
  cli_test::TempDir dir;
  json spec;
  SpecFiles() {
    json base = test::minimal_scenario();
    base["workload"]["generator"]["jobs"] = 100;  // the cap: ~200 jobs a day of 15 EFLOP-days a year
    base["workload"]["generator"]["classes"] = json::parse(R"([
      {"name": "perception", "demand_eflop_days_per_year": 10, "min_ppus": 8, "max_ppus": 8},
      {"name": "simulation", "demand_eflop_days_per_year": 5, "min_ppus": 8, "max_ppus": 8}])");
    cli_test::write_text(dir / "base.json", base.dump());
    spec = json::parse(R"({
      "base": "base.json",
      "periods": [{"name": "Q1", "start": "2026-01-01", "end": "2026-04-01"},
                  {"name": "Q2", "start": "2026-04-01", "end": "2026-07-01"}],
      "growth_per_year": {"perception": 0.45, "simulation": 0.7},
      "generations": [{"node": "hgx-h100", "available": "2026-01-01", "capex_per_node_usd": 270000,
                       "usd_per_ppu_hour": {"reserved": 4, "on_demand": 7, "spot": 4}}],
      "strategies": [{"name": "buy", "kind": "buy"}],
      "targets": ["/jobs/queueing_delay_s/p90<=3600"]})");
  }
  std::string write() const {
    cli_test::write_text(dir / "spec.json", spec.dump());
    return (dir / "spec.json").string();
  }
};

TEST_CASE("growth spec: a valid spec loads", "[growth]") {
  SpecFiles files;
  const GrowthSpec spec = load_growth_spec(files.write());
  REQUIRE(spec.classes.size() == 2);
  CHECK(spec.classes[1].growth_per_year == 0.7);
  CHECK(spec.periods[1].days() == 91);  // April, May, June
  CHECK(spec.generations[0].ppus_per_node == 8);
  CHECK(spec.generations[0].peak_flops_per_s == 989.4e12);
}

TEST_CASE("growth spec: bad input names the JSON path", "[growth]") {
  SpecFiles files;
  SECTION("a growth rate below -100 %") {
    files.spec["growth_per_year"]["simulation"] = -1.5;
    CHECK_THROWS_WITH(load_growth_spec(files.write()),
                      Contains("spec.json: /growth_per_year/simulation: found -1.5"));
  }
  SECTION("periods out of order") {
    files.spec["periods"][1]["start"] = "2025-12-01";
    files.spec["periods"][1]["end"] = "2026-03-01";
    CHECK_THROWS_WITH(load_growth_spec(files.write()),
                      Contains("/periods/1/start: found 2025-12-01, before the end of period 0"));
  }
  SECTION("a hardware generation missing from the catalog") {
    files.spec["generations"][0]["node"] = "hgx-h1000";
    CHECK_THROWS_WITH(load_growth_spec(files.write()),
                      Contains("/generations/0/node") && Contains("hgx-h1000") && Contains("hgx-h100"));
  }
  SECTION("a class the base does not have") {
    files.spec["growth_per_year"]["mining"] = 0.6;
    CHECK_THROWS_WITH(load_growth_spec(files.write()), Contains("/growth_per_year/mining"));
  }
}

TEST_CASE("plan growth on the command line: bad input exits 2 with the path", "[growth][cli]") {
  SpecFiles files;
  files.spec["periods"][1]["start"] = "2025-12-01";
  const std::string spec = files.write();
  const cli_test::Outcome outcome = cli_test::run_ppusim(files.dir, {"plan", "growth", spec});
  INFO(cli_test::describe(outcome));
  CHECK(outcome.exit_code == 2);
  CHECK_THAT(outcome.err, Contains("/periods/1/start"));
}

}  // namespace
}  // namespace ppusim

namespace ppusim {
namespace {

TEST_CASE("plan growth on the command line: a small plan writes CSV, JSON and HTML", "[growth][cli]") {
  // Two quarters of 15 EFLOP-days a year on hgx-h100 nodes, one-day windows: the sizing rule
  // gives 15 × 8.64e22 / 31,557,600 s / (989.4e12 × 0.4 × 0.7) = 148 PPUs, 19 nodes (152 PPUs).
  SpecFiles files;
  files.spec["window_days"] = 1;
  files.spec["strategies"] = json::parse(R"([{"name": "buy", "kind": "buy"},
                                             {"name": "on demand", "kind": "rent-on-demand"}])");
  files.spec["targets"] = json::parse(R"(["/jobs/rejected<=0"])");
  const std::string spec = files.write();
  const cli_test::Outcome outcome =
      cli_test::run_ppusim(files.dir, {"plan", "growth", spec, "-o", "out", "-j", "2"});
  INFO(cli_test::describe(outcome));
  REQUIRE(outcome.exit_code == 0);
  CHECK_THAT(outcome.out, Contains("answer: "));
  const json plan = cli_test::read_json(files.dir / "out" / "growth.json");
  REQUIRE(plan.at("strategies").size() == 2);
  CHECK(plan.at("strategies")[0].at("periods")[0].at("ppus_needed") == 152);
  CHECK(plan.at("strategies")[0].at("periods")[0].at("window") == "points/k0-p152");
  const std::string csv = cli_test::read_text(files.dir / "out" / "growth.csv");
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 1 + 2 * 2);  // header + strategies × periods
  CHECK_THAT(cli_test::read_text(files.dir / "out" / "growth.html"), Contains("ppusim-data"));
}

}  // namespace
}  // namespace ppusim
