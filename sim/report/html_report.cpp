#include "sim/report/html_report.hpp"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "sim/report/html_failures.hpp"
#include "sim/report/html_figures.hpp"
#include "sim/report/html_services.hpp"
#include "sim/report/html_template.hpp"
#include "sim/report/html_tenants.hpp"

namespace ppusim {

using nlohmann::json;

namespace {

/// The value at a JSON pointer, or null when the report does not have it.
const json& at(const json& report, const std::string& pointer) {
  static const json kNull;
  const json::json_pointer path(pointer);
  return report.contains(path) ? report.at(path) : kNull;
}

std::string text(const json& value) {
  if (value.is_null()) return "n/a";
  return value.is_string() ? value.get<std::string>() : value.dump();
}

double number(const json& value, double otherwise = 0) {
  return value.is_number() ? value.get<double>() : otherwise;
}

std::string count(const json& value) {
  return value.is_number_integer() ? format_count(value.get<long long>()) : "n/a";
}

// ---- key figures -------------------------------------------------------------------------

std::string figure_tables(const json& r) {
  std::vector<std::vector<std::string>> scenario = {
      {"scenario", text(at(r, "/scenario/name"))},
      {"PPUs", count(at(r, "/scenario/ppus")) + " (" + text(at(r, "/scenario/ppu")) + ")"},
      {"nodes", count(at(r, "/scenario/nodes"))},
      {"scheduler / placement",
       text(at(r, "/scenario/scheduler")) + " / " + text(at(r, "/scenario/placement"))},
      {"seed", text(at(r, "/scenario/seed"))},
      {"simulated window", figure_duration(at(r, "/window_s"))},
  };
  if (!at(r, "/interrupted_at_s").is_null()) {
    scenario.push_back(
        {"INTERRUPTED at", figure_duration(at(r, "/interrupted_at_s")) + " (figures cover the run so far)"});
  }
  scenario.push_back(
      {"ppusim / report schema", text(at(r, "/ppusim_version")) + " / " + text(at(r, "/schema_version"))});

  const std::vector<std::vector<std::string>> jobs = {
      {"in workload", count(at(r, "/jobs/in_workload"))},
      {"submitted / finished", count(at(r, "/jobs/submitted")) + " / " + count(at(r, "/jobs/finished"))},
      {"rejected", count(at(r, "/jobs/rejected"))},
      {"running / queued at end",
       count(at(r, "/jobs/running_at_end")) + " / " + count(at(r, "/jobs/queued_at_end"))},
      {"not arrived at end", count(at(r, "/jobs/not_arrived_at_end"))},
  };

  const std::vector<std::vector<std::string>> utilization = {
      {"allocated", figure_percent(at(r, "/utilization/allocated"))},
      {"busy (computing)", figure_percent(at(r, "/utilization/busy"))},
      {"delivered FLOPs / BF16 peak", figure_percent(at(r, "/utilization/delivered_flops"))},
      {"delivered compute",
       format_significant(number_or_nan(at(r, "/work/delivered_pflop_days")), 3) + " PF-days"},
      {"facility energy",
       format_significant(number_or_nan(at(r, "/energy/facility_kwh")) / 1000.0, 3) + " MWh"},
  };

  auto distribution = [&](const std::string& pointer) {
    return figure_durations({at(r, pointer + "/p50"), at(r, pointer + "/p90"), at(r, pointer + "/p99")});
  };
  std::vector<std::vector<std::string>> times = {
      {"queueing delay p50 / p90 / p99", distribution("/jobs/queueing_delay_s")},
      {"job completion p50 / p90 / p99", distribution("/jobs/completion_time_s")},
  };
  if (at(r, "/setup").is_object()) {
    times.push_back({"setup time p50 / p90 / p99", distribution("/setup/stages_s/total")});
    times.push_back(
        {"PPU-time in setup", figure_percent(at(r, "/setup/share_of_allocated_ppu_time")) + " of allocated"});
  }

  const std::vector<std::vector<std::string>> cost = {
      {"cost of the window (" + text(at(r, "/cost/model")) + ")", figure_usd(at(r, "/cost/total_usd"))},
      {"per delivered PF-day", figure_usd(at(r, "/cost/usd_per_delivered_pflop_day"))},
      {"per allocated PPU-hour", figure_usd(at(r, "/cost/usd_per_allocated_ppu_hour"))},
      {"per PPU-hour of the whole cluster (cost ÷ all PPU-hours)",
       figure_usd(at(r, "/cost/usd_per_available_ppu_hour"))},
  };

  return html_table("Scenario", {}, scenario) + html_table("Jobs", {}, jobs) +
         html_table("Utilization", {}, utilization) + html_table("Times", {}, times) +
         html_table("Cost", {}, cost);
}

// ---- charts ------------------------------------------------------------------------------

json time_series_chart(const json& r, const char* id, const std::string& title, const std::string& caption,
                       const std::vector<std::pair<const char*, const char*>>& columns, const char* y_label,
                       const char* y_format) {
  const json& series = at(r, "/time_series");
  const json& starts = series.value("start_s", json::array());
  const double window = number(at(r, "/window_s"));
  const TimeUnit unit = time_unit_for(window);
  // Each value is the mean over the bin that starts at start_s: drawn as steps, with the last
  // value repeated at the window's end so that the last bin shows too.
  json x = json::array();
  for (const json& start : starts) x.push_back(number(start) / unit.seconds);
  if (!starts.empty()) x.push_back(window / unit.seconds);
  json all = json::array();
  for (const auto& [column, label] : columns) {
    json y = series.value(column, json::array());
    if (!y.empty()) y.push_back(y.back());
    // Busy often lies just under allocated: dashed, so that both stay visible.
    all.push_back({{"label", label}, {"y", y}, {"stepped", true}, {"dashed", all.size() == 1}});
  }
  return {{"id", id},
          {"title", title},
          {"caption", caption},
          {"kind", "line"},
          {"x", x},
          {"series", all},
          {"x_label", std::string("simulated time (") + unit.name + ")"},
          {"y_label", y_label},
          {"y_format", y_format},
          {"y_min", 0}};
}

json setup_stages_chart(const json& r) {
  static const std::pair<const char*, const char*> kStages[] = {
      {"provisioning", "provisioning"},       {"image_pull", "image pull"},
      {"dataset_staging", "dataset staging"}, {"checkpoint_load", "checkpoint load"},
      {"framework_init", "framework init"},   {"total", "total setup"}};
  const json& stages = at(r, "/setup/stages_s");
  double largest = 0;
  for (const auto& [key, label] : kStages)
    largest = std::max(largest, number(at(stages, "/" + std::string(key) + "/p90")));
  const TimeUnit unit = time_unit_for(largest);
  json labels = json::array(), p50 = json::array(), p90 = json::array();
  for (const auto& [key, label] : kStages) {
    const json& stage = at(stages, "/" + std::string(key));
    labels.push_back(label);
    p50.push_back(stage.contains("p50") ? json(number(stage["p50"]) / unit.seconds) : json(nullptr));
    p90.push_back(stage.contains("p90") ? json(number(stage["p90"]) / unit.seconds) : json(nullptr));
  }
  const std::string through = count(at(r, "/setup/jobs_through_setup"));
  const bool none = largest == 0;
  return {
      {"id", "chart-setup-stages"},
      {"title", "Setup time by stage"},
      {"caption",
       "Median (p50) and 90th percentile (p90) of each setup stage between a job's allocation and its "
       "first training step, over the " +
           through +
           " jobs that went through setup "
           "(report.json setup.stages_s). Percentiles of each stage on its own: the stages' p90s do "
           "not add up to the total's." +
           std::string(none ? " Every stage took 0 s in this run: the scenario models no setup time." : "")},
      {"kind", "bar"},
      {"labels", labels},
      {"series", json::array({{{"label", "p50"}, {"values", p50}}, {{"label", "p90"}, {"values", p90}}})},
      {"category_label", ""},
      {"value_label", std::string("time (") + unit.name + ")"},
      {"value_format", "number"}};
}

json cdf_chart(const char* id, const std::string& title, const std::string& what,
               const std::vector<double>& sample) {
  const json curve = quantile_curve(sample);
  double largest = 0;
  for (const json& x : curve["x"]) largest = std::max(largest, x.get<double>());
  const TimeUnit unit = time_unit_for(largest);
  json x = json::array();
  for (const json& value : curve["x"]) x.push_back(value.get<double>() / unit.seconds);
  const std::size_t n = sample.size();
  const std::string caption =
      n == 0 ? "No " + what + " in this run: nothing to draw."
             : "Share of the " + std::to_string(n) + " " + what +
                   " that took at most the time on the horizontal axis. Drawn through 201 quantiles "
                   "(linear interpolation between order statistics, as report.json's p50, p90 and p99).";
  return {{"id", id},
          {"title", title},
          {"caption", caption},
          {"kind", "line"},
          {"x", x},
          {"series", json::array({{{"label", "share of jobs"}, {"y", curve["p"]}}})},
          {"x_label", std::string("time (") + unit.name + ")"},
          {"y_label", "share of jobs"},
          {"y_format", "percent"},
          {"y_min", 0},
          {"y_max", 1}};
}

/// A horizontal bar chart of the items of a cost object, in a fixed order, zero items left out
/// (all of them shown when every item is zero).
json cost_chart(const char* id, const std::string& title, const std::string& caption, const json& items,
                const std::vector<std::pair<const char*, const char*>>& order) {
  json labels = json::array(), values = json::array();
  auto add_items = [&](bool skip_zero) {
    for (const auto& [key, label] : order) {
      if (!items.contains(key) || (skip_zero && number(items[key]) == 0)) continue;
      labels.push_back(label);
      values.push_back(number(items[key]));
    }
    for (const auto& entry : items.items()) {  // items a newer report adds, by name
      // Not a structured binding: clang 14 cannot capture one in the lambda below.
      const std::string& key = entry.key();
      const json& value = entry.value();
      const bool known =
          std::any_of(order.begin(), order.end(), [&](const auto& o) { return key == o.first; });
      if (known || (skip_zero && number(value) == 0)) continue;
      labels.push_back(key);
      values.push_back(number(value));
    }
  };
  add_items(true);
  if (labels.empty()) add_items(false);
  return {{"id", id},
          {"title", title},
          {"caption", caption},
          {"kind", "bar"},
          {"horizontal", true},
          {"labels", labels},
          {"series", json::array({{{"label", "USD"}, {"values", values}}})},
          {"category_label", ""},
          {"value_label", "USD over the window"},
          {"value_format", "usd"}};
}

}  // namespace

std::string render_run_html(const json& r, const JobDelaySamples* jobs) {
  HtmlPage page;
  const std::string name = text(at(r, "/scenario/name"));
  page.title = "ppusim report: " + name;
  page.subtitle =
      count(at(r, "/scenario/ppus")) + " PPUs (" + text(at(r, "/scenario/ppu")) + ") on " +
      count(at(r, "/scenario/nodes")) + " nodes, " + text(at(r, "/scenario/scheduler")) + ", seed " +
      text(at(r, "/scenario/seed")) + "; simulated window " + figure_duration(at(r, "/window_s")) +
      (at(r, "/interrupted_at_s").is_null() ? "" : "; INTERRUPTED: the figures cover the run so far");
  page.generator = std::string("ppusim ") + PPUSIM_VERSION + " from report.json (schema " +
                   text(at(r, "/schema_version")) + ")";
  page.figures_html = figure_tables(r);

  const double interval = number(at(r, "/time_series/interval_s"));
  const std::string bin = format_time_span(interval);
  page.charts.push_back(time_series_chart(
      r, "chart-utilization", "Utilization over time",
      "Share of the cluster's PPU-time held by jobs (allocated), spent computing (busy), and FLOPs delivered "
      "over the BF16 peak, averaged over each time bin of " +
          bin + " (report.json time_series).",
      {{"utilization_allocated", "allocated"},
       {"utilization_busy", "busy"},
       {"utilization_delivered_flops", "delivered FLOPs / peak"}},
      "share of the cluster", "percent"));
  page.charts.push_back(
      time_series_chart(r, "chart-queue", "Jobs waiting in the queue",
                        "Time-averaged number of jobs admitted but not yet started, per time bin of " + bin +
                            " (report.json time_series.mean_queued_jobs).",
                        {{"mean_queued_jobs", "mean queued jobs"}}, "jobs", "number"));
  if (at(r, "/setup/stages_s").is_object()) page.charts.push_back(setup_stages_chart(r));
  if (jobs) {
    page.charts.push_back(cdf_chart("chart-completion-cdf", "Job completion time (CDF)",
                                    "finished jobs, from submission to end,", jobs->completion_s));
    page.charts.push_back(cdf_chart("chart-queueing-cdf", "Queueing delay (CDF)",
                                    "started jobs, from submission to start,", jobs->queueing_s));
  }
  page.charts.push_back(failures_timeline_chart(r));
  for (json& chart : service_charts(r)) page.charts.push_back(std::move(chart));
  for (json& chart : tenant_charts(r)) page.charts.push_back(std::move(chart));
  const std::string total = figure_usd(at(r, "/cost/total_usd"));
  if (at(r, "/cost/breakdown_usd").is_object()) {
    page.charts.push_back(cost_chart("chart-cost-items", "Cost by item",
                                     "What the window cost, " + total + " in all (" +
                                         text(at(r, "/cost/model")) +
                                         " model), by item (report.json cost.breakdown_usd). Items that cost "
                                         "nothing are left out.",
                                     at(r, "/cost/breakdown_usd"),
                                     {{"capex_compute", "capex: compute"},
                                      {"capex_network", "capex: network"},
                                      {"energy", "energy"},
                                      {"colocation", "colocation"},
                                      {"staff", "staff"},
                                      {"cloud_bill", "cloud bill"}}));
  }
  if (at(r, "/cost/spent_on_usd").is_object()) {
    page.charts.push_back(
        cost_chart("chart-cost-use", "Cost by use of the PPU-time",
                   "The same " + total +
                       " split by what the PPU-time went to: computing, "
                       "job setup, allocated but doing neither (communicating, waiting for data, "
                       "billing rounding), and paid for but not allocated (idle) "
                       "(report.json cost.spent_on_usd).",
                   at(r, "/cost/spent_on_usd"),
                   {{"computing", "computing"},
                    {"setup", "setup"},
                    {"allocated_not_computing", "allocated, not computing"},
                    {"idle", "idle"},
                    {"lost_work", "work lost to failures"},
                    {"restarts", "restarts after failures"}}));
  }

  if (!jobs) {
    page.notes.push_back(
        "The CDFs of job completion time and queueing delay are missing: they are drawn from "
        "jobs.csv, and there was none next to this report.json.");
  }
  if (!at(r, "/setup/stages_s").is_object()) {
    page.notes.push_back(
        "This report.json has no setup section (an older ppusim wrote it): no setup-time chart.");
  }
  if (!r.contains("services")) {
    page.notes.push_back(
        "No inference latency charts: the scenario has no inference services (docs/inference.md).");
  }
  page.notes.push_back(
      "Every figure comes from report.json and the job table; docs/report.md defines each one, "
      "docs/html-report.md each chart.");
  return render_page(page);
}

}  // namespace ppusim
