#include "sim/report/html_services.hpp"

#include <algorithm>
#include <set>
#include <string>

#include "sim/report/html_figures.hpp"

namespace ppusim {

using nlohmann::json;

namespace {

double number_or_zero(const json& value) { return value.is_number() ? value.get<double>() : 0.0; }

json latency_chart(const json& services, const char* key, const char* id, const std::string& title,
                   const std::string& what, double scale, const char* unit) {
  json labels = json::array();
  json series = json::array();
  for (const char* p : {"p50", "p90", "p99"}) {
    json values = json::array();
    for (const json& s : services) values.push_back(number_or_zero(s[key][p]) * scale);
    series.push_back({{"label", p}, {"values", values}});
  }
  for (const json& s : services) labels.push_back(s["name"]);
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
json replicas_chart(const json& services, double window) {
  std::set<double> times{0.0};
  for (const json& s : services)
    for (const json& t : s["replicas"]["serving_over_time"]["t_s"]) times.insert(t.get<double>());
  times.insert(window);
  const TimeUnit unit = time_unit_for(window);
  json x = json::array();
  for (double t : times) x.push_back(t / unit.seconds);
  json series = json::array();
  for (const json& s : services) {
    const json& history = s["replicas"]["serving_over_time"];
    json y = json::array();
    std::size_t next = 0;
    int current = 0;
    for (double t : times) {
      while (next < history["t_s"].size() && history["t_s"][next].get<double>() <= t)
        current = history["count"][next++].get<int>();
      y.push_back(current);
    }
    series.push_back({{"label", s["name"]}, {"y", y}, {"stepped", true}, {"dashed", false}});
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

std::vector<json> service_charts(const json& report) {
  const json services = report.value("services", json::array());
  if (services.empty()) return {};
  return {latency_chart(services, "ttft_s", "chart-service-ttft", "Inference: time to first token",
                        "Time to first token (queueing and prefill)", 1.0, "s"),
          latency_chart(services, "tpot_s", "chart-service-tpot", "Inference: time per output token",
                        "Time per output token after the first", 1000.0, "ms"),
          replicas_chart(services, number_or_zero(report["window_s"]))};
}

}  // namespace ppusim
