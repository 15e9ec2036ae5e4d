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

}  // namespace

std::vector<json> tenant_charts(const Report& report) {
  const std::vector<ReportTenant>& tenants = report.tenants;
  if (tenants.empty()) return {};
  return {queueing_chart(tenants), allocation_chart(tenants)};
}

}  // namespace ppusim
