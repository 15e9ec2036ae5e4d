// Side-by-side comparison: the factorisation of cost per PF-day, on hand-made reports.
#include <catch2/catch.hpp>

#include "sim/compare/comparison_json.hpp"
#include "sim/compare/comparison_text.hpp"
#include "sim/compare/scenario_comparison.hpp"

using namespace ppusim;
using nlohmann::json;

namespace {

/// A report with what the comparison reads set, the rest zero. 100 PPUs for 24 h (2,400
/// PPU-hours).
Report report(const std::string& name, double total_usd, double delivered_utilization, double peak_pflops) {
  const double pf_days = 100 * 24.0 * peak_pflops * delivered_utilization / 24.0;
  Report r;
  r.scenario.name = name;
  r.scenario.ppus = 100;
  r.window_s = 86400.0;
  r.jobs.finished = 10;
  Distribution stage;
  stage.p50 = 60.0;
  stage.p90 = 120.0;
  r.setup.queueing_s = stage;
  r.setup.total_s = stage;
  r.utilization = {0.8, 0.6, delivered_utilization};
  r.work.delivered_pflop_days = pf_days;
  r.cost.model = "owned";
  r.cost.total_usd = total_usd;
  r.cost.usd_per_delivered_pflop_day = total_usd / pf_days;
  r.cost.usd_per_available_ppu_hour = total_usd / 2400.0;
  r.cost.energy_usd = total_usd;
  r.cost.spent_computing_usd = total_usd;
  r.failures.effective_training_time_ratio = 0.9;
  return r;
}

}  // namespace

TEST_CASE("compare: cost per PF-day ratio = price ratio / peak ratio / utilization ratio", "[compare]") {
  // Base: $2,400 for 2,400 PPU-hours ($1 per PPU-hour), 1 PF/s peak, 25 % delivered:
  // 100·24·1·0.25/24 = 25 PF-days → $96 per PF-day. Other: $3 per PPU-hour, same peak, 50 %
  // delivered → ×3 price, ×2 utilization: cost per PF-day ×1.5; the price is the main cause.
  const Comparison comparison = compare_reports(
      {{"a.json", report("base", 2400, 0.25, 1.0)}, {"b.json", report("other", 7200, 0.5, 1.0)}});
  REQUIRE(comparison.differences.size() == 1);
  const ScenarioDifference& d = comparison.differences[0];
  CHECK(*comparison.scenarios[0].report.cost.usd_per_delivered_pflop_day == Approx(96));
  CHECK(*d.cost_per_pflop_day_ratio == Approx(1.5));
  CHECK(*d.factors.price_per_available_ppu_hour == Approx(3));
  CHECK(*d.factors.peak_per_ppu_inverse == Approx(1));
  CHECK(*d.factors.delivered_utilization_inverse == Approx(0.5));
  CHECK(d.main_cause == CostFactor::kPricePerAvailablePpuHour);
  // The product of the factors is the ratio, exactly.
  CHECK(3.0 * 1.0 * 0.5 == Approx(*d.cost_per_pflop_day_ratio));
  // Busy over allocated: 0.6 / 0.8. Named for what it is; "effective training time ratio" is
  // run's ratio, taken from the report as it is.
  CHECK(*comparison.scenarios[1].busy_share_of_allocated == Approx(0.75));
  // The file names them as the report does.
  const json document = comparison_to_json(comparison);
  CHECK(document["scenarios"][1]["busy_share_of_allocated"].get<double>() == Approx(0.75));
  CHECK(document["scenarios"][1]["effective_training_time_ratio"].get<double>() == Approx(0.9));
  CHECK(document["differences"][0]["main_cause"] == "price_per_available_ppu_hour");
  CHECK(document["differences"][0]["factors"]["delivered_utilization_inverse"].get<double>() == Approx(0.5));
  CHECK(document["schema_version"] == kComparisonSchemaVersion);
  // The terminal names the factors and the ratios in words (issue #16): no raw identifiers.
  const std::string table = format_comparison_table(comparison);
  CHECK_THAT(table, Catch::Contains("main cause: price of capacity") &&
                        Catch::Contains("busy share of allocated PPU-time") &&
                        Catch::Contains("$ per PPU-hour (cost / all PPU-h)") &&
                        Catch::Contains("  capex: compute") && Catch::Contains("  spent: computing"));
  CHECK_THAT(table, !Catch::Contains("price_per_available_ppu_hour") && !Catch::Contains("capex_compute") &&
                        !Catch::Contains("lost_work") && !Catch::Contains("($k)"));
  // $7,200 over the window; $3 per PPU-hour; $96 per PF-day for the base. Queueing p50 / p90 of
  // 60 s and 120 s in every scenario: the row's largest, 120 s, is 2.00 min, so the whole row
  // reads in minutes with two decimals.
  CHECK_THAT(table, Catch::Contains("$7.20 k") && Catch::Contains("$3.00") && Catch::Contains("$96.00"));
  CHECK_THAT(table, Catch::Contains("queueing p50 / p90 (min)") && Catch::Contains("1.00 / 2.00"));
  CHECK_THAT(table,
             Catch::Contains("cost per PF-day x1.50 = price of capacity x3.00 / peak x1.00 / delivered "
                             "utilization x2.00"));
}

