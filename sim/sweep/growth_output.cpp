#include "sim/sweep/growth_output.hpp"

#include <algorithm>
#include <cstdio>
#include <functional>

#include "sim/core/escaping.hpp"
#include "sim/report/html_figures.hpp"
#include "sim/report/html_template.hpp"
#include "sim/sweep/growth_model.hpp"
#include "sim/sweep/plan_evidence.hpp"
#include "sim/sweep/text_columns.hpp"

namespace ppusim {

using json = nlohmann::json;

namespace {

const char* kind_name(GrowthStrategyKind kind) {
  switch (kind) {
    case GrowthStrategyKind::Buy:
      return "buy";
    case GrowthStrategyKind::RentReserved:
      return "rent-reserved";
    case GrowthStrategyKind::RentOnDemand:
      return "rent-on-demand";
    case GrowthStrategyKind::RentSpot:
      return "rent-spot";
    case GrowthStrategyKind::Hybrid:
      return "hybrid";
  }
  return "";
}

/// Shortest round-tripping text of a number, as the report writes them.
std::string number_text(double value) {
  char buffer[32];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
    if (std::stod(buffer) == value) break;
  }
  return buffer;
}

std::string dollars(double usd) {
  char buffer[32];
  if (usd >= 1e9) {
    std::snprintf(buffer, sizeof buffer, "$%.2fB", usd / 1e9);
  } else if (usd >= 1e6) {
    std::snprintf(buffer, sizeof buffer, "$%.1fM", usd / 1e6);
  } else {
    std::snprintf(buffer, sizeof buffer, "$%.0f", usd);
  }
  return buffer;
}

json cell_json(const GrowthSpec& spec, const GrowthCell& c) {
  return {{"generation", spec.generations[c.generation].node},
          {"demand_eflop_days_per_year", c.demand_eflop_days_per_year},
          {"ppus_needed", c.ppus_needed},
          {"simulated_ppus", c.simulated_ppus},
          {"ppus_to_have", c.ppus_to_have},
          {"owned_ppus", c.owned_ppus},
          {"bought_ppus", c.bought_ppus},
          {"utilization", c.utilization},
          {"queueing_delay_p90_s", c.queueing_p90_s},
          {"delivered_pflop_days", c.delivered_pflop_days},
          {"burst_ppu_hours", c.cost.burst_ppu_hours},
          {"storage",
           {{"capacity_bytes", c.storage.capacity_bytes},
            {"read_bytes_per_s", c.storage.read_bytes_per_s},
            {"peak_read_bytes_per_s", c.storage.peak_read_bytes_per_s},
            {"bandwidth_bytes_per_s", c.storage.bandwidth_bytes_per_s},
            {"input_wait_ppu_hours", c.storage.input_wait_ppu_hours}}},
          {"network",
           {{"switches",
             {{"leaf", c.network.leaf_switches},
              {"spine", c.network.spine_switches},
              {"core", c.network.core_switches},
              {"total", c.network.switches}}},
            {"cables", c.network.cables},
            {"transceivers", c.network.transceivers}}},
          {"cost_usd",
           {{"capex", c.cost.capex_usd},
            {"owned_running", c.cost.running_usd},
            {"cloud", c.cost.cloud_usd},
            {"staff_per_job", c.cost.staff_per_job_usd},
            {"storage", c.cost.storage_usd},
            {"total", c.cost.total()}}},
          {"usd_per_delivered_pflop_day",
           c.usd_per_delivered_pflop_day ? json(*c.usd_per_delivered_pflop_day) : json()},
          {"targets", c.target_values},
          {"passes", c.passes},
          {"resizes", c.resizes},
          {"window", "points/" + c.window_id}};
}

}  // namespace

