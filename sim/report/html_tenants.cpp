#include "sim/report/html_tenants.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "sim/report/number_format.hpp"

namespace ppusim {

using nlohmann::json;

namespace {

json queueing_chart(const std::vector<ReportTenant>& tenants) {
  double largest = 0;
  for (const ReportTenant& t : tenants) largest = std::max(largest, t.queueing_delay_s.p99);
  const TimeUnit unit = time_unit_for(largest);
  json labels = json::array();
  json series = json::array();
  const std::pair<const char*, double Distribution::*> percentiles[] = {
      {"p50", &Distribution::p50}, {"p90", &Distribution::p90}, {"p99", &Distribution::p99}};
  for (const auto& [label, percentile] : percentiles) {
    json values = json::array();
    for (const ReportTenant& t : tenants) values.push_back(t.queueing_delay_s.*percentile / unit.seconds);
    series.push_back({{"label", label}, {"values", values}});
  }
  for (const ReportTenant& t : tenants) labels.push_back(t.name);
  return {{"id", "chart-tenant-queueing"},
          {"title", "Queueing delay by tenant"},
          {"caption",
           "Submit-to-first-start time of each tenant's started jobs: median, 90th and 99th percentile "
           "(report.json tenants[].queueing_delay_s)."},
          {"kind", "bar"},
          {"labels", labels},
          {"series", series},
          {"category_label", ""},
          {"value_label", std::string("time (") + unit.name + ")"},
          {"value_format", "number"}};
}

json allocation_chart(const std::vector<ReportTenant>& tenants) {
  json labels = json::array(), within = json::array(), borrowed = json::array();
  for (const ReportTenant& t : tenants) {
    labels.push_back(t.name);
    const double held = t.mean_allocated_ppus;
    const double above = t.mean_borrowed_ppus;
    within.push_back(std::max(0.0, held - above));
    borrowed.push_back(above);
  }
  return {{"id", "chart-tenant-ppus"},
          {"title", "PPUs held by tenant"},
          {"caption",
           "Each tenant's mean PPUs held over the window (report.json tenants[].mean_allocated_ppus), split "
           "into the part within its guarantee and the part borrowed above it (mean_borrowed_ppus), which "
           "preemption can take back (docs/tenants.md)."},
          {"kind", "bar"},
          {"labels", labels},
          {"series", json::array({{{"label", "within guarantee"}, {"values", within}},
                                  {{"label", "borrowed"}, {"values", borrowed}}})},
          {"category_label", ""},
          {"value_label", "PPUs"},
          {"stacked", true},
          {"value_format", "number"}};
}

/// One tenant's quota usage over time: its mean allocated PPUs per time-series bin, drawn as
/// steps, and its guarantee as a flat dashed line.
json usage_over_time_chart(const Report& report, const ReportTenant& tenant, std::size_t index) {
  const TimeUnit unit = time_unit_for(report.window_s);
  const std::vector<double>& starts = report.time_series.start_s;
  json x = json::array();
  for (double start : starts) x.push_back(start / unit.seconds);
  json held = json::array();
  for (std::size_t bin = 0; bin < starts.size() && bin < tenant.mean_allocated_ppus_by_bin.size(); ++bin)
    held.push_back(tenant.mean_allocated_ppus_by_bin[bin]);
  // The last bin's value is repeated at the window's end so that the last step shows.
  if (!starts.empty() && held.size() == starts.size()) {
    x.push_back(report.window_s / unit.seconds);
    held.push_back(held.back());
  }
  json series = json::array({{{"label", "allocated PPUs"}, {"y", held}, {"stepped", true}}});
  if (tenant.guaranteed_ppus > 0) {
    const json quota(x.size(), static_cast<double>(tenant.guaranteed_ppus));
    series.push_back({{"label", "guaranteed PPUs"}, {"y", quota}, {"dashed", true}});
  }
  return {{"id", "chart-tenant-usage-" + std::to_string(index)},
          {"title", "Quota usage over time: " + tenant.name},
          {"caption",
           "Mean PPUs the tenant held in each time-series bin (report.json "
           "tenants[].mean_allocated_ppus_by_bin, tenants_time_series.csv) against its guaranteed PPUs; "
           "above the line it borrows, and preemption can take that part back (docs/tenants.md)."},
          {"kind", "line"},
          {"x", x},
          {"series", series},
          {"x_label", std::string("simulated time (") + unit.name + ")"},
          {"y_label", "PPUs"},
          {"y_format", "number"},
          {"y_min", 0}};
}

}  // namespace

std::vector<json> tenant_charts(const Report& report) {
  const std::vector<ReportTenant>& tenants = report.tenants;
  if (tenants.empty()) return {};
  std::vector<json> charts{queueing_chart(tenants), allocation_chart(tenants)};
  for (std::size_t t = 0; t < tenants.size(); ++t) {
    if (!tenants[t].mean_allocated_ppus_by_bin.empty())
      charts.push_back(usage_over_time_chart(report, tenants[t], t));
  }
  return charts;
}

}  // namespace ppusim
