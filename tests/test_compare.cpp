// Side-by-side comparison: the factorisation of cost per PF-day, on hand-made reports.
#include <catch2/catch.hpp>

#include "sim/compare/scenario_comparison.hpp"

using namespace ppusim;
using nlohmann::json;

namespace {

/// A report with just what the comparison reads. 100 PPUs for 24 h (2,400 PPU-hours).
json report(const std::string& name, double total_usd, double delivered_utilization, double peak_pflops) {
  const double pf_days = 100 * 24.0 * peak_pflops * delivered_utilization / 24.0;
  json r;
  r["scenario"] = {{"name", name}, {"ppus", 100}};
  r["window_s"] = 86400.0;
  r["jobs"] = {{"finished", 10}};
  json stage = {{"p50", 60.0}, {"p90", 120.0}};
  r["setup"]["stages_s"] = {{"queueing", stage}, {"total", stage}};
  r["utilization"] = {{"allocated", 0.8}, {"busy", 0.6}, {"delivered_flops", delivered_utilization}};
  r["work"] = {{"delivered_pflop_days", pf_days}};
  r["cost"] = {{"model", "owned"},
               {"total_usd", total_usd},
               {"usd_per_delivered_pflop_day", total_usd / pf_days},
               {"usd_per_available_ppu_hour", total_usd / 2400.0},
               {"breakdown_usd", {{"energy", total_usd}}},
               {"spent_on_usd", {{"computing", total_usd}}}};
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
  CHECK(comparison["scenarios"][1]["effective_training_time_ratio"].get<double>() == Approx(0.75));
  // The terminal names the factors and the ratios in words (issue #16): no raw identifiers,
  // and "effective training time" is left to the per-job ratio of `run`.
  const std::string table = format_comparison_table(comparison);
  CHECK_THAT(table, Catch::Contains("main cause: price of capacity") &&
                        Catch::Contains("busy share of allocated time") &&
                        Catch::Contains("$ per PPU-hour (cost / all PPU-h)"));
  CHECK_THAT(table,
             !Catch::Contains("price_per_available_ppu_hour") && !Catch::Contains("effective training time"));
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