std::string growth_csv(const GrowthSpec& spec, const GrowthPlan& plan) {
  std::string csv =
      "strategy,kind,period,start,generation,demand_eflop_days_per_year,ppus_needed,simulated_ppus,ppus_to_"
      "have,"
      "owned_ppus,bought_ppus,utilization,queueing_delay_p90_s,delivered_pflop_days,burst_ppu_hours,capex_"
      "usd,"
      "owned_running_usd,cloud_usd,staff_per_job_usd,storage_usd,total_usd,usd_per_delivered_pflop_day,"
      "passes,"
      "resizes,storage_capacity_bytes,storage_read_bytes_per_s,storage_peak_read_bytes_per_s,storage_"
      "bandwidth_bytes_per_s,input_wait_ppu_hours,switches,leaf_switches,spine_switches,core_switches,cables,"
      "transceivers\n";
  for (std::size_t s = 0; s < plan.strategies.size(); ++s) {
    const GrowthStrategy& strategy = spec.strategies[s];
    for (std::size_t k = 0; k < spec.periods.size(); ++k) {
      const GrowthCell& c = plan.strategies[s].periods[k];
      csv +=
          csv_field(strategy.name) + "," + kind_name(strategy.kind) + "," + csv_field(spec.periods[k].name) +
          "," + spec.periods[k].start_text + "," + spec.generations[c.generation].node + "," +
          number_text(c.demand_eflop_days_per_year) + "," + std::to_string(c.ppus_needed) + "," +
          std::to_string(c.simulated_ppus) + "," + number_text(c.ppus_to_have) + "," +
          std::to_string(c.owned_ppus) + "," + std::to_string(c.bought_ppus) + "," +
          number_text(c.utilization) + "," + number_text(c.queueing_p90_s) + "," +
          number_text(c.delivered_pflop_days) + "," + number_text(c.cost.burst_ppu_hours) + "," +
          number_text(c.cost.capex_usd) + "," + number_text(c.cost.running_usd) + "," +
          number_text(c.cost.cloud_usd) + "," + number_text(c.cost.staff_per_job_usd) + "," +
          number_text(c.cost.storage_usd) + "," + number_text(c.cost.total()) + "," +
          (c.usd_per_delivered_pflop_day ? number_text(*c.usd_per_delivered_pflop_day) : "") + "," +
          (c.passes ? "true" : "false") + "," + std::to_string(c.resizes) + "," +
          number_text(c.storage.capacity_bytes) + "," + number_text(c.storage.read_bytes_per_s) + "," +
          number_text(c.storage.peak_read_bytes_per_s) + "," + number_text(c.storage.bandwidth_bytes_per_s) +
          "," + number_text(c.storage.input_wait_ppu_hours) + "," + std::to_string(c.network.switches) + "," +
          std::to_string(c.network.leaf_switches) + "," + std::to_string(c.network.spine_switches) + "," +
          std::to_string(c.network.core_switches) + "," + std::to_string(c.network.cables) + "," +
          std::to_string(c.network.transceivers) + "\n";
    }
  }
  return csv;
}

