#include "sim/report/html_report.hpp"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "sim/report/html_failures.hpp"
#include "sim/report/html_figures.hpp"
#include "sim/report/html_pools.hpp"
#include "sim/report/html_services.hpp"
#include "sim/report/html_template.hpp"
#include "sim/report/html_tenants.hpp"

namespace ppusim {

using nlohmann::json;

namespace {

std::string count(long long value) { return format_count(value); }

// ---- key figures -------------------------------------------------------------------------

std::string percentiles(const Distribution& d) { return format_time_spans({d.p50, d.p90, d.p99}); }

/// Bytes read from one tier over the window: the total and its mean rate.
std::string tier_throughput(double bytes, double window_s) {
  return format_significant(bytes / 1e12, 3) + " TB, " +
         format_significant(window_s > 0 ? bytes / window_s / 1e9 : 0.0, 3) + " GB/s mean";
}

/// The storage section (docs/report.md, "storage"): what waited on input, how well the cache
/// served it, what each tier read and what storage cost. Empty when the report has none.
std::string storage_table(const Report& r) {
  if (!r.storage) return "";
  const ReportStorage& s = *r.storage;
  std::vector<std::vector<std::string>> rows = {
      {"jobs streaming input", count(s.streaming_jobs)},
      {"PPU-hours waiting on input", format_significant(s.input_wait_ppu_hours, 3) + " (" +
                                         format_percent(s.input_wait_share_of_allocated_ppu_time) +
                                         " of allocated)"},
      {"cache hit ratio",
       s.cache_hit_ratio ? format_percent(*s.cache_hit_ratio) : std::string("no object store")},
      {"read from the shared store", tier_throughput(s.store_bytes_read, r.window_s)},
      {"read from the object store", tier_throughput(s.object_store_bytes_read, r.window_s)},
      {"read from node caches", tier_throughput(s.node_cache_bytes_read, r.window_s)},
      {"datasets evicted", count(s.datasets_evicted)},
  };
  if (r.cost.storage_usd) rows.push_back({"storage cost of the window", format_usd(*r.cost.storage_usd)});
  return html_table("Storage", {}, rows);
}

std::string figure_tables(const Report& r) {
  std::vector<std::vector<std::string>> scenario = {
      {"scenario", r.scenario.name},
      {"PPUs", count(r.scenario.ppus) + " (" + r.scenario.ppu + ")"},
      {"nodes", count(r.scenario.nodes)},
      {"scheduler / placement", r.scenario.scheduler + " / " + r.scenario.placement},
      {"seed", std::to_string(r.scenario.seed)},
      {"simulated window", format_time_span(r.window_s)},
  };
  if (r.interrupted_at_s) {
    scenario.push_back(
        {"INTERRUPTED at", format_time_span(*r.interrupted_at_s) + " (figures cover the run so far)"});
  }
  scenario.push_back({"ppusim / report schema", r.ppusim_version + " / " + std::to_string(r.schema_version)});

  const std::vector<std::vector<std::string>> jobs = {
      {"in workload", count(r.jobs.in_workload)},
      {"submitted / finished", count(r.jobs.submitted) + " / " + count(r.jobs.finished)},
      {"rejected", count(r.jobs.rejected)},
      {"running / queued at end", count(r.jobs.running_at_end) + " / " + count(r.jobs.queued_at_end)},
      {"not arrived at end", count(r.jobs.not_arrived_at_end)},
  };

  const std::vector<std::vector<std::string>> utilization = {
      {"allocated", format_percent(r.utilization.allocated)},
      {"busy (computing)", format_percent(r.utilization.busy)},
      {"delivered FLOPs / BF16 peak", format_percent(r.utilization.delivered_flops)},
      {"delivered compute", format_significant(r.work.delivered_pflop_days, 3) + " PF-days"},
      {"facility energy", format_significant(r.energy.facility_kwh / 1000.0, 3) + " MWh"},
  };

  std::vector<std::vector<std::string>> times = {
      {"queueing delay p50 / p90 / p99", percentiles(r.jobs.queueing_delay_s)},
      {"job completion p50 / p90 / p99", percentiles(r.jobs.completion_time_s)},
  };
  if (r.sections.setup) {
    times.push_back({"setup time p50 / p90 / p99", percentiles(r.setup.total_s)});
    times.push_back(
        {"PPU-time in setup", format_percent(r.setup.share_of_allocated_ppu_time) + " of allocated"});
  }

  const std::vector<std::vector<std::string>> cost = {
      {"cost of the window (" + r.cost.model + ")", format_usd(r.cost.total_usd)},
      {"per delivered PF-day", format_usd(r.cost.usd_per_delivered_pflop_day)},
      {"per allocated PPU-hour", format_usd(r.cost.usd_per_allocated_ppu_hour)},
      {"per PPU-hour of the whole cluster (cost ÷ all PPU-hours)",
       format_usd(r.cost.usd_per_available_ppu_hour)},
  };

  return html_table("Scenario", {}, scenario) + html_table("Jobs", {}, jobs) +
         html_table("Utilization", {}, utilization) + html_table("Times", {}, times) +
         html_table("Cost", {}, cost) + storage_table(r);
}

// ---- charts ------------------------------------------------------------------------------

/// A column of the time series, with the label its line gets.
struct SeriesColumn {
  const std::vector<double>* values;
  const char* label;
};

json time_series_chart(const Report& r, const char* id, const std::string& title, const std::string& caption,
                       const std::vector<SeriesColumn>& columns, const char* y_label, const char* y_format) {
  const TimeUnit unit = time_unit_for(r.window_s);
  // Each value is the mean over the bin that starts at start_s: drawn as steps, with the last
  // value repeated at the window's end so that the last bin shows too.
  json x = json::array();
  for (double start : r.time_series.start_s) x.push_back(start / unit.seconds);
  if (!r.time_series.start_s.empty()) x.push_back(r.window_s / unit.seconds);
  json all = json::array();
  for (const SeriesColumn& column : columns) {
    json y = *column.values;
    if (!y.empty()) y.push_back(y.back());
    // Busy often lies just under allocated: dashed, so that both stay visible.
    all.push_back({{"label", column.label}, {"y", y}, {"stepped", true}, {"dashed", all.size() == 1}});
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

json setup_stages_chart(const ReportSetup& setup) {
  const std::pair<const Distribution*, const char*> stages[] = {
      {&setup.provisioning_s, "provisioning"},       {&setup.image_pull_s, "image pull"},
      {&setup.dataset_staging_s, "dataset staging"}, {&setup.checkpoint_load_s, "checkpoint load"},
      {&setup.framework_init_s, "framework init"},   {&setup.total_s, "total setup"}};
  double largest = 0;
  for (const auto& [stage, label] : stages) largest = std::max(largest, stage->p90);
  const TimeUnit unit = time_unit_for(largest);
  json labels = json::array(), p50 = json::array(), p90 = json::array();
  for (const auto& [stage, label] : stages) {
    labels.push_back(label);
    p50.push_back(stage->p50 / unit.seconds);
    p90.push_back(stage->p90 / unit.seconds);
  }
  const std::string through = count(setup.jobs_through_setup);
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

/// A horizontal bar chart of cost items, in the order given, zero items left out (all of them
/// shown when every item is zero).
json cost_chart(const char* id, const std::string& title, const std::string& caption,
                const std::vector<std::pair<const char*, double>>& items) {
  json labels = json::array(), values = json::array();
  auto add_items = [&](bool skip_zero) {
    for (const auto& [label, value] : items) {
      if (skip_zero && value == 0) continue;
      labels.push_back(label);
      values.push_back(value);
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

std::string render_run_html(const Report& r, const JobDelaySamples* jobs) {
  HtmlPage page;
  page.title = "ppusim report: " + r.scenario.name;
  page.subtitle = count(r.scenario.ppus) + " PPUs (" + r.scenario.ppu + ") on " + count(r.scenario.nodes) +
                  " nodes, " + r.scenario.scheduler + ", seed " + std::to_string(r.scenario.seed) +
                  "; simulated window " + format_time_span(r.window_s) +
                  (r.interrupted_at_s ? "; INTERRUPTED: the figures cover the run so far" : "");
  page.generator = std::string("ppusim ") + PPUSIM_VERSION + " from report.json (schema " +
                   std::to_string(r.schema_version) + ")";
  page.figures_html = figure_tables(r);

  const ReportTimeSeries& series = r.time_series;
  const std::string bin = format_time_span(series.interval_s);
  page.charts.push_back(time_series_chart(
      r, "chart-utilization", "Utilization over time",
      "Share of the cluster's PPU-time held by jobs (allocated), spent computing (busy), and FLOPs delivered "
      "over the BF16 peak, averaged over each time bin of " +
          bin + " (report.json time_series).",
      {{&series.utilization_allocated, "allocated"},
       {&series.utilization_busy, "busy"},
       {&series.utilization_delivered_flops, "delivered FLOPs / peak"}},
      "share of the cluster", "percent"));
  page.charts.push_back(
      time_series_chart(r, "chart-queue", "Jobs waiting in the queue",
                        "Time-averaged number of jobs admitted but not yet started, per time bin of " + bin +
                            " (report.json time_series.mean_queued_jobs).",
                        {{&series.mean_queued_jobs, "mean queued jobs"}}, "jobs", "number"));
  if (r.sections.setup) page.charts.push_back(setup_stages_chart(r.setup));
  if (jobs) {
    page.charts.push_back(cdf_chart("chart-completion-cdf", "Job completion time (CDF)",
                                    "finished jobs, from submission to end,", jobs->completion_s));
    page.charts.push_back(cdf_chart("chart-queueing-cdf", "Queueing delay (CDF)",
                                    "started jobs, from submission to start,", jobs->queueing_s));
  }
  page.charts.push_back(failures_timeline_chart(r));
  for (json& chart : service_charts(r)) page.charts.push_back(std::move(chart));
  for (json& chart : tenant_charts(r)) page.charts.push_back(std::move(chart));
  for (json& chart : pool_charts(r)) page.charts.push_back(std::move(chart));
  const ReportCost& c = r.cost;
  const std::string total = format_usd(c.total_usd);
  page.charts.push_back(cost_chart("chart-cost-items", "Cost by item",
                                   "What the window cost, " + total + " in all (" + c.model +
                                       " model), by item (report.json cost.breakdown_usd). Items that cost "
                                       "nothing are left out.",
                                   {{"capex: compute", c.capex_compute_usd},
                                    {"capex: network", c.capex_network_usd},
                                    {"energy", c.energy_usd},
                                    {"colocation", c.colocation_usd},
                                    {"staff", c.staff_usd},
                                    {"cloud bill", c.cloud_bill_usd},
                                    {"storage", c.storage_usd.value_or(0)}}));
  page.charts.push_back(
      cost_chart("chart-cost-use", "Cost by use of the PPU-time",
                 "The same " + total +
                     " split by what the PPU-time went to: computing, "
                     "job setup, allocated but doing neither (communicating, waiting for data, "
                     "billing rounding), and paid for but not allocated (idle) "
                     "(report.json cost.spent_on_usd).",
                 {{"computing", c.spent_computing_usd},
                  {"setup", c.spent_on_setup_usd},
                  {"allocated, not computing", c.spent_allocated_not_computing_usd},
                  {"idle", c.spent_idle_usd},
                  {"work lost to failures", c.spent_on_lost_work_usd},
                  {"restarts after failures", c.spent_on_restarts_usd}}));

  if (!jobs) {
    page.notes.push_back(
        "The CDFs of job completion time and queueing delay are missing: they are drawn from "
        "jobs.csv, and there was none next to this report.json.");
  }
  if (!r.sections.setup) {
    page.notes.push_back(
        "This report.json has no setup section (an older ppusim wrote it): no setup-time chart.");
  }
  if (r.services.empty()) {
    page.notes.push_back(
        "No inference latency charts: the scenario has no inference services (docs/inference.md).");
  }
  page.notes.push_back(
      "Every figure comes from report.json and the job table; docs/report.md defines each one, "
      "docs/html-report.md each chart.");
  return render_page(page);
}

}  // namespace ppusim
