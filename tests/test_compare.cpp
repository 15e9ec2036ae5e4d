// Side-by-side comparison: the factorisation of cost per PF-day, on hand-made reports.
#include <catch2/catch.hpp>

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
  const json comparison = compare_reports(
      {{"a.json", report("base", 2400, 0.25, 1.0)}, {"b.json", report("other", 7200, 0.5, 1.0)}});
  const json& d = comparison["differences"][0];
  CHECK(comparison["scenarios"][0]["usd_per_delivered_pflop_day"].get<double>() == Approx(96));
  CHECK(d["cost_per_pflop_day_ratio"].get<double>() == Approx(1.5));
  CHECK(d["factors"]["price_per_available_ppu_hour"].get<double>() == Approx(3));
  CHECK(d["factors"]["peak_per_ppu_inverse"].get<double>() == Approx(1));
  CHECK(d["factors"]["delivered_utilization_inverse"].get<double>() == Approx(0.5));
  CHECK(d["main_cause"] == "price_per_available_ppu_hour");
  // The product of the factors is the ratio, exactly.
  CHECK(3.0 * 1.0 * 0.5 == Approx(d["cost_per_pflop_day_ratio"].get<double>()));
  // Busy over allocated: 0.6 / 0.8. Named for what it is; "effective training time ratio" is
  // run's ratio, taken from the report as it is.
  CHECK(comparison["scenarios"][1]["busy_share_of_allocated"].get<double>() == Approx(0.75));
  CHECK(comparison["scenarios"][1]["effective_training_time_ratio"].get<double>() == Approx(0.9));
  CHECK(comparison["schema_version"] == kComparisonSchemaVersion);
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
  const json comparison = compare_reports({{"a.json", report("fast", 2400, 0.25, 1.0)}, {"b.json", slow}});
  const std::string table = format_comparison_table(comparison);
  CHECK_THAT(table, Catch::Contains("setup p50 / p90 (min)") && Catch::Contains("1.0 / 2.0") &&
                        Catch::Contains("1.0 / 65.4"));
}

TEST_CASE("compare: a faster PPU at the same price shows up as the peak factor", "[compare]") {
  // Same $ per PPU-hour and delivered utilization, twice the peak: half the cost per PF-day.
  const json comparison = compare_reports(
      {{"a.json", report("h100", 2400, 0.3, 1.0)}, {"b.json", report("b200", 2400, 0.3, 2.0)}});
  const json& d = comparison["differences"][0];
  CHECK(d["cost_per_pflop_day_ratio"].get<double>() == Approx(0.5));
  CHECK(d["factors"]["peak_per_ppu_inverse"].get<double>() == Approx(0.5));
  CHECK(d["main_cause"] == "peak_per_ppu_inverse");
}

TEST_CASE("compare: the CSV has one row per scenario", "[compare]") {
  const json comparison =
      compare_reports({{"a.json", report("a", 100, 0.2, 1.0)}, {"b.json", report("b", 200, 0.2, 1.0)}});
  const std::string csv = format_comparison_csv(comparison);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 3);
  CHECK(csv.rfind("name,cost_model,", 0) == 0);
}
