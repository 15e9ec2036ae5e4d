#include "sim/sweep/growth_spec.hpp"

#include <cmath>
#include <set>

#include "sim/config/scenario_loader.hpp"
#include "sim/core/input_error.hpp"
#include "sim/core/json_reader.hpp"
#include "sim/hardware/hardware_catalog.hpp"
#include "sim/report/report_skeleton.hpp"
#include "sim/sweep/metric_validation.hpp"
#include "sim/sweep/sweep_spec.hpp"

namespace ppusim {

using json = nlohmann::json;

std::optional<double> civil_day(const std::string& text) {
  // "YYYY-MM-DD", digits only, a real date.
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  const int year = std::stoi(text.substr(0, 4));
  const int month = std::stoi(text.substr(5, 2));
  const int day = std::stoi(text.substr(8, 2));
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int month_days[] = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > month_days[month - 1]) return std::nullopt;
  // Days since 1970-01-01: whole years, then the months of this one.
  long days = 0;
  for (int y = 1970; y < year; ++y) days += ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 366 : 365;
  for (int y = year; y < 1970; ++y) days -= ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 366 : 365;
  for (int m = 1; m < month; ++m) days += month_days[m - 1];
  return static_cast<double>(days + day - 1);
}

namespace {

double read_date(JsonReader& r, std::string_view key, std::string& text) {
  text = r.string(key);
  const std::optional<double> day = civil_day(text);
  if (!day) r.fail_found(key, "a calendar date \"YYYY-MM-DD\"");
  return *day;
}

std::vector<GrowthPeriod> read_periods(JsonReader& reader) {
  const std::string expected = "a non-empty list of periods {\"name\", \"start\", \"end\"}";
  if (!reader.has("periods") || !reader.value()["periods"].is_array() || reader.value()["periods"].empty())
    reader.fail_found("periods", expected);
  const json& list = reader.value()["periods"];
  std::vector<GrowthPeriod> periods;
  std::set<std::string> names;
  for (std::size_t i = 0; i < list.size(); ++i) {
    JsonReader r(list[i], reader.source(), reader.path_of("periods") + "/" + std::to_string(i));
    r.require_object();
    r.allow_only({"name", "start", "end"});
    GrowthPeriod period;
    period.name = r.string("name");
    if (!names.insert(period.name).second)
      r.fail_at("name", "\"" + period.name + "\" is used twice, expected a name of its own");
    std::string end_text;
    period.start_day = read_date(r, "start", period.start_text);
    period.end_day = read_date(r, "end", end_text);
    if (period.end_day <= period.start_day)
      r.fail_at("end", "found " + end_text + ", expected a date after \"start\" (" + period.start_text + ")");
    // In order and without overlap: a growth plan is read forward in time.
    if (!periods.empty() && period.start_day < periods.back().end_day) {
      r.fail_at("start", "found " + period.start_text + ", before the end of period " +
                             std::to_string(i - 1) + " (\"" + periods.back().name +
                             "\"), expected the periods in order of time, without overlap");
    }
    r.finish();
    periods.push_back(period);
  }
  return periods;
}

std::vector<HardwareGeneration> read_generations(JsonReader& reader, double first_day) {
  const std::string expected = "a non-empty list of hardware generations {\"node\", \"available\", ...}";
  if (!reader.has("generations") || !reader.value()["generations"].is_array() ||
      reader.value()["generations"].empty())
    reader.fail_found("generations", expected);
  const json& list = reader.value()["generations"];
  std::vector<HardwareGeneration> generations;
  for (std::size_t i = 0; i < list.size(); ++i) {
    JsonReader r(list[i], reader.source(), reader.path_of("generations") + "/" + std::to_string(i));
    r.require_object();
    r.allow_only({"node", "available", "capex_per_node_usd", "usd_per_ppu_hour", "note"});
    r.ignore("note");
    HardwareGeneration g;
    g.node = r.string("node");
    const CatalogServer* server = hardware_catalog().find_server(g.node);
    if (server == nullptr) {
      std::vector<std::pair<std::string_view, int>> names;
      const std::vector<std::string> known = hardware_catalog().server_names();
      for (const std::string& name : known) names.emplace_back(name, 0);
      r.choice<int>("node",
                    std::span<const std::pair<std::string_view, int>>(names));  // throws, with "did you mean"
    }
    const CatalogChip* chip = hardware_catalog().find_chip(server->chip);
    g.chip = server->chip;
    g.ppus_per_node = static_cast<int>(server->figure("ppus_per_node"));
    g.peak_flops_per_s = chip->figure("peak_bf16_flops_per_s");
    g.available_day = read_date(r, "available", g.available_text);
    g.capex_per_node_usd = r.number("capex_per_node_usd", NumberRange::positive().at_most(1e8));
    JsonReader prices = r.object("usd_per_ppu_hour");
    prices.allow_only({"reserved", "on_demand", "spot"});
    const NumberRange price = NumberRange::positive().at_most(1e4);
    g.usd_per_ppu_hour_reserved = prices.number("reserved", price);
    g.usd_per_ppu_hour_on_demand = prices.number("on_demand", price);
    g.usd_per_ppu_hour_spot = prices.number("spot", price);
    prices.finish();
    if (!generations.empty() && g.available_day < generations.back().available_day) {
      r.fail_at("available", "found " + g.available_text + ", before generation " + std::to_string(i - 1) +
                                 "'s, expected the generations in order of availability");
    }
    r.finish();
    generations.push_back(g);
  }
  if (generations.front().available_day > first_day) {
    throw InputError(reader.source() + ": " + reader.path_of("generations") + "/0/available: found " +
                     generations.front().available_text +
                     ", after the first period starts, expected a generation available from the start");
  }
  return generations;
}

std::vector<GrowthStrategy> read_strategies(JsonReader& reader) {
  const std::string expected = "a non-empty list of strategies {\"name\", \"kind\"}";
  if (!reader.has("strategies") || !reader.value()["strategies"].is_array() ||
      reader.value()["strategies"].empty())
    reader.fail_found("strategies", expected);
  const json& list = reader.value()["strategies"];
  std::vector<GrowthStrategy> strategies;
  std::set<std::string> names;
  for (std::size_t i = 0; i < list.size(); ++i) {
    JsonReader r(list[i], reader.source(), reader.path_of("strategies") + "/" + std::to_string(i));
    r.require_object();
    r.allow_only({"name", "kind", "owned_share"});
    GrowthStrategy s;
    s.name = r.string("name");
    if (!names.insert(s.name).second)
      r.fail_at("name", "\"" + s.name + "\" is used twice, expected a name of its own");
    s.kind = r.choice<GrowthStrategyKind>("kind", {{"buy", GrowthStrategyKind::Buy},
                                                   {"rent-reserved", GrowthStrategyKind::RentReserved},
                                                   {"rent-on-demand", GrowthStrategyKind::RentOnDemand},
                                                   {"rent-spot", GrowthStrategyKind::RentSpot},
                                                   {"hybrid", GrowthStrategyKind::Hybrid}});
    if (s.kind == GrowthStrategyKind::Hybrid) {
      s.owned_share = r.number("owned_share", NumberRange::positive().below(1));
    } else if (r.has("owned_share")) {
      r.fail_at("owned_share", "found with kind other than \"hybrid\", expected it only with \"hybrid\"");
    }
    r.finish();
    strategies.push_back(s);
  }
  return strategies;
}

/// The base scenario's demand-driven classes, each with the spec's growth rate.
std::vector<GrowthClass> read_growth(JsonReader& reader, const Scenario& base, const std::string& base_path) {
  const GeneratorSpec* generator = base.workload.generator ? &*base.workload.generator : nullptr;
  if (generator == nullptr || generator->classes.empty() ||
      !generator->classes.front().demand_eflop_days_per_year) {
    throw InputError(reader.source() + ": /base: " + base_path +
                     " has no demand-driven job classes, expected a generator whose classes give "
                     "demand_eflop_days_per_year (docs/workloads.md, \"Demand-driven classes\")");
  }
  JsonReader rates = reader.object("growth_per_year");
  std::vector<GrowthClass> classes;
  std::vector<std::string_view> names;
  for (const JobClassSpec& job_class : generator->classes) names.push_back(job_class.name);
  for (const auto& [key, value] : rates.value().items()) {
    if (std::find(names.begin(), names.end(), key) == names.end()) {
      std::string list;
      for (std::string_view name : names) list += (list.empty() ? "" : ", ") + std::string(name);
      rates.fail_at(key, "found a class the base scenario does not have, expected one of " + list);
    }
  }
  for (const JobClassSpec& job_class : generator->classes) {
    // Below −100 % a year the demand would turn negative.
    const double rate = rates.number(job_class.name, NumberRange::at_least(-1).at_most(100));
    classes.push_back({job_class.name, *job_class.demand_eflop_days_per_year, rate});
  }
  return classes;
}

}  // namespace

