#include "sim/sweep/growth_plan.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "sim/report/report_json.hpp"
#include "sim/sweep/growth_model.hpp"
#include "sim/sweep/plan_search.hpp"

namespace ppusim {

using json = nlohmann::json;

namespace {

/// A simulated window: which period, how many PPUs of the period's generation, spot or not.
struct WindowKey {
  std::size_t period = 0;
  std::int64_t ppus = 0;
  bool spot = false;
  std::string id() const {
    return "k" + std::to_string(period) + "-p" + std::to_string(ppus) + (spot ? "-spot" : "");
  }
};

double total_demand(const GrowthSpec& spec, std::size_t period) {
  double demand = 0;
  for (const GrowthClass& c : spec.classes)
    demand += grown_demand(c.demand_eflop_days_per_year, c.growth_per_year, years_into_plan(spec, period));
  return demand;
}

/// The base's storage for a window of period k on `ppus` PPUs (growth_infrastructure.hpp): the
/// datasets grown with their readers' demand; the shared store and object store capacities
/// grown in proportion (the cache holds the same share of the data, every dataset fits its
/// home); their bandwidths and the object store's request rate scaled with the cluster's peak
/// (the same bandwidth per PFLOP/s as the base: input is read in proportion to work).
void add_grown_storage(const GrowthSpec& spec, std::size_t period, std::int64_t ppus, double peak_flops_per_s,
                       SweepPoint& point) {
  const double per_ppu = static_cast<double>(ppus) * peak_flops_per_s /
                         (static_cast<double>(spec.base_ppus) * spec.base_peak_flops_per_s);
  const auto scale = [&](const std::string& pointer, double factor) {
    const json::json_pointer at("/storage" + pointer);
    if (spec.base.contains(at))
      point.settings.emplace_back(at.to_string(), spec.base.at(at).get<double>() * factor);
  };
  scale("/aggregate_bandwidth_bytes_per_s", per_ppu);
  scale("/object_store/bandwidth_bytes_per_s", per_ppu);
  scale("/object_store/requests_per_s", per_ppu);
  if (spec.datasets.empty()) return;
  const std::vector<double> grown = grown_dataset_bytes(spec, period);
  double base_total = 0;
  double grown_total = 0;
  for (std::size_t d = 0; d < grown.size(); ++d) {
    base_total += spec.datasets[d].bytes;
    grown_total += grown[d];
    point.settings.emplace_back("/storage/datasets/" + std::to_string(d) + "/bytes", grown[d]);
  }
  scale("/capacity_bytes", grown_total / base_total);
  scale("/object_store/capacity_bytes", grown_total / base_total);
}

/// The base scenario with the window's period, size, generation and pricing set.
SweepPoint window_point(const GrowthSpec& spec, const WindowKey& key) {
  const GrowthPeriod& period = spec.periods[key.period];
  const HardwareGeneration& g = spec.generations[generation_at(spec.generations, period.start_day)];
  const double window_s = spec.window_days * 86400.0;
  SweepPoint point;
  point.id = key.id();
  point.label = "window of period \"" + period.name + "\"";
  json cluster = spec.base.at("cluster");
  cluster.erase("ppus");
  cluster["nodes"] = key.ppus / g.ppus_per_node;
  point.settings.emplace_back("/cluster", cluster);
  point.settings.emplace_back("/node", g.node);
  if (spec.base.contains("ppu")) point.settings.emplace_back("/ppu", g.chip);
  point.settings.emplace_back("/workload/generator/duration_s", window_s);
  point.settings.emplace_back("/simulation/horizon_s", window_s);
  // The jobs cap grows with the fastest-growing class and the window's length.
  double most_growth = 1;
  for (std::size_t c = 0; c < spec.classes.size(); ++c) {
    const GrowthClass& job_class = spec.classes[c];
    const double demand = grown_demand(job_class.demand_eflop_days_per_year, job_class.growth_per_year,
                                       years_into_plan(spec, key.period));
    most_growth = std::max(most_growth, demand / job_class.demand_eflop_days_per_year);
    point.settings.emplace_back(
        "/workload/generator/classes/" + std::to_string(c) + "/demand_eflop_days_per_year", demand);
  }
  const double base_window_s = spec.base.at("workload").at("generator").at("duration_s").get<double>();
  point.settings.emplace_back(
      "/workload/generator/jobs",
      static_cast<std::int64_t>(std::ceil(static_cast<double>(spec.base_jobs_cap) * most_growth *
                                          std::max(1.0, window_s / base_window_s))));
  add_grown_storage(spec, key.period, key.ppus, g.peak_flops_per_s, point);
  if (key.spot) {
    point.settings.emplace_back(
        "/economics", json{{"model", "cloud"},
                           {"usd_per_ppu_hour", g.usd_per_ppu_hour_spot},
                           {"billing", "spot"},
                           {"staff_usd_per_job", spec.staff_usd_per_job},
                           {"spot", {{"preemptions_per_node_hour", spec.spot_preemptions_per_node_hour}}}});
  } else {
    point.settings.emplace_back("/economics/capex_per_node_usd", g.capex_per_node_usd);
  }
  return point;
}

std::int64_t whole_nodes(double ppus, int per_node) {
  return static_cast<std::int64_t>(std::ceil(ppus / per_node - 1e-9)) * per_node;
}

/// One strategy laid out over the periods at the given scales: its windows and its fleet.
struct StrategyLayout {
  std::vector<WindowKey> windows;
  std::vector<std::int64_t> needed;
  std::vector<std::int64_t> bought;
  std::vector<double> owned_equivalent;  // the fleet in PPUs of the period's generation
  OwnedFleet fleet;
};

StrategyLayout lay_out(const GrowthSpec& spec, const GrowthStrategy& strategy,
                       const std::vector<double>& scales) {
  StrategyLayout layout{{}, {}, {}, {}, OwnedFleet(spec.generations)};
  for (std::size_t k = 0; k < spec.periods.size(); ++k) {
    const std::size_t gen = generation_at(spec.generations, spec.periods[k].start_day);
    const HardwareGeneration& g = spec.generations[gen];
    const std::int64_t need =
        ppus_needed(total_demand(spec, k), g.peak_flops_per_s, spec.model_flops_utilization,
                    spec.target_utilization, g.ppus_per_node);
    const std::int64_t sized = whole_nodes(static_cast<double>(need) * scales[k], g.ppus_per_node);
    std::int64_t simulated = sized;
    std::int64_t bought = 0;
    if (strategy.kind == GrowthStrategyKind::Buy) {
      bought = layout.fleet.grow_to(static_cast<double>(sized), gen, k);
      simulated = whole_nodes(layout.fleet.equivalent_ppus(gen), g.ppus_per_node);
    } else if (strategy.kind == GrowthStrategyKind::Hybrid) {
      const double base =
          std::floor(strategy.owned_share * static_cast<double>(sized) / g.ppus_per_node) * g.ppus_per_node;
      bought = layout.fleet.grow_to(base, gen, k);
      simulated = std::max(sized, whole_nodes(layout.fleet.equivalent_ppus(gen), g.ppus_per_node));
    }
    layout.needed.push_back(need);
    layout.bought.push_back(bought);
    layout.owned_equivalent.push_back(layout.fleet.equivalent_ppus(gen));
    layout.windows.push_back({k, simulated, strategy.kind == GrowthStrategyKind::RentSpot});
  }
  return layout;
}

std::optional<double> report_number(const json& report, const std::string& pointer) {
  const json::json_pointer at(pointer);
  if (!report.contains(at) || !report.at(at).is_number()) return std::nullopt;
  return report.at(at).get<double>();
}

/// Prices and judges one strategy's period from its window's report.
GrowthCell evaluate(const GrowthSpec& spec, const GrowthStrategy& strategy, const StrategyLayout& layout,
                    std::size_t k, const json& report, const PeriodNetwork& network) {
  const GrowthPeriod& period = spec.periods[k];
  const WindowKey& key = layout.windows[k];
  const WindowFigures w = window_figures(report_from_json(report, "points/" + key.id() + "/report.json"));
  GrowthCell cell;
  cell.generation = generation_at(spec.generations, period.start_day);
  const HardwareGeneration& g = spec.generations[cell.generation];
  cell.demand_eflop_days_per_year = total_demand(spec, k);
  cell.ppus_needed = layout.needed[k];
  cell.simulated_ppus = key.ppus;
  cell.window_id = key.id();
  cell.queueing_p90_s = w.queueing_p90_s;
  cell.utilization = w.utilization_allocated;
  const double scale = period.days() * 86400.0 / w.window_s;  // σ: the window stands for the period
  cell.delivered_pflop_days = w.delivered_pflop_days * scale;
  cell.cost.staff_per_job_usd = staff_per_job_usd(w, spec.staff_usd_per_job, scale);
  cell.cost.storage_usd = w.storage_usd * scale;
  cell.storage =
      period_storage(grown_dataset_bytes(spec, k), w.input_bytes_read, w.peak_read_bytes_per_s, w.window_s);
  cell.storage.input_wait_ppu_hours = w.input_wait_ppu_hours * scale;
  cell.network = network;
  const double peak_allocated =
      w.allocated_ppus.empty() ? 0.0 : *std::max_element(w.allocated_ppus.begin(), w.allocated_ppus.end());
  std::vector<double> period_starts;
  for (const GrowthPeriod& p : spec.periods) period_starts.push_back(p.start_day);
  const auto owned_capex = [&] {
    return layout.fleet.amortized_capex_usd(period.start_day, period.days(), period_starts,
                                            spec.network_capex_fraction, spec.amortization_years);
  };
  std::int64_t owned_until_now = 0;
  for (const OwnedLot& lot : layout.fleet.lots())
    if (lot.period <= k) owned_until_now += lot.ppus;
  switch (strategy.kind) {
    case GrowthStrategyKind::Buy:
      cell.owned_ppus = owned_until_now;
      cell.bought_ppus = layout.bought[k];
      cell.ppus_to_have = static_cast<double>(owned_until_now);
      cell.cost.capex_usd = owned_capex();
      cell.cost.running_usd = owned_running_usd(w, 1.0, spec.staff_usd_per_job, scale);
      break;
    case GrowthStrategyKind::RentReserved:
      cell.ppus_to_have = static_cast<double>(key.ppus);
      cell.cost.cloud_usd =
          static_cast<double>(key.ppus) * period.days() * 24.0 * g.usd_per_ppu_hour_reserved;
      break;
    case GrowthStrategyKind::RentOnDemand:
      cell.ppus_to_have = std::ceil(peak_allocated);
      cell.cost.cloud_usd = w.allocated_ppu_hours * scale * g.usd_per_ppu_hour_on_demand;
      break;
    case GrowthStrategyKind::RentSpot:
      cell.ppus_to_have = std::ceil(peak_allocated);
      cell.cost.cloud_usd = (w.total_usd - w.jobs_started * spec.staff_usd_per_job - w.storage_usd) * scale;
      break;
    case GrowthStrategyKind::Hybrid: {
      const double base = layout.owned_equivalent[k];
      cell.owned_ppus = owned_until_now;
      cell.bought_ppus = layout.bought[k];
      cell.cost.burst_ppu_hours = burst_ppu_hours(w.allocated_ppus, w.bin_s, base) * scale;
      cell.ppus_to_have =
          static_cast<double>(owned_until_now) + std::ceil(std::max(0.0, peak_allocated - base));
      cell.cost.capex_usd = owned_capex();
      cell.cost.running_usd = owned_running_usd(w, std::min(1.0, base / static_cast<double>(key.ppus)),
                                                spec.staff_usd_per_job, scale);
      cell.cost.cloud_usd = cell.cost.burst_ppu_hours * g.usd_per_ppu_hour_on_demand;
      // The base's utilization: the allocation it serves, min(allocated, base) bin by bin.
      double served = 0;
      for (double allocated : w.allocated_ppus) served += std::min(allocated, base);
      cell.utilization = base > 0 && !w.allocated_ppus.empty()
                             ? served / (base * static_cast<double>(w.allocated_ppus.size()))
                             : 0.0;
      break;
    }
  }
  if (cell.delivered_pflop_days > 0)
    cell.usd_per_delivered_pflop_day = cell.cost.total() / cell.delivered_pflop_days;
  cell.passes = true;
  for (const PlanTarget& target : spec.targets) {
    const std::optional<double> value = report_number(report, target.pointer);
    cell.target_values[target.text] = value ? json(*value) : json(nullptr);
    cell.passes = cell.passes && value && target.met_by(*value);
  }
  return cell;
}

}  // namespace

SweepSpec growth_runs(const GrowthSpec& spec) {
  SweepSpec runs;
  runs.source = spec.source;
  runs.base_path = spec.base_path;
  runs.base = spec.base;
  runs.seeds = {spec.seed};
  return runs;
}

GrowthPlan run_growth_plan(const GrowthSpec& spec, const WindowSimulator& simulate) {
  const std::size_t strategies = spec.strategies.size();
  const std::size_t periods = spec.periods.size();
  std::vector<std::vector<double>> scales(strategies, std::vector<double>(periods, 1.0));
  std::vector<std::vector<int>> resizes(strategies, std::vector<int>(periods, 0));
  std::map<std::string, json> reports;            // by window id: each window runs once
  std::map<std::string, PeriodNetwork> networks;  // by window id
  const SweepSpec runs = growth_runs(spec);
  GrowthPlan plan;
  for (int round = 0;; ++round) {
    std::vector<StrategyLayout> layouts;
    std::vector<SweepPoint> todo;
    for (std::size_t s = 0; s < strategies; ++s) {
      layouts.push_back(lay_out(spec, spec.strategies[s], scales[s]));
      for (const WindowKey& key : layouts.back().windows) {
        if (reports.count(key.id())) continue;
        reports[key.id()] = json();  // claimed: listed once
        todo.push_back(window_point(spec, key));
      }
    }
    if (!todo.empty()) {
      const std::vector<json> done = simulate(todo);
      for (std::size_t i = 0; i < todo.size(); ++i) {
        reports[todo[i].id] = done[i];
        networks[todo[i].id] = period_network(scenario_of(runs, todo[i], spec.seed));
      }
      plan.windows_simulated += todo.size();
    }
    plan.strategies.assign(strategies, {});
    bool all_pass = true;
    for (std::size_t s = 0; s < strategies; ++s) {
      StrategyOutcome& outcome = plan.strategies[s];
      outcome.passes = true;
      for (std::size_t k = 0; k < periods; ++k) {
        const std::string id = layouts[s].windows[k].id();
        GrowthCell cell = evaluate(spec, spec.strategies[s], layouts[s], k, reports.at(id), networks.at(id));
        cell.resizes = resizes[s][k];
        outcome.total_usd += cell.cost.total();
        outcome.delivered_pflop_days += cell.delivered_pflop_days;
        outcome.passes = outcome.passes && cell.passes;
        outcome.periods.push_back(cell);
      }
      all_pass = all_pass && outcome.passes;
    }
    if (all_pass || round == spec.max_resizes) break;
    // Grow the clusters of the periods that missed a target, and try again.
    for (std::size_t s = 0; s < strategies; ++s) {
      for (std::size_t k = 0; k < periods; ++k) {
        if (plan.strategies[s].periods[k].passes) continue;
        scales[s][k] *= spec.resize_factor;
        ++resizes[s][k];
      }
    }
  }
  std::vector<CostedCandidate> costed;
  for (const StrategyOutcome& outcome : plan.strategies)
    costed.push_back({outcome.passes, outcome.total_usd});
  plan.answer = find_cheapest_passing(costed);
  return plan;
}

}  // namespace ppusim
