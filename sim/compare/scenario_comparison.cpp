#include "sim/compare/scenario_comparison.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "sim/report/factor_label.hpp"

namespace ppusim {

using nlohmann::json;

namespace {

double number_or_nan(const json& value) { return value.is_number() ? value.get<double>() : std::nan(""); }

/// The figures of one scenario that the comparison shows, from its report.
json figures_of(const ComparedScenario& scenario) {
  const json& r = scenario.report;
  const json& setup = r["setup"]["stages_s"];
  const json& util = r["utilization"];
  const json& cost = r["cost"];
  const double allocated = util["allocated"].get<double>();
  const double busy = util["busy"].get<double>();
  const double ppus = r["scenario"]["ppus"].get<double>();
  const double window_h = r["window_s"].get<double>() / 3600.0;
  const double delivered_pf_days = r["work"]["delivered_pflop_days"].get<double>();
  json f;
  f["name"] = r["scenario"]["name"];
  f["path"] = scenario.path;
  f["cost_model"] = cost["model"];
  f["jobs_finished"] = r["jobs"]["finished"];
  f["queueing_p50_s"] = setup["queueing"]["p50"];
  f["queueing_p90_s"] = setup["queueing"]["p90"];
  f["setup_p50_s"] = setup["total"]["p50"];
  f["setup_p90_s"] = setup["total"]["p90"];
  f["utilization_allocated"] = allocated;
  f["utilization_busy"] = busy;
  f["utilization_delivered_flops"] = util["delivered_flops"];
  // Productive (computing) time over time held: the cluster-wide effective training time ratio.
  f["effective_training_time_ratio"] = allocated > 0 ? json(busy / allocated) : json(nullptr);
  f["total_usd"] = cost["total_usd"];
  f["usd_per_delivered_pflop_day"] = cost["usd_per_delivered_pflop_day"];
  f["usd_per_available_ppu_hour"] = cost["usd_per_available_ppu_hour"];
  f["breakdown_usd"] = cost["breakdown_usd"];
  f["spent_on_usd"] = cost["spent_on_usd"];
  // Failures (docs/failures.md): productive training time over each job's wall time from its
  // first start, and the PPU-hours interruptions cost; absent in reports without the section.
  const json failures = r.value("failures", json::object());
  f["ettr_with_failures"] = failures.value("effective_training_time_ratio", json(nullptr));
  f["interruptions"] = failures.value("interruptions", 0LL);
  f["lost_ppu_hours"] = failures.contains("lost_ppu_hours") ? failures["lost_ppu_hours"]["total"] : json(0.0);
  // Interruptions by the causes of the failures timeline, summed over its bins (docs/report.md).
  f["failures_enabled"] = failures.value("enabled", false);
  const json series = r.value("time_series", json::object());
  json by_cause = json::object();
  for (const std::string cause : {"hardware", "network", "preemption"}) {
    long long count = 0;
    for (const json& n : series.value("interruptions_" + cause, json::array())) count += n.get<long long>();
    by_cause[cause] = count;
  }
  f["interruptions_by_cause"] = by_cause;
  // For the factorisation: peak PF/s per PPU, implied by delivered work and utilization.
  const double delivered_util = number_or_nan(util["delivered_flops"]);
  f["peak_pflops_per_ppu"] = delivered_util > 0 && window_h > 0
                                 ? json(delivered_pf_days * 24.0 / (ppus * window_h * delivered_util))
                                 : json(nullptr);
  return f;
}

json difference(const json& base, const json& other) {
  json d;
  d["name"] = other["name"];
  d["versus"] = base["name"];
  const double cost_ratio = number_or_nan(other["usd_per_delivered_pflop_day"]) /
                            number_or_nan(base["usd_per_delivered_pflop_day"]);
  const double price_ratio =
      number_or_nan(other["usd_per_available_ppu_hour"]) / number_or_nan(base["usd_per_available_ppu_hour"]);
  const double peak_ratio =
      number_or_nan(other["peak_pflops_per_ppu"]) / number_or_nan(base["peak_pflops_per_ppu"]);
  const double util_ratio = number_or_nan(other["utilization_delivered_flops"]) /
                            number_or_nan(base["utilization_delivered_flops"]);
  auto finite = [](double x) { return std::isfinite(x) ? json(x) : json(nullptr); };
  d["cost_per_pflop_day_ratio"] = finite(cost_ratio);
  d["factors"] = {{"price_per_available_ppu_hour", finite(price_ratio)},
                  {"peak_per_ppu_inverse", finite(1.0 / peak_ratio)},
                  {"delivered_utilization_inverse", finite(1.0 / util_ratio)}};
  // The main cause: the factor furthest from 1 on a log scale.
  std::string cause = "none";
  double strongest = 0;
  for (const auto& [name, value] : d["factors"].items()) {
    if (!value.is_number()) continue;
    const double strength = std::abs(std::log(value.get<double>()));
    if (strength > strongest + 1e-12) {
      strongest = strength;
      cause = name;
    }
  }
  d["main_cause"] = cause;
  json items = json::object();
  for (const auto& [item, value] : other["breakdown_usd"].items()) {
    items[item] = value.get<double>() - base["breakdown_usd"].value(item, 0.0);
  }
  d["breakdown_change_usd"] = items;
  return d;
}

std::string cell(const json& value, const char* format) {
  if (!value.is_number()) return "n/a";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, value.get<double>());
  return buffer;
}

std::string percent(const json& value) {
  return value.is_number() ? cell(json(100.0 * value.get<double>()), "%.1f %%") : "n/a";
}

}  // namespace