GrowthSpec load_growth_spec(const std::string& path) {
  SweepSpec runs;
  runs.source = path;
  const json document = parse_json_text(read_text_file(path), path);
  JsonReader reader(document, path);
  reader.require_object();
  reader.allow_only({"base", "periods", "growth_per_year", "generations", "strategies", "targets",
                     "window_days", "target_utilization", "resize_factor", "max_resizes", "spot",
                     "description"});
  reader.ignore("description");
  read_sweep_base(reader, runs);
  GrowthSpec spec;
  spec.source = path;
  spec.base_path = runs.base_path;
  spec.base = runs.base;
  const Scenario base = parse_scenario(spec.base, spec.base_path);
  spec.periods = read_periods(reader);
  spec.classes = read_growth(reader, base, spec.base_path);
  spec.generations = read_generations(reader, spec.periods.front().start_day);
  spec.strategies = read_strategies(reader);
  std::vector<std::string> target_paths;
  spec.targets = read_plan_targets(reader, target_paths);
  spec.window_days = reader.number_or("window_days", spec.window_days, NumberRange::positive().at_most(366));
  spec.target_utilization =
      reader.number_or("target_utilization", spec.target_utilization, NumberRange::positive().at_most(1));
  spec.resize_factor =
      reader.number_or("resize_factor", spec.resize_factor, NumberRange::above(1).at_most(10));
  spec.max_resizes =
      static_cast<int>(reader.integer_or("max_resizes", spec.max_resizes, IntegerRange::between(0, 10)));
  if (auto spot = reader.optional_object("spot")) {
    spot->allow_only({"preemptions_per_node_hour"});
    spec.spot_preemptions_per_node_hour =
        spot->number("preemptions_per_node_hour", NumberRange::positive().at_most(3600));
    spot->finish();
  }
  reader.finish();

  spec.model_flops_utilization = base.workload.model_flops_utilization;
  spec.network_capex_fraction =
      base.economics.model == CostModel::Owned ? base.economics.network_capex_fraction : 0;
  spec.amortization_years = base.economics.amortization_years;
  spec.seed = base.simulation.seed;
  spec.base_jobs_cap = base.workload.generator->jobs;
  spec.base_ppus = base.total_ppus();
  spec.base_peak_flops_per_s = base.ppu.peak_bf16_flops_per_s;
  spec.staff_usd_per_job = base.economics.staff_usd_per_job;
  for (const DatasetSpec& dataset : base.storage.datasets) {
    GrowthDataset grown{dataset.name, dataset.bytes, {}};
    const std::vector<JobClassSpec>& classes = base.workload.generator->classes;
    for (std::size_t c = 0; c < classes.size(); ++c)
      if (classes[c].dataset == dataset.name) grown.readers.push_back(c);
    spec.datasets.push_back(std::move(grown));
  }
  if (base.economics.model != CostModel::Owned) {
    throw InputError(path + ": /base: " + spec.base_path +
                     " prices rented PPUs, expected owned economics (the plan prices each strategy from the "
                     "base's energy, colocation and staff figures and the generations' prices)");
  }
  // Every target names a number of the report the base would write.
  const json skeleton = report_skeleton(base);
  for (std::size_t t = 0; t < spec.targets.size(); ++t)
    require_report_metric(skeleton, spec.targets[t].pointer, target_paths[t]);
  return spec;
}

}  // namespace ppusim
