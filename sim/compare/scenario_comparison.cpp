#include "sim/compare/scenario_comparison.hpp"

#include <cmath>
#include <cstdio>
#include <numeric>
#include <sstream>

#include "sim/report/factor_label.hpp"
#include "sim/report/html_figures.hpp"
#include "sim/report/number_format.hpp"
#include "sim/report/report_json.hpp"

namespace ppusim {

using nlohmann::json;

namespace {

json optional_number(const std::optional<double>& value) { return value ? json(*value) : json(nullptr); }

/// The figures of one scenario that the comparison shows, from its report.
json figures_of(const ComparedScenario& scenario) {
  const Report& r = scenario.report;
  const ReportUtilization& util = r.utilization;
  const ReportCost& cost = r.cost;
  const double ppus = static_cast<double>(r.scenario.ppus);
  const double window_h = r.window_s / 3600.0;
  json f;
  f["name"] = r.scenario.name;
  f["path"] = scenario.path;
  f["cost_model"] = cost.model;
  f["jobs_finished"] = r.jobs.finished;
  f["queueing_p50_s"] = r.setup.queueing_s.p50;
  f["queueing_p90_s"] = r.setup.queueing_s.p90;
  f["setup_p50_s"] = r.setup.total_s.p50;
  f["setup_p90_s"] = r.setup.total_s.p90;
  f["utilization_allocated"] = util.allocated;
  f["utilization_busy"] = util.busy;
  f["utilization_delivered_flops"] = util.delivered_flops;
  // Computing PPU-time over allocated PPU-time. Not the effective training time ratio: that is
  // run's per-job productive over wall time, below (one name per definition, issue #16).
  f["busy_share_of_allocated"] = util.allocated > 0 ? json(util.busy / util.allocated) : json(nullptr);
  f["total_usd"] = cost.total_usd;
  f["usd_per_delivered_pflop_day"] = optional_number(cost.usd_per_delivered_pflop_day);
  f["usd_per_available_ppu_hour"] = optional_number(cost.usd_per_available_ppu_hour);
  // The report's own objects, so that compare.json names the items as report.json does.
  f["breakdown_usd"] = cost_breakdown_to_json(cost);
  f["spent_on_usd"] = cost_spent_on_to_json(cost);
  // Failures (docs/failures.md): productive training time over each job's wall time from its
  // first start (report.json's failures.effective_training_time_ratio), and the PPU-hours
  // interruptions cost.
  const ReportFailures& failures = r.failures;
  f["failures_enabled"] = failures.enabled;
  f["effective_training_time_ratio"] = failures.effective_training_time_ratio;
  f["interruptions"] = failures.interruptions;
  f["lost_ppu_hours"] = failures.lost_ppu_hours.total;
  // Streaming input (docs/models.md, section c2): allocated PPU-time that waited on storage.
  f["input_wait_ppu_hours"] = r.storage ? json(r.storage->input_wait_ppu_hours) : json(nullptr);
  // Interruptions by the causes of the failures timeline, summed over its bins (docs/report.md).
  auto sum = [](const std::vector<long long>& counts) {
    return std::accumulate(counts.begin(), counts.end(), 0LL);
  };
  f["interruptions_by_cause"] = {{"hardware", sum(r.time_series.interruptions_hardware)},
                                 {"network", sum(r.time_series.interruptions_network)},
                                 {"preemption", sum(r.time_series.interruptions_preemption)}};
  // For the factorisation: peak PF/s per PPU, implied by delivered work and utilization.
  const double delivered_util = util.delivered_flops;
  f["peak_pflops_per_ppu"] =
      delivered_util > 0 && window_h > 0
          ? json(r.work.delivered_pflop_days * 24.0 / (ppus * window_h * delivered_util))
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

/// The cost items of breakdown_usd and spent_on_usd, in words (no raw identifiers, issue #16).
constexpr std::pair<const char*, const char*> kCostItems[] = {{"capex_compute", "capex: compute"},
                                                              {"capex_network", "capex: network"},
                                                              {"energy", "energy"},
                                                              {"colocation", "colocation"},
                                                              {"staff", "staff"},
                                                              {"cloud_bill", "cloud bill"},
                                                              {"storage", "storage"}};
constexpr std::pair<const char*, const char*> kSpentOn[] = {
    {"computing", "computing"},
    {"setup", "setup"},
    {"allocated_not_computing", "held, not computing"},
    {"idle", "idle"},
    {"lost_work", "work lost to failures"},
    {"restarts", "restarts after failures"}};

}  // namespace

json compare_reports(const std::vector<ComparedScenario>& scenarios) {
  json comparison;
  comparison["schema_version"] = kComparisonSchemaVersion;
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
  auto row = [&](const std::string& label, auto text_of) {
    char buffer[128];
    std::snprintf(buffer, sizeof buffer, "%-36s", label.c_str());
    out << buffer;
    for (const json& s : all) {
      std::snprintf(buffer, sizeof buffer, " %20s", text_of(s).c_str());
      out << buffer;
    }
    out << "\n";
  };
  // A pair of durations per scenario, every cell of the row in one unit, named in the label.
  auto duration_row = [&](const std::string& label, const char* first, const char* second) {
    std::vector<double> all_values;
    for (const json& s : all) {
      all_values.push_back(number_or_nan(s[first]));
      all_values.push_back(number_or_nan(s[second]));
    }
    const DurationScale scale = duration_scale_for(all_values);
    row(label + " (" + scale.unit.name + ")", [&](const json& s) {
      return format_in_scale({number_or_nan(s[first]), number_or_nan(s[second])}, scale);
    });
  };
  auto percent_row = [&](const std::string& label, const char* key) {
    row(label, [key](const json& s) { return format_percent(number_or_nan(s[key])); });
  };
  row("", [](const json& s) { return s["name"].get<std::string>(); });
  row("cost model", [](const json& s) { return s["cost_model"].get<std::string>(); });
  duration_row("queueing p50 / p90", "queueing_p50_s", "queueing_p90_s");
  duration_row("setup p50 / p90", "setup_p50_s", "setup_p90_s");
  percent_row("utilization allocated", "utilization_allocated");
  percent_row("utilization busy", "utilization_busy");
  percent_row("utilization delivered FLOPs", "utilization_delivered_flops");
  percent_row("busy share of allocated PPU-time", "busy_share_of_allocated");
  percent_row("effective training time ratio", "effective_training_time_ratio");
  row("interruptions", [](const json& s) { return format_count(s["interruptions"].get<long long>()); });
  row("PPU-hours lost to interruptions",
      [](const json& s) { return format_significant(number_or_nan(s["lost_ppu_hours"]), 3); });
  row("PPU-hours waiting on input", [](const json& s) {
    return s["input_wait_ppu_hours"].is_number()
               ? format_significant(s["input_wait_ppu_hours"].get<double>(), 3)
               : std::string("-");
  });
  row("$ per PPU-hour (cost / all PPU-h)",
      [](const json& s) { return format_usd(number_or_nan(s["usd_per_available_ppu_hour"])); });
  row("$ per delivered PF-day",
      [](const json& s) { return format_usd(number_or_nan(s["usd_per_delivered_pflop_day"])); });
  for (const auto& [item, label] : kCostItems) {
    row(std::string("  ") + label,
        [item = item](const json& s) { return format_usd_short(s["breakdown_usd"].value(item, 0.0)); });
  }
  for (const auto& [item, label] : kSpentOn) {
    row(std::string("  spent: ") + label,
        [item = item](const json& s) { return format_usd_short(s["spent_on_usd"].value(item, 0.0)); });
  }
  auto times = [](double ratio) { return "x" + format_fixed(ratio, 2); };
  for (const json& d : comparison["differences"]) {
    out << d["name"].get<std::string>() << " vs " << d["versus"].get<std::string>() << ": cost per PF-day "
        << times(number_or_nan(d["cost_per_pflop_day_ratio"])) << " = price of capacity "
        << times(number_or_nan(d["factors"]["price_per_available_ppu_hour"])) << " / peak "
        << times(1.0 / number_or_nan(d["factors"]["peak_per_ppu_inverse"])) << " / delivered utilization "
        << times(1.0 / number_or_nan(d["factors"]["delivered_utilization_inverse"]))
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
                                         "busy_share_of_allocated",
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
