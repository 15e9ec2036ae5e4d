#include "sim/compare/comparison_text.hpp"

#include <cmath>
#include <cstdio>
#include <functional>
#include <sstream>

#include "sim/core/escaping.hpp"
#include "sim/core/json_number.hpp"
#include "sim/report/number_format.hpp"

namespace ppusim {

namespace {

double or_nan(const std::optional<double>& x) { return x.value_or(std::nan("")); }

}  // namespace

std::string format_comparison_table(const Comparison& comparison) {
  const std::vector<ScenarioFigures>& all = comparison.scenarios;
  std::ostringstream out;
  auto row = [&](const std::string& label, auto text_of) {
    char buffer[128];
    std::snprintf(buffer, sizeof buffer, "%-36s", label.c_str());
    out << buffer;
    for (const ScenarioFigures& s : all) {
      std::snprintf(buffer, sizeof buffer, " %20s", std::string(text_of(s)).c_str());
      out << buffer;
    }
    out << "\n";
  };
  // A pair of durations per scenario, every cell of the row in one unit, named in the label.
  auto duration_row = [&](const std::string& label, auto distribution_of) {
    const DurationRow durations = p50_p90_row(comparison, distribution_of);
    std::size_t next = 0;
    row(label + " (" + durations.unit + ")",
        [&](const ScenarioFigures&) { return durations.cells.at(next++); });
  };
  auto percent_row = [&](const std::string& label, auto fraction_of) {
    row(label, [&](const ScenarioFigures& s) { return format_percent(fraction_of(s)); });
  };
  row("", [](const ScenarioFigures& s) { return s.report.scenario.name; });
  row("cost model", [](const ScenarioFigures& s) { return s.report.cost.model; });
  duration_row("queueing p50 / p90", [](const ScenarioFigures& s) { return s.report.setup.queueing_s; });
  duration_row("setup p50 / p90", [](const ScenarioFigures& s) { return s.report.setup.total_s; });
  percent_row("utilization allocated",
              [](const ScenarioFigures& s) { return s.report.utilization.allocated; });
  percent_row("utilization busy", [](const ScenarioFigures& s) { return s.report.utilization.busy; });
  percent_row("utilization delivered FLOPs",
              [](const ScenarioFigures& s) { return s.report.utilization.delivered_flops; });
  percent_row("busy share of allocated PPU-time",
              [](const ScenarioFigures& s) { return or_nan(s.busy_share_of_allocated); });
  percent_row("effective training time ratio",
              [](const ScenarioFigures& s) { return s.report.failures.effective_training_time_ratio; });
  row("interruptions",
      [](const ScenarioFigures& s) { return format_count(s.report.failures.interruptions); });
  row("PPU-hours lost to interruptions",
      [](const ScenarioFigures& s) { return format_significant(s.report.failures.lost_ppu_hours.total, 3); });
  row("PPU-hours waiting on input", [](const ScenarioFigures& s) {
    return s.report.storage ? format_significant(s.report.storage->input_wait_ppu_hours, 3)
                            : std::string("-");
  });
  row("$ per PPU-hour (cost / all PPU-h)",
      [](const ScenarioFigures& s) { return format_usd(s.report.cost.usd_per_available_ppu_hour); });
  row("$ per delivered PF-day",
      [](const ScenarioFigures& s) { return format_usd(s.report.cost.usd_per_delivered_pflop_day); });
  for (const char* item : cost_items_listed(comparison, cost_breakdown_items)) {
    row("  " + cost_item_label(item), [item](const ScenarioFigures& s) {
      return format_usd_short(cost_item_usd(s.report.cost, cost_breakdown_items, item));
    });
  }
  for (const char* item : cost_items_listed(comparison, cost_spent_on_items)) {
    row("  spent: " + cost_item_label(item), [item](const ScenarioFigures& s) {
      return format_usd_short(cost_item_usd(s.report.cost, cost_spent_on_items, item));
    });
  }
  auto times = [](const std::optional<double>& ratio) { return "x" + format_fixed(or_nan(ratio), 2); };
  auto inverse = [](const std::optional<double>& ratio) {
    return ratio ? std::optional<double>(1.0 / *ratio) : std::nullopt;
  };
  for (const ScenarioDifference& d : comparison.differences) {
    out << d.name << " vs " << d.versus << ": cost per PF-day " << times(d.cost_per_pflop_day_ratio)
        << " = price of capacity " << times(d.factors.price_per_available_ppu_hour) << " / peak "
        << times(inverse(d.factors.peak_per_ppu_inverse)) << " / delivered utilization "
        << times(inverse(d.factors.delivered_utilization_inverse))
        << "; main cause: " << cost_factor_label(d.main_cause) << "\n";
  }
  return out.str();
}

DurationRow p50_p90_row(const Comparison& comparison,
                        const std::function<Distribution(const ScenarioFigures&)>& distribution_of) {
  std::vector<double> everything;
  for (const ScenarioFigures& s : comparison.scenarios) {
    everything.push_back(distribution_of(s).p50);
    everything.push_back(distribution_of(s).p90);
  }
  const DurationScale scale = duration_scale_for(everything);
  DurationRow row{scale.unit.name, {}};
  for (const ScenarioFigures& s : comparison.scenarios) {
    row.cells.push_back(format_in_scale({distribution_of(s).p50, distribution_of(s).p90}, scale));
  }
  return row;
}

std::string format_comparison_csv(const Comparison& comparison) {
  // A cell: text as a CSV field, a number as compare.json writes it, none as an empty cell.
  using Cell = std::function<void(std::string&, const ScenarioFigures&)>;
  auto text = [](auto text_of) -> Cell {
    return [text_of](std::string& csv, const ScenarioFigures& s) { append_csv_field(csv, text_of(s)); };
  };
  auto number = [](auto number_of) -> Cell {
    return [number_of](std::string& csv, const ScenarioFigures& s) {
      const auto value = number_of(s);
      if constexpr (std::is_same_v<decltype(value), const std::optional<double>>) {
        if (value) append_json_number(csv, *value);
      } else {
        append_json_number(csv, value);
      }
    };
  };
  const std::pair<const char*, Cell> columns[] = {
      {"name", text([](const ScenarioFigures& s) { return s.report.scenario.name; })},
      {"cost_model", text([](const ScenarioFigures& s) { return s.report.cost.model; })},
      {"jobs_finished", number([](const ScenarioFigures& s) { return s.report.jobs.finished; })},
      {"queueing_p50_s", number([](const ScenarioFigures& s) { return s.report.setup.queueing_s.p50; })},
      {"queueing_p90_s", number([](const ScenarioFigures& s) { return s.report.setup.queueing_s.p90; })},
      {"setup_p50_s", number([](const ScenarioFigures& s) { return s.report.setup.total_s.p50; })},
      {"setup_p90_s", number([](const ScenarioFigures& s) { return s.report.setup.total_s.p90; })},
      {"utilization_allocated",
       number([](const ScenarioFigures& s) { return s.report.utilization.allocated; })},
      {"utilization_busy", number([](const ScenarioFigures& s) { return s.report.utilization.busy; })},
      {"utilization_delivered_flops",
       number([](const ScenarioFigures& s) { return s.report.utilization.delivered_flops; })},
      {"busy_share_of_allocated", number([](const ScenarioFigures& s) { return s.busy_share_of_allocated; })},
      {"effective_training_time_ratio",
       number([](const ScenarioFigures& s) { return s.report.failures.effective_training_time_ratio; })},
      {"total_usd", number([](const ScenarioFigures& s) { return s.report.cost.total_usd; })},
      {"usd_per_available_ppu_hour",
       number([](const ScenarioFigures& s) { return s.report.cost.usd_per_available_ppu_hour; })},
      {"usd_per_delivered_pflop_day",
       number([](const ScenarioFigures& s) { return s.report.cost.usd_per_delivered_pflop_day; })}};
  std::string csv;
  for (std::size_t i = 0; i < std::size(columns); ++i) csv += std::string(i ? "," : "") + columns[i].first;
  csv += "\n";
  for (const ScenarioFigures& s : comparison.scenarios) {
    for (std::size_t i = 0; i < std::size(columns); ++i) {
      if (i) csv += ',';
      columns[i].second(csv, s);
    }
    csv += "\n";
  }
  return csv;
}

}  // namespace ppusim