json growth_json(const GrowthSpec& spec, const GrowthPlan& plan) {
  json periods = json::array(), classes = json::array(), generations = json::array(),
       strategies = json::array(), targets = json::array();
  for (const GrowthPeriod& p : spec.periods)
    periods.push_back({{"name", p.name}, {"start", p.start_text}, {"days", p.days()}});
  for (const GrowthClass& c : spec.classes)
    classes.push_back({{"name", c.name},
                       {"demand_eflop_days_per_year", c.demand_eflop_days_per_year},
                       {"growth_per_year", c.growth_per_year}});
  for (const HardwareGeneration& g : spec.generations)
    generations.push_back({{"node", g.node},
                           {"chip", g.chip},
                           {"available", g.available_text},
                           {"peak_bf16_flops_per_s", g.peak_flops_per_s},
                           {"capex_per_node_usd", g.capex_per_node_usd},
                           {"usd_per_ppu_hour",
                            {{"reserved", g.usd_per_ppu_hour_reserved},
                             {"on_demand", g.usd_per_ppu_hour_on_demand},
                             {"spot", g.usd_per_ppu_hour_spot}}}});
  for (const PlanTarget& t : spec.targets) targets.push_back(t.text);
  for (std::size_t s = 0; s < plan.strategies.size(); ++s) {
    const StrategyOutcome& outcome = plan.strategies[s];
    json cells = json::array();
    for (const GrowthCell& c : outcome.periods) cells.push_back(cell_json(spec, c));
    strategies.push_back(
        {{"name", spec.strategies[s].name},
         {"kind", kind_name(spec.strategies[s].kind)},
         {"owned_share", spec.strategies[s].owned_share},
         {"total_usd", outcome.total_usd},
         {"delivered_pflop_days", outcome.delivered_pflop_days},
         {"usd_per_delivered_pflop_day",
          outcome.delivered_pflop_days > 0 ? json(outcome.total_usd / outcome.delivered_pflop_days) : json()},
         {"passes", outcome.passes},
         {"periods", cells}});
  }
  return {{"spec", spec.source},
          {"base", spec.base_path},
          {"window_days", spec.window_days},
          {"target_utilization", spec.target_utilization},
          {"targets", targets},
          {"periods", periods},
          {"classes", classes},
          {"generations", generations},
          {"windows_simulated", plan.windows_simulated},
          {"strategies", strategies},
          {"answer", plan.answer ? json(spec.strategies[*plan.answer].name) : json()}};
}

namespace {

/// One row per strategy: name, total cost, delivered PF-days, $ per PF-day, peak PPUs to have,
/// periods passing, verdict.
std::vector<std::vector<std::string>> summary_rows(const GrowthSpec& spec, const GrowthPlan& plan) {
  std::vector<std::vector<std::string>> rows;
  for (std::size_t s = 0; s < plan.strategies.size(); ++s) {
    const StrategyOutcome& outcome = plan.strategies[s];
    double peak = 0;
    int passing = 0;
    for (const GrowthCell& c : outcome.periods) {
      peak = std::max(peak, c.ppus_to_have);
      passing += c.passes ? 1 : 0;
    }
    rows.push_back(
        {spec.strategies[s].name, dollars(outcome.total_usd), short_number(outcome.delivered_pflop_days),
         outcome.delivered_pflop_days > 0
             ? "$" + short_number(outcome.total_usd / outcome.delivered_pflop_days)
             : "-",
         short_number(peak), std::to_string(passing) + "/" + std::to_string(outcome.periods.size()),
         std::string(outcome.passes ? "pass" : "fail") + (plan.answer == s ? ", cheapest" : "")});
  }
  return rows;
}

const std::vector<std::string> kSummaryHeader{"total cost",        "delivered PF-days", "$ per PF-day",
                                              "peak PPUs to have", "periods passing",   "verdict"};

}  // namespace

std::string growth_summary_text(const GrowthSpec& spec, const GrowthPlan& plan) {
  std::vector<std::vector<std::string>> rows{{"strategy"}};
  rows[0].insert(rows[0].end(), kSummaryHeader.begin(), kSummaryHeader.end());
  for (const std::vector<std::string>& row : summary_rows(spec, plan)) rows.push_back(row);
  return align_columns(rows);
}