json compare_reports(const std::vector<ComparedScenario>& scenarios) {
  json comparison;
  comparison["schema_version"] = 1;
  comparison["scenarios"] = json::array();
  for (const ComparedScenario& scenario : scenarios) comparison["scenarios"].push_back(figures_of(scenario));
  comparison["differences"] = json::array();
  for (std::size_t i = 1; i < scenarios.size(); ++i) {
    comparison["differences"].push_back(difference(comparison["scenarios"][0], comparison["scenarios"][i]));
  }
  return comparison;
}

std::string format_comparison_table(const json& comparison) {
  const json& all = comparison["scenarios"];
  std::ostringstream out;
  auto row = [&](const std::string& label, auto value_of) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%-34s", label.c_str());
    out << buffer;
    for (const json& s : all) {
      std::snprintf(buffer, sizeof buffer, " %20s", value_of(s).c_str());
      out << buffer;
    }
    out << "\n";
  };
  row("", [](const json& s) { return s["name"].get<std::string>(); });
  row("cost model", [](const json& s) { return s["cost_model"].get<std::string>(); });
  row("queueing p50 / p90 (min)", [](const json& s) {
    return cell(json(number_or_nan(s["queueing_p50_s"]) / 60), "%.1f") + " / " +
           cell(json(number_or_nan(s["queueing_p90_s"]) / 60), "%.1f");
  });
  row("setup p50 / p90 (min)", [](const json& s) {
    return cell(json(number_or_nan(s["setup_p50_s"]) / 60), "%.1f") + " / " +
           cell(json(number_or_nan(s["setup_p90_s"]) / 60), "%.1f");
  });
  row("utilization allocated", [](const json& s) { return percent(s["utilization_allocated"]); });
  row("utilization busy", [](const json& s) { return percent(s["utilization_busy"]); });
  row("utilization delivered FLOPs", [](const json& s) { return percent(s["utilization_delivered_flops"]); });
  // Busy over allocated PPU-time; "effective training time" names the per-job ratio of `run`.
  row("busy share of allocated time",
      [](const json& s) { return percent(s["effective_training_time_ratio"]); });
  row("ETTR with failures", [](const json& s) { return percent(s["ettr_with_failures"]); });
  row("interruptions / lost PPU-hours (k)", [](const json& s) {
    return std::to_string(s["interruptions"].get<long long>()) + " / " +
           cell(json(s["lost_ppu_hours"].get<double>() / 1000), "%.1f");
  });
  row("$ per PPU-hour (cost / all PPU-h)",
      [](const json& s) { return cell(s["usd_per_available_ppu_hour"], "%.3f"); });
  row("$ per delivered PF-day", [](const json& s) { return cell(s["usd_per_delivered_pflop_day"], "%.2f"); });
  for (const char* item : {"capex_compute", "capex_network", "energy", "colocation", "staff", "cloud_bill"}) {
    row(std::string("  ") + item + " ($k)",
        [item](const json& s) { return cell(json(s["breakdown_usd"].value(item, 0.0) / 1000), "%.1f"); });
  }
  const std::pair<const char*, const char*> spent[] = {{"computing", "computing"},
                                                       {"setup", "setup"},
                                                       {"allocated_not_computing", "held, not computing"},
                                                       {"idle", "idle"},
                                                       {"lost_work", "work lost to failures"},
                                                       {"restarts", "restarts after failures"}};
  for (const auto& [item, label] : spent) {
    row(std::string("  spent: ") + label + " ($k)", [item = item](const json& s) {
      return cell(json(s["spent_on_usd"].value(item, 0.0) / 1000), "%.1f");
    });
  }
  for (const json& d : comparison["differences"]) {
    out << d["name"].get<std::string>() << " vs " << d["versus"].get<std::string>() << ": cost per PF-day x"
        << cell(d["cost_per_pflop_day_ratio"], "%.2f") << " = price of capacity x"
        << cell(d["factors"]["price_per_available_ppu_hour"], "%.2f") << " / peak x"
        << cell(json(1.0 / number_or_nan(d["factors"]["peak_per_ppu_inverse"])), "%.2f")
        << " / delivered utilization x"
        << cell(json(1.0 / number_or_nan(d["factors"]["delivered_utilization_inverse"])), "%.2f")
        << "; main cause: " << factor_label(d["main_cause"].get<std::string>()) << "\n";
  }
  return out.str();
}

std::string format_comparison_csv(const json& comparison) {
  static const char* const kColumns[] = {"name",
                                         "cost_model",
                                         "jobs_finished",
                                         "queueing_p50_s",
                                         "queueing_p90_s",
                                         "setup_p50_s",
                                         "setup_p90_s",
                                         "utilization_allocated",
                                         "utilization_busy",
                                         "utilization_delivered_flops",
                                         "effective_training_time_ratio",
                                         "total_usd",
                                         "usd_per_available_ppu_hour",
                                         "usd_per_delivered_pflop_day"};
  std::string csv;
  for (std::size_t i = 0; i < std::size(kColumns); ++i) csv += std::string(i ? "," : "") + kColumns[i];
  csv += "\n";
  for (const json& s : comparison["scenarios"]) {
    for (std::size_t i = 0; i < std::size(kColumns); ++i) {
      const json& value = s[kColumns[i]];
      csv += (i ? "," : "") + (value.is_null()     ? std::string()
                               : value.is_string() ? value.get<std::string>()
                                                   : value.dump());
    }
    csv += "\n";
  }
  return csv;
}

}  // namespace ppusim
