#include "sim/sweep/sweep_table.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "sim/core/escaping.hpp"
#include "sim/core/input_error.hpp"
#include "sim/report/number_format.hpp"
#include "sim/report/report_json.hpp"
#include "sim/sweep/text_columns.hpp"

namespace ppusim {

using json = nlohmann::json;

namespace {

std::string format(double value, const char* pattern) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, pattern, value);
  return buffer;
}

/// The metrics to summarise: the spec's, or the defaults present in every report.
std::vector<std::string> chosen_metrics(const SweepSpec& spec, const std::vector<json>& reports) {
  if (!spec.metrics.empty()) return spec.metrics;
  std::vector<std::string> chosen;
  for (const std::string& pointer : default_sweep_metrics()) {
    const json::json_pointer parsed(pointer);
    const bool everywhere = std::all_of(reports.begin(), reports.end(),
                                        [&parsed](const json& report) { return report.contains(parsed); });
    if (everywhere) chosen.push_back(pointer);
  }
  return chosen;
}

std::optional<double> metric_value(const json& report, const std::string& pointer,
                                   const std::string& run_name) {
  const json::json_pointer parsed(pointer);
  if (!report.contains(parsed)) {
    throw InputError(run_name + "/report.json: " + pointer +
                     ": missing, expected a number (a metrics pointer must name a number in report.json, "
                     "docs/report.md)");
  }
  const json& value = report.at(parsed);
  if (value.is_null()) return std::nullopt;
  if (!value.is_number()) {
    throw InputError(run_name + "/report.json: " + pointer + ": found " + value.dump().substr(0, 60) +
                     ", expected a number");
  }
  return value.get<double>();
}

/// A swept value as a cell: strings bare, anything else as JSON.
std::string setting_text(const json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

std::string summary_text(const MetricCell& cell) {
  if (!cell.summary) return "-";
  // Significant digits without exponents (number_format.hpp): "0.00000475", not "4.75e-06".
  std::string text = format_significant(cell.summary->mean, 4);
  if (cell.summary->half_width) text += " ± " + format_significant(*cell.summary->half_width, 2);
  return text;
}

}  // namespace

SweepTable build_sweep_table(const SweepSpec& spec, const std::vector<SweepPoint>& points,
                             const std::vector<SweepRun>& runs,
                             const std::function<Report(const SweepRun&)>& report_of) {
  // Metrics are named by their JSON pointers in report.json (docs/report.md), so each typed
  // report is looked up as report.json writes it.
  std::vector<json> reports;
  reports.reserve(runs.size());
  for (const SweepRun& run : runs) reports.push_back(report_to_json(report_of(run)));

  SweepTable table;
  for (const SweepDimension& dimension : spec.dimensions) {
    table.parameters.insert(table.parameters.end(), dimension.pointers.begin(), dimension.pointers.end());
  }
  table.metrics = chosen_metrics(spec, reports);
  table.seeds = spec.seeds;
  table.points = points;
  table.cells.assign(points.size(), std::vector<MetricCell>(table.metrics.size()));
  for (std::size_t r = 0; r < runs.size(); ++r) {
    for (std::size_t m = 0; m < table.metrics.size(); ++m) {
      table.cells[runs[r].point][m].per_seed.push_back(
          metric_value(reports[r], table.metrics[m], runs[r].folder(points)));
    }
  }
  for (auto& row : table.cells) {
    for (MetricCell& cell : row) {
      std::vector<double> values;
      for (const auto& value : cell.per_seed) {
        if (value) values.push_back(*value);
      }
      if (!values.empty()) cell.summary = mean_with_95_interval(values);
    }
  }
  return table;
}

std::string format_sweep_csv(const SweepTable& table) {
  std::ostringstream out;
  out << "point";
  for (const std::string& parameter : table.parameters) out << ',' << csv_field(parameter);
  for (const std::string& metric : table.metrics) {
    out << ',' << csv_field(metric + " n") << ',' << csv_field(metric + " mean") << ','
        << csv_field(metric + " ci95_low") << ',' << csv_field(metric + " ci95_high");
  }
  out << '\n';
  for (std::size_t p = 0; p < table.points.size(); ++p) {
    out << table.points[p].id;
    for (const auto& setting : table.points[p].settings)
      out << ',' << csv_field(setting_text(setting.second));
    for (const MetricCell& cell : table.cells[p]) {
      const auto& s = cell.summary;
      out << ',' << (s ? s->samples : 0) << ',' << (s ? format(s->mean, "%.17g") : "") << ','
          << (s && s->half_width ? format(s->lower(), "%.17g") : "") << ','
          << (s && s->half_width ? format(s->upper(), "%.17g") : "");
    }
    out << '\n';
  }
  return out.str();
}

json sweep_table_json(const SweepTable& table) {
  json points = json::array();
  for (std::size_t p = 0; p < table.points.size(); ++p) {
    json settings = json::object();
    for (const auto& [pointer, value] : table.points[p].settings) settings[pointer] = value;
    json metrics = json::object();
    for (std::size_t m = 0; m < table.metrics.size(); ++m) {
      const MetricCell& cell = table.cells[p][m];
      json per_seed = json::array();
      for (const auto& value : cell.per_seed) per_seed.push_back(value ? json(*value) : json(nullptr));
      json entry = {
          {"per_seed", per_seed}, {"n", 0}, {"mean", nullptr}, {"ci95_low", nullptr}, {"ci95_high", nullptr}};
      if (cell.summary) {
        entry["n"] = cell.summary->samples;
        entry["mean"] = cell.summary->mean;
        if (cell.summary->half_width) {
          entry["ci95_low"] = cell.summary->lower();
          entry["ci95_high"] = cell.summary->upper();
        }
      }
      metrics[table.metrics[m]] = entry;
    }
    points.push_back({{"id", table.points[p].id}, {"settings", settings}, {"metrics", metrics}});
  }
  return {{"parameters", table.parameters},
          {"metrics", table.metrics},
          {"seeds", table.seeds},
          {"points", points}};
}

std::string format_sweep_text(const SweepTable& table) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header{"point"};
  header.insert(header.end(), table.parameters.begin(), table.parameters.end());
  header.insert(header.end(), table.metrics.begin(), table.metrics.end());
  rows.push_back(header);
  for (std::size_t p = 0; p < table.points.size(); ++p) {
    std::vector<std::string> row{table.points[p].id};
    for (const auto& setting : table.points[p].settings) row.push_back(setting_text(setting.second));
    for (const MetricCell& cell : table.cells[p]) row.push_back(summary_text(cell));
    rows.push_back(row);
  }
  std::ostringstream out;
  out << align_columns(rows);
  // One seed has no interval (summary_text prints none): do not promise a "±" (issue #16).
  if (table.seeds.size() == 1) {
    out << "one seed: each value is that seed's, with no confidence interval (give \"seeds\" 2 or more)\n";
  } else {
    out << "mean ± half-width of the 95% confidence interval (Student t) across " << table.seeds.size()
        << " seeds\n";
  }
  return out.str();
}

}  // namespace ppusim