std::string growth_html(const GrowthSpec& spec, const GrowthPlan& plan) {
  json labels = json::array();
  for (const GrowthPeriod& p : spec.periods) labels.push_back(p.name);
  const auto per_strategy = [&](const std::function<json(const GrowthCell&)>& value) {
    json series = json::array();
    for (std::size_t s = 0; s < plan.strategies.size(); ++s) {
      json values = json::array();
      for (const GrowthCell& c : plan.strategies[s].periods) values.push_back(value(c));
      series.push_back({{"label", spec.strategies[s].name}, {"values", values}});
    }
    return series;
  };
  const auto bar = [&](const std::string& id, const std::string& title, const std::string& caption,
                       const std::string& value_label, const std::string& format, const json& series) {
    return json{{"id", id},
                {"title", title},
                {"caption", caption},
                {"kind", "bar"},
                {"labels", labels},
                {"series", series},
                {"category_label", "period"},
                {"value_label", value_label},
                {"value_format", format}};
  };
  json demand = json::array();
  for (const GrowthClass& c : spec.classes) {
    json values = json::array();
    for (std::size_t k = 0; k < spec.periods.size(); ++k)
      values.push_back(
          grown_demand(c.demand_eflop_days_per_year, c.growth_per_year, years_into_plan(spec, k)));
    demand.push_back({{"label", c.name}, {"values", values}});
  }
  HtmlPage page;
  page.title = "Growth plan: " + spec.source;
  page.subtitle =
      "Base " + spec.base_path + "; " + std::to_string(spec.periods.size()) + " periods, " +
      std::to_string(spec.strategies.size()) + " strategies, " + std::to_string(plan.windows_simulated) +
      " simulated windows of " + short_number(spec.window_days) + " days. Answer: " +
      (plan.answer ? spec.strategies[*plan.answer].name : std::string("none meets every target")) + ".";
  json demand_chart =
      bar("demand", "Demand by class", "Yearly compute demand of each class at the start of each period",
          "EFLOP-days per year", "number", demand);
  demand_chart["stacked"] = true;
  page.charts.push_back(demand_chart);
  page.charts.push_back(
      bar("ppus", "PPUs to have",
          "Owned (buy), reserved, peak rented (on demand, spot), owned base + peak burst (hybrid)", "PPUs",
          "number", per_strategy([](const GrowthCell& c) { return json(c.ppus_to_have); })));
  page.charts.push_back(
      bar("storage-capacity", "Storage to have: capacity",
          "The datasets held, each grown with the demand of the classes that read it", "bytes", "number",
          per_strategy([](const GrowthCell& c) { return json(c.storage.capacity_bytes); })));
  page.charts.push_back(
      bar("storage-bandwidth", "Storage to have: read bandwidth",
          "The busiest time-series bin's streaming-input read rate of the window (report.json "
          "time_series.storage_read_bytes_per_s)",
          "bytes per second", "number",
          per_strategy([](const GrowthCell& c) { return json(c.storage.bandwidth_bytes_per_s); })));
  page.charts.push_back(bar("switches", "Network to have: switches",
                            "Leaf, spine and core switches of the simulated cluster's fat-tree "
                            "(ppusim topology); their cost is the network share of the capex or in the price",
                            "switches", "number",
                            per_strategy([](const GrowthCell& c) { return json(c.network.switches); })));
  page.charts.push_back(bar("cost", "Cost per period",
                            "Capex amortized over the period, running costs, cloud bills, staff and storage",
                            "USD", "usd",
                            per_strategy([](const GrowthCell& c) { return json(c.cost.total()); })));
  page.charts.push_back(bar("usd-per-pflop-day", "$ per delivered PF-day",
                            "The period's cost over the work its window delivered, scaled to the period",
                            "USD per PF-day", "usd", per_strategy([](const GrowthCell& c) {
                              return c.usd_per_delivered_pflop_day ? json(*c.usd_per_delivered_pflop_day)
                                                                   : json();
                            })));
  page.charts.push_back(bar("utilization", "Utilization",
                            "Allocated share of the PPUs paid for whole (owned or reserved), of the "
                            "simulated cluster otherwise; hybrid: of the owned base",
                            "utilization", "percent",
                            per_strategy([](const GrowthCell& c) { return json(c.utilization); })));
  page.charts.push_back(bar("queueing", "Queueing delay, p90",
                            "90th percentile of the simulated window's queueing delay", "seconds", "number",
                            per_strategy([](const GrowthCell& c) { return json(c.queueing_p90_s); })));
  page.figures_html = html_table("Strategies over the whole plan", kSummaryHeader, summary_rows(spec, plan));
  page.notes.push_back(
      "Each period is one simulated window of " + short_number(spec.window_days) +
      " days scaled to the period's length; the sizing rule, pricing and their limits: docs/planning.md.");
  page.generator = "ppusim plan growth, from " + spec.source;
  return render_page(page);
}

}  // namespace ppusim
