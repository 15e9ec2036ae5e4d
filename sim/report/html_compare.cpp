#include "sim/report/html_compare.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "sim/report/factor_label.hpp"
#include "sim/report/html_figures.hpp"
#include "sim/report/html_template.hpp"

namespace ppusim {

using nlohmann::json;

namespace {

using Items = std::vector<std::pair<const char*, const char*>>;

const json& field(const json& scenario, const char* key) {
  static const json kNull;
  return scenario.contains(key) ? scenario[key] : kNull;
}

std::string text(const json& value) {
  if (value.is_null()) return "n/a";
  return value.is_string() ? value.get<std::string>() : value.dump();
}

std::string ratio(const json& value) {
  return value.is_number() ? "×" + format_fixed(number_or_nan(value), 2) : "n/a";
}

json number_or_null(const json& value) { return value.is_number() ? value : json(nullptr); }

std::string figure_tables(const json& scenarios, const json& differences) {
  std::vector<std::string> names;
  for (const json& s : scenarios) names.push_back(text(field(s, "name")));
  std::vector<std::vector<std::string>> rows;
  auto row = [&](const std::string& label, auto value_of) {
    std::vector<std::string> cells{label};
    for (const json& s : scenarios) cells.push_back(value_of(s));
    rows.push_back(std::move(cells));
  };
  row("scenario file", [](const json& s) { return text(field(s, "path")); });
  row("cost model", [](const json& s) { return text(field(s, "cost_model")); });
  row("jobs finished", [](const json& s) {
    const json& finished = field(s, "jobs_finished");
    return finished.is_number_integer() ? format_count(finished.get<long long>()) : text(finished);
  });
  // A pair of durations per scenario, the whole row in the one unit its largest value calls for
  // (not "2.03 / 4.66 min | 9.43 / 9.70 min | 65.0 / 65.4 s", issue #16).
  auto duration_row = [&](const std::string& label, const char* first, const char* second) {
    std::vector<double> everything;
    for (const json& s : scenarios) {
      everything.push_back(number_or_nan(field(s, first)));
      everything.push_back(number_or_nan(field(s, second)));
    }
    const DurationScale scale = duration_scale_for(everything);
    row(label + " (" + scale.unit.name + ")", [&](const json& s) {
      return format_in_scale({number_or_nan(field(s, first)), number_or_nan(field(s, second))}, scale);
    });
  };
  duration_row("queueing p50 / p90", "queueing_p50_s", "queueing_p90_s");
  duration_row("setup p50 / p90", "setup_p50_s", "setup_p90_s");
  row("utilization: allocated",
      [](const json& s) { return figure_percent(field(s, "utilization_allocated")); });
  row("utilization: busy", [](const json& s) { return figure_percent(field(s, "utilization_busy")); });
  row("utilization: delivered FLOPs",
      [](const json& s) { return figure_percent(field(s, "utilization_delivered_flops")); });
  row("busy share of allocated PPU-time",
      [](const json& s) { return figure_percent(field(s, "busy_share_of_allocated")); });
  row("effective training time ratio",
      [](const json& s) { return figure_percent(field(s, "effective_training_time_ratio")); });
  row("cost of the window", [](const json& s) { return figure_usd(field(s, "total_usd")); });
  row("per PPU-hour of the whole cluster (cost ÷ all PPU-hours)",
      [](const json& s) { return figure_usd(field(s, "usd_per_available_ppu_hour")); });
  row("per delivered PF-day",
      [](const json& s) { return figure_usd(field(s, "usd_per_delivered_pflop_day")); });
  std::string html = html_table("Scenarios side by side", names, rows);

  std::vector<std::vector<std::string>> factor_rows;
  for (const json& d : differences) {
    const json factors = d.value("factors", json::object());
    factor_rows.push_back({text(field(d, "name")) + " vs " + text(field(d, "versus")),
                           ratio(field(d, "cost_per_pflop_day_ratio")),
                           ratio(factors.value("price_per_available_ppu_hour", json())),
                           ratio(factors.value("peak_per_ppu_inverse", json())),
                           ratio(factors.value("delivered_utilization_inverse", json())),
                           factor_label(d.value("main_cause", std::string("none")))});
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

/// One stacked series per item of the object `key` (breakdown_usd, spent_on_usd): known items
/// in their order, then others by name; items that are zero in every scenario left out.
json stacked_items(const json& scenarios, const char* key, const Items& order) {
  std::vector<std::pair<std::string, std::string>> items(order.begin(), order.end());
  for (const json& s : scenarios) {
    for (const auto& entry : field(s, key).items()) {
      // Not a structured binding: clang 14 (the fuzz build's compiler) cannot capture one.
      const std::string& item = entry.key();
      const bool listed =
          std::any_of(items.begin(), items.end(), [&](const auto& i) { return i.first == item; });
      if (!listed) items.emplace_back(item, item);
    }
  }
  json series = json::array();
  for (const auto& [item, label] : items) {
    json values = json::array();
    bool any = false;
    for (const json& s : scenarios) {
      const json& value = field(s, key).is_object() ? field(s, key).value(item, json(0.0)) : json(0.0);
      values.push_back(number_or_null(value));
      any = any || (value.is_number() && value.get<double>() != 0);
    }
    if (any) series.push_back({{"label", label}, {"values", values}});
  }
  return series;
}

/// Job interruptions of each scenario, stacked by the causes of the run report's failures
/// timeline; a note in its place when no scenario models failures.
json interruptions_chart(const json& scenarios, const json& labels) {
  const bool any = std::any_of(scenarios.begin(), scenarios.end(),
                               [](const json& s) { return field(s, "failures_enabled") == true; });
  const char* title = "Job interruptions by cause";
  if (!any) {
    return {{"id", "chart-interruptions"},
            {"title", title},
            {"caption",
             "No failures configured in any of these scenarios (no failures block, no spot billing; "
             "docs/failures.md): no job was interrupted. Nothing to draw."},
            {"kind", "note"}};
  }
  return bar_chart("chart-interruptions", title,
                   "Jobs interrupted over each scenario's window, stacked by cause (the sums of report.json "
                   "time_series.interruptions_*; each scenario's report.html draws them over time). A "
                   "scenario without failures configured has no bar.",
                   labels,
                   stacked_items(scenarios, "interruptions_by_cause",
                                 {{"hardware", "hardware failure (PPU, HBM, node, NIC)"},
                                  {"network", "network failure (link, switch)"},
                                  {"preemption", "spot preemption"}}),
                   "jobs interrupted", "number", true);
}

}  // namespace

std::string render_compare_html(const json& comparison) {
  const json scenarios = comparison.value("scenarios", json::array());
  const json differences = comparison.value("differences", json::array());
  json labels = json::array();
  std::string joined;
  for (const json& s : scenarios) {
    labels.push_back(text(field(s, "name")));
    joined += (joined.empty() ? "" : ", ") + text(field(s, "name"));
  }

  HtmlPage page;
  page.title = "ppusim comparison: " + joined;
  page.subtitle = std::to_string(scenarios.size()) +
                  " scenarios side by side (ppusim compare); differences are against the first.";
  page.generator = std::string("ppusim ") + PPUSIM_VERSION + " from compare.json";
  page.figures_html = figure_tables(scenarios, differences);

  auto series_of = [&](const char* key, const char* label, double divisor = 1) {
    json values = json::array();
    for (const json& s : scenarios) {
      const json& value = field(s, key);
      values.push_back(value.is_number() ? json(value.get<double>() / divisor) : json(nullptr));
    }
    return json{{"label", label}, {"values", values}};
  };

  page.charts.push_back(bar_chart(
      "chart-cost-per-pflop-day", "Cost per delivered PF-day",
      "What one PetaFLOP-day of delivered compute cost in each scenario: the cost of the window over the "
      "delivered PF-days. Lower is better; a missing bar means nothing was delivered.",
      labels, json::array({series_of("usd_per_delivered_pflop_day", "USD per delivered PF-day")}),
      "USD per PF-day", "usd"));
  page.charts.push_back(bar_chart(
      "chart-utilization", "Utilization",
      "Share of the cluster's PPU-time held by jobs (allocated), spent computing (busy), and FLOPs delivered "
      "over "
      "the BF16 peak, over each scenario's window.",
      labels,
      json::array({series_of("utilization_allocated", "allocated"), series_of("utilization_busy", "busy"),
                   series_of("utilization_delivered_flops", "delivered FLOPs / peak")}),
      "share of the cluster", "percent"));
  double largest = 0;
  for (const json& s : scenarios) {
    for (const char* key : {"setup_p50_s", "setup_p90_s"}) {
      if (field(s, key).is_number()) largest = std::max(largest, field(s, key).get<double>());
    }
  }
  const TimeUnit unit = time_unit_for(largest);
  page.charts.push_back(
      bar_chart("chart-setup", "Setup time",
                "Median (p50) and 90th percentile (p90) of the total setup time between a job's allocation "
                "and its first "
                "training step (provisioning, image pull, dataset staging, checkpoint load, framework init).",
                labels,
                json::array({series_of("setup_p50_s", "p50", unit.seconds),
                             series_of("setup_p90_s", "p90", unit.seconds)}),
                std::string("time (") + unit.name + ")", "number"));
  page.charts.push_back(bar_chart(
      "chart-cost-items", "Cost by item",
      "The cost of each scenario's window, stacked by item (breakdown_usd). Windows can differ in length: "
      "compare costs per PF-day above.",
      labels,
      stacked_items(scenarios, "breakdown_usd",
                    {{"capex_compute", "capex: compute"},
                     {"capex_network", "capex: network"},
                     {"energy", "energy"},
                     {"colocation", "colocation"},
                     {"staff", "staff"},
                     {"cloud_bill", "cloud bill"}}),
      "USD over the window", "usd", true));
  page.charts.push_back(bar_chart("chart-cost-use", "Cost by use of the PPU-time",
                                  "The same costs stacked by what the paid-for PPU-time did (spent_on_usd): "
                                  "computing, setup, allocated but "
                                  "doing neither, idle, and with failures the work lost and the restarts.",
                                  labels,
                                  stacked_items(scenarios, "spent_on_usd",
                                                {{"computing", "computing"},
                                                 {"setup", "setup"},
                                                 {"allocated_not_computing", "allocated, not computing"},
                                                 {"idle", "idle"},
                                                 {"lost_work", "work lost to failures"},
                                                 {"restarts", "restarts after failures"}}),
                                  "USD over the window", "usd", true));

  page.charts.push_back(interruptions_chart(scenarios, labels));

  page.notes.push_back(
      "Each scenario's full report is in the same folder as <n>-<name>.report.json; "
      "`ppusim report html` draws its page (without job CDFs: compare writes no jobs.csv).");
  return render_page(page);
}

}  // namespace ppusim
