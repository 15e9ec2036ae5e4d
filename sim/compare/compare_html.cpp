#include "sim/compare/compare_html.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <utility>
#include <vector>

#include "sim/compare/comparison_text.hpp"
#include "sim/report/html_figures.hpp"
#include "sim/report/html_template.hpp"

namespace ppusim {

using nlohmann::json;

namespace {

double or_nan(const std::optional<double>& x) { return x.value_or(std::nan("")); }

std::string ratio(const std::optional<double>& value) {
  return value ? "×" + format_fixed(*value, 2) : "n/a";
}

std::string figure_tables(const Comparison& comparison) {
  const std::vector<ScenarioFigures>& scenarios = comparison.scenarios;
  std::vector<std::string> names;
  for (const ScenarioFigures& s : scenarios) names.push_back(s.report.scenario.name);
  std::vector<std::vector<std::string>> rows;
  auto row = [&](const std::string& label, auto value_of) {
    std::vector<std::string> cells{label};
    for (const ScenarioFigures& s : scenarios) cells.push_back(value_of(s));
    rows.push_back(std::move(cells));
  };
  row("scenario file", [](const ScenarioFigures& s) { return s.path; });
  row("cost model", [](const ScenarioFigures& s) { return s.report.cost.model; });
  row("jobs finished", [](const ScenarioFigures& s) { return format_count(s.report.jobs.finished); });
  // A pair of durations per scenario, the whole row in the one unit its largest value calls for
  // (not "2.03 / 4.66 min | 9.43 / 9.70 min | 65.0 / 65.4 s", issue #16).
  auto duration_row = [&](const std::string& label, auto distribution_of) {
    const DurationRow durations = p50_p90_row(comparison, distribution_of);
    std::size_t next = 0;
    row(label + " (" + durations.unit + ")",
        [&](const ScenarioFigures&) { return durations.cells.at(next++); });
  };
  duration_row("queueing p50 / p90", [](const ScenarioFigures& s) { return s.report.setup.queueing_s; });
  duration_row("setup p50 / p90", [](const ScenarioFigures& s) { return s.report.setup.total_s; });
  row("utilization: allocated",
      [](const ScenarioFigures& s) { return format_percent(s.report.utilization.allocated); });
  row("utilization: busy",
      [](const ScenarioFigures& s) { return format_percent(s.report.utilization.busy); });
  row("utilization: delivered FLOPs",
      [](const ScenarioFigures& s) { return format_percent(s.report.utilization.delivered_flops); });
  row("busy share of allocated PPU-time",
      [](const ScenarioFigures& s) { return format_percent(or_nan(s.busy_share_of_allocated)); });
  row("effective training time ratio", [](const ScenarioFigures& s) {
    return format_percent(s.report.failures.effective_training_time_ratio);
  });
  row("cost of the window", [](const ScenarioFigures& s) { return format_usd(s.report.cost.total_usd); });
  row("per PPU-hour of the whole cluster (cost ÷ all PPU-hours)",
      [](const ScenarioFigures& s) { return format_usd(s.report.cost.usd_per_available_ppu_hour); });
  row("per delivered PF-day",
      [](const ScenarioFigures& s) { return format_usd(s.report.cost.usd_per_delivered_pflop_day); });
  std::string html = html_table("Scenarios side by side", names, rows);

  std::vector<std::vector<std::string>> factor_rows;
  for (const ScenarioDifference& d : comparison.differences) {
    factor_rows.push_back({d.name + " vs " + d.versus, ratio(d.cost_per_pflop_day_ratio),
                           ratio(d.factors.price_per_available_ppu_hour),
                           ratio(d.factors.peak_per_ppu_inverse),
                           ratio(d.factors.delivered_utilization_inverse), cost_factor_label(d.main_cause)});
  }
  if (!factor_rows.empty()) {
    html += html_table(
        "Why cost per PF-day differs from the first scenario's",
        {"cost per PF-day", "= price of capacity", "× 1 / peak", "× 1 / delivered utilization", "main cause"},
        factor_rows);
  }
  return html;
}

json bar_chart(const char* id, const std::string& title, const std::string& caption, const json& labels,
               json series, const std::string& value_label, const char* format, bool stacked = false) {
  return {{"id", id},
          {"title", title},
          {"caption", caption},
          {"kind", "bar"},
          {"labels", labels},
          {"series", std::move(series)},
          {"category_label", ""},
          {"value_label", value_label},
          {"value_format", format},
          {"stacked", stacked}};
}

/// A stacked series: its label and one value per scenario (USD or a count).
struct StackedPart {
  std::string label;
  json values;  // an array, one number per scenario
};

/// The parts of a stacked bar chart, those that are zero in every scenario left out.
json stacked_series(const std::vector<StackedPart>& parts) {
  json series = json::array();
  for (const StackedPart& part : parts) {
    const bool any = std::any_of(part.values.begin(), part.values.end(),
                                 [](const json& value) { return value.get<double>() != 0; });
    if (any) series.push_back({{"label", part.label}, {"values", part.values}});
  }
  return series;
}

/// One stacked part per cost item that a scenario lists (cost_breakdown_items or
/// cost_spent_on_items), labelled in words.
json stacked_cost_items(const Comparison& comparison, CostItemsOf items_of) {
  std::vector<StackedPart> parts;
  for (const char* item : cost_items_listed(comparison, items_of)) {
    StackedPart part{cost_item_label(item), json::array()};
    for (const ScenarioFigures& s : comparison.scenarios) {
      part.values.push_back(cost_item_usd(s.report.cost, items_of, item));
    }
    parts.push_back(std::move(part));
  }
  return stacked_series(parts);
}

/// Job interruptions of each scenario, stacked by the causes of the run report's failures
/// timeline; a note in its place when no scenario models failures.
json interruptions_chart(const Comparison& comparison, const json& labels) {
  const bool any = std::any_of(comparison.scenarios.begin(), comparison.scenarios.end(),
                               [](const ScenarioFigures& s) { return s.report.failures.enabled; });
  const char* title = "Job interruptions by cause";
  if (!any) {
    return {{"id", "chart-interruptions"},
            {"title", title},
            {"caption",
             "No failures configured in any of these scenarios (no failures block, no spot billing; "
             "docs/failures.md): no job was interrupted. Nothing to draw."},
            {"kind", "note"}};
  }
  using Count = long long InterruptionsByCause::*;
  const std::pair<const char*, Count> causes[] = {
      {"hardware failure (PPU, HBM, node, NIC)", &InterruptionsByCause::hardware},
      {"network failure (link, switch)", &InterruptionsByCause::network},
      {"spot preemption", &InterruptionsByCause::preemption}};
  std::vector<StackedPart> parts;
  for (const auto& [label, count] : causes) {
    StackedPart part{label, json::array()};
    for (const ScenarioFigures& s : comparison.scenarios)
      part.values.push_back(s.interruptions_by_cause.*count);
    parts.push_back(std::move(part));
  }
  return bar_chart("chart-interruptions", title,
                   "Jobs interrupted over each scenario's window, stacked by cause (the sums of report.json "
                   "time_series.interruptions_*; each scenario's report.html draws them over time). A "
                   "scenario without failures configured has no bar.",
                   labels, stacked_series(parts), "jobs interrupted", "number", true);
}

}  // namespace

std::string render_compare_html(const Comparison& comparison) {
  const std::vector<ScenarioFigures>& scenarios = comparison.scenarios;
  json labels = json::array();
  std::string joined;
  for (const ScenarioFigures& s : scenarios) {
    labels.push_back(s.report.scenario.name);
    joined += (joined.empty() ? "" : ", ") + s.report.scenario.name;
  }

  HtmlPage page;
  page.title = "ppusim comparison: " + joined;
  page.subtitle = std::to_string(scenarios.size()) +
                  " scenarios side by side (ppusim compare); differences are against the first.";
  page.generator = std::string("ppusim ") + PPUSIM_VERSION + " from compare.json";
  page.figures_html = figure_tables(comparison);

  // One value per scenario, in `divisor`s; a missing value is a missing bar (null).
  auto series_of = [&](const char* label,
                       const std::function<std::optional<double>(const ScenarioFigures&)>& value_of,
                       double divisor = 1) {
    json values = json::array();
    for (const ScenarioFigures& s : scenarios) {
      const std::optional<double> value = value_of(s);
      values.push_back(value ? json(*value / divisor) : json(nullptr));
    }
    return json{{"label", label}, {"values", values}};
  };

  page.charts.push_back(bar_chart(
      "chart-cost-per-pflop-day", "Cost per delivered PF-day",
      "What one PetaFLOP-day of delivered compute cost in each scenario: the cost of the window over the "
      "delivered PF-days. Lower is better; a missing bar means nothing was delivered.",
      labels,
      json::array(
          {series_of("USD per delivered PF-day",
                     [](const ScenarioFigures& s) { return s.report.cost.usd_per_delivered_pflop_day; })}),
      "USD per PF-day", "usd"));
  page.charts.push_back(bar_chart(
      "chart-utilization", "Utilization",
      "Share of the cluster's PPU-time held by jobs (allocated), spent computing (busy), and FLOPs delivered "
      "over "
      "the BF16 peak, over each scenario's window.",
      labels,
      json::array(
          {series_of("allocated", [](const ScenarioFigures& s) { return s.report.utilization.allocated; }),
           series_of("busy", [](const ScenarioFigures& s) { return s.report.utilization.busy; }),
           series_of("delivered FLOPs / peak",
                     [](const ScenarioFigures& s) { return s.report.utilization.delivered_flops; })}),
      "share of the cluster", "percent"));
  double largest = 0;
  for (const ScenarioFigures& s : scenarios) {
    largest = std::max({largest, s.report.setup.total_s.p50, s.report.setup.total_s.p90});
  }
  const TimeUnit unit = time_unit_for(largest);
  page.charts.push_back(bar_chart(
      "chart-setup", "Setup time",
      "Median (p50) and 90th percentile (p90) of the total setup time between a job's allocation "
      "and its first "
      "training step (provisioning, image pull, dataset staging, checkpoint load, framework init).",
      labels,
      json::array(
          {series_of(
               "p50", [](const ScenarioFigures& s) { return s.report.setup.total_s.p50; }, unit.seconds),
           series_of(
               "p90", [](const ScenarioFigures& s) { return s.report.setup.total_s.p90; }, unit.seconds)}),
      std::string("time (") + unit.name + ")", "number"));
  page.charts.push_back(bar_chart(
      "chart-cost-items", "Cost by item",
      "The cost of each scenario's window, stacked by item (breakdown_usd). Windows can differ in length: "
      "compare costs per PF-day above.",
      labels, stacked_cost_items(comparison, cost_breakdown_items), "USD over the window", "usd", true));
  page.charts.push_back(bar_chart("chart-cost-use", "Cost by use of the PPU-time",
                                  "The same costs stacked by what the paid-for PPU-time did (spent_on_usd): "
                                  "computing, setup, allocated but "
                                  "doing neither, idle, and with failures the work lost and the restarts.",
                                  labels, stacked_cost_items(comparison, cost_spent_on_items),
                                  "USD over the window", "usd", true));

  page.charts.push_back(interruptions_chart(comparison, labels));

  page.notes.push_back(
      "Each scenario's full report is in the same folder as <n>-<name>.report.json; "
      "`ppusim report html` draws its page (without job CDFs: compare writes no jobs.csv).");
  return render_page(page);
}

}  // namespace ppusim
