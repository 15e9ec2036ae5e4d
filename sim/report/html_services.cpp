#include "sim/report/html_services.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <utility>

#include "sim/report/html_figures.hpp"

namespace ppusim {

using nlohmann::json;

namespace {

json latency_chart(const std::vector<ServiceReport>& services, Distribution ServiceReport::*latency,
                   const char* key, const char* id, const std::string& title, const std::string& what,
                   double scale, const char* unit) {
  json labels = json::array();
  json series = json::array();
  const std::pair<double Distribution::*, const char*> percentiles[] = {
      {&Distribution::p50, "p50"}, {&Distribution::p90, "p90"}, {&Distribution::p99, "p99"}};
  for (const auto& [percentile, name] : percentiles) {
    json values = json::array();
    for (const ServiceReport& s : services) values.push_back((s.*latency).*percentile * scale);
    series.push_back({{"label", name}, {"values", values}});
  }
  for (const ServiceReport& s : services) labels.push_back(s.name);
  return {{"id", id},
          {"title", title},
          {"caption",
           what + " per service: median, 90th and 99th percentile (report.json services[]." + key + ")."},
          {"kind", "bar"},
          {"labels", labels},
          {"series", series},
          {"category_label", ""},
          {"value_label", std::string("time (") + unit + ")"},
          {"value_format", "number"}};
}

/// Serving replicas of every service on one step chart over the union of their change times.
json replicas_chart(const std::vector<ServiceReport>& services, double window) {
  std::set<double> times{0.0};
  for (const ServiceReport& s : services)
    times.insert(s.replicas.serving_t_s.begin(), s.replicas.serving_t_s.end());
  times.insert(window);
  const TimeUnit unit = time_unit_for(window);
  json x = json::array();
  for (double t : times) x.push_back(t / unit.seconds);
  json series = json::array();
  for (const ServiceReport& s : services) {
    const ServiceReplicasReport& history = s.replicas;
    json y = json::array();
    std::size_t next = 0;
    long long current = 0;
    for (double t : times) {
      while (next < history.serving_t_s.size() && history.serving_t_s[next] <= t)
        current = history.serving_count[next++];
      y.push_back(current);
    }
    series.push_back({{"label", s.name}, {"y", y}, {"stepped", true}, {"dashed", false}});
  }
  return {{"id", "chart-service-replicas"},
          {"title", "Serving replicas over time"},
          {"caption",
           "Replicas of each inference service that are set up and taking requests (report.json "
           "services[].replicas.serving_over_time); replicas in the cluster queue, in setup or "
           "draining are not counted."},
          {"kind", "line"},
          {"x", x},
          {"series", series},
          {"x_label", std::string("simulated time (") + unit.name + ")"},
          {"y_label", "replicas"},
          {"y_format", "number"},
          {"y_min", 0}};
}

}  // namespace

std::vector<json> service_charts(const Report& report) {
  const std::vector<ServiceReport>& services = report.services;
  if (services.empty()) return {};
  return {
      latency_chart(services, &ServiceReport::ttft_s, "ttft_s", "chart-service-ttft",
                    "Inference: time to first token", "Time to first token (queueing and prefill)", 1.0, "s"),
      latency_chart(services, &ServiceReport::tpot_s, "tpot_s", "chart-service-tpot",
                    "Inference: time per output token", "Time per output token after the first", 1000.0,
                    "ms"),
      replicas_chart(services, report.window_s)};
}

}  // namespace ppusim