TEST_CASE("compare: a row of durations is in one unit, from its largest value", "[compare]") {
  // Setup p90 of 120 s in one scenario and 3,924 s (65.4 min) in the other: minutes for the whole
  // row, with one decimal (65.4 has three significant digits): 1.0 / 2.0 and 1.0 / 65.4.
  Report slow = report("slow", 2400, 0.25, 1.0);
  slow.setup.total_s.p90 = 3924.0;
  const Comparison comparison =
      compare_reports({{"a.json", report("fast", 2400, 0.25, 1.0)}, {"b.json", slow}});
  const std::string table = format_comparison_table(comparison);
  CHECK_THAT(table, Catch::Contains("setup p50 / p90 (min)") && Catch::Contains("1.0 / 2.0") &&
                        Catch::Contains("1.0 / 65.4"));
}

TEST_CASE("compare: a faster PPU at the same price shows up as the peak factor", "[compare]") {
  // Same $ per PPU-hour and delivered utilization, twice the peak: half the cost per PF-day.
  const Comparison comparison = compare_reports(
      {{"a.json", report("h100", 2400, 0.3, 1.0)}, {"b.json", report("b200", 2400, 0.3, 2.0)}});
  const ScenarioDifference& d = comparison.differences.at(0);
  CHECK(*d.cost_per_pflop_day_ratio == Approx(0.5));
  CHECK(*d.factors.peak_per_ppu_inverse == Approx(0.5));
  CHECK(d.main_cause == CostFactor::kPeakPerPpuInverse);
}

TEST_CASE("compare: the CSV has one row per scenario", "[compare]") {
  const Comparison comparison = compare_reports(
      {{"a.json", report("a", 100, 0.2, 1.0)}, {"b.json", report("b, the second", 200, 0.2, 1.0)}});
  const std::string csv = format_comparison_csv(comparison);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 3);
  CHECK(csv.rfind("name,cost_model,", 0) == 0);
  // Numbers as compare.json writes them; a name with a comma quoted (RFC 4180). b: $200 over
  // 2,400 PPU-hours = $0.08333… per PPU-hour; 100·24·1·0.2/24 = 20 PF-days → $10 per PF-day.
  CHECK_THAT(csv, Catch::Contains(
                      "\n\"b, the second\",owned,10,60.0,120.0,60.0,120.0,0.8,0.6,0.2,0.7499999999999999,"
                      "0.9,200.0,0.08333333333333333,10.0\n"));
}

TEST_CASE("compare: storage and cost items follow the reports; a difference per item", "[compare]") {
  // Base: $2,400 of energy. Other: the same, plus a priced storage tier of $300 (cost item
  // "storage", only in the second report) and $100 more energy. The change per item is
  // other − base, with 0 for an item the base does not list: energy +100, storage +300.
  Report other = report("other", 2800, 0.25, 1.0);
  other.cost.energy_usd = 2500;
  other.cost.storage_usd = 300;
  const Comparison comparison =
      compare_reports({{"a.json", report("base", 2400, 0.25, 1.0)}, {"b.json", other}});
  const std::vector<CostItem>& change = comparison.differences.at(0).breakdown_change_usd;
  REQUIRE(change.size() == 7);
  CHECK(std::string(change[2].key) == "energy");
  CHECK(change[2].usd == Approx(100));
  CHECK(std::string(change[6].key) == "storage");
  CHECK(change[6].usd == Approx(300));
  // The table lists storage as soon as one scenario has it, so that its items add up to the
  // cost: $0 for the base, $300 for the other.
  const std::string table = format_comparison_table(comparison);
  CHECK_THAT(table, Catch::Contains("  storage                  ") && Catch::Contains("$300\n"));
  // Without storage anywhere, no storage row.
  CHECK_THAT(format_comparison_table(compare_reports({{"a.json", report("a", 1, 0.2, 1.0)}})),
             !Catch::Contains("storage"));
}

TEST_CASE("compare: the interruptions by cause are the sums of each report's failures timeline",
          "[compare]") {
  // Hardware 1 + 4 = 5, network 0 + 2 = 2, preemption 3 + 0 = 3 over two bins.
  Report failing = report("failing", 2400, 0.25, 1.0);
  failing.time_series.interruptions_hardware = {1, 4};
  failing.time_series.interruptions_network = {0, 2};
  failing.time_series.interruptions_preemption = {3, 0};
  const Comparison comparison = compare_reports({{"a.json", failing}});
  const InterruptionsByCause& causes = comparison.scenarios.at(0).interruptions_by_cause;
  CHECK(causes.hardware == 5);
  CHECK(causes.network == 2);
  CHECK(causes.preemption == 3);
  CHECK(comparison.differences.empty());
  // Peak per PPU from the report: 25 PF-days · 24 / (100 PPUs · 24 h · 0.25) = 1 PF/s.
  CHECK(*comparison.scenarios.at(0).peak_pflops_per_ppu == Approx(1.0));
}
