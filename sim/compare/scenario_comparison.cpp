#include "sim/compare/scenario_comparison.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>

namespace ppusim {

namespace {

std::optional<double> finite(double x) { return std::isfinite(x) ? std::optional<double>(x) : std::nullopt; }

/// NaN for none, so that a ratio with an unknown side is not finite.
double or_nan(const std::optional<double>& x) { return x.value_or(std::nan("")); }

long long sum(const std::vector<long long>& counts) {
  return std::accumulate(counts.begin(), counts.end(), 0LL);
}

ScenarioFigures figures_of(const ComparedScenario& scenario) {
  const Report& r = scenario.report;
  ScenarioFigures f{scenario.path, r, std::nullopt, std::nullopt, {}};
  if (r.utilization.allocated > 0) f.busy_share_of_allocated = r.utilization.busy / r.utilization.allocated;
  const double ppus = static_cast<double>(r.scenario.ppus);
  const double window_h = r.window_s / 3600.0;
  const double delivered = r.utilization.delivered_flops;
  if (delivered > 0 && window_h > 0) {
    f.peak_pflops_per_ppu = r.work.delivered_pflop_days * 24.0 / (ppus * window_h * delivered);
  }
  f.interruptions_by_cause = {sum(r.time_series.interruptions_hardware),
                              sum(r.time_series.interruptions_network),
                              sum(r.time_series.interruptions_preemption)};
  return f;
}

ScenarioDifference difference(const ScenarioFigures& base, const ScenarioFigures& other) {
  ScenarioDifference d;
  d.name = other.report.scenario.name;
  d.versus = base.report.scenario.name;
  const ReportCost& base_cost = base.report.cost;
  const ReportCost& other_cost = other.report.cost;
  d.cost_per_pflop_day_ratio =
      finite(or_nan(other_cost.usd_per_delivered_pflop_day) / or_nan(base_cost.usd_per_delivered_pflop_day));
  d.factors.price_per_available_ppu_hour =
      finite(or_nan(other_cost.usd_per_available_ppu_hour) / or_nan(base_cost.usd_per_available_ppu_hour));
  // 1 / (other / base), not base / other: the same last bit as compare.json has always had.
  const double peak_ratio = or_nan(other.peak_pflops_per_ppu) / or_nan(base.peak_pflops_per_ppu);
  const double utilization_ratio =
      other.report.utilization.delivered_flops / base.report.utilization.delivered_flops;
  d.factors.peak_per_ppu_inverse = finite(1.0 / peak_ratio);
  d.factors.delivered_utilization_inverse = finite(1.0 / utilization_ratio);
  // The main cause: the factor furthest from 1 on a log scale.
  double strongest = 0;
  for (CostFactor factor : kCostFactors) {
    const std::optional<double> value = d.factors.of(factor);
    if (!value) continue;
    const double strength = std::abs(std::log(*value));
    if (strength > strongest + 1e-12) {
      strongest = strength;
      d.main_cause = factor;
    }
  }
  for (const CostItem& item : cost_breakdown_items(other_cost)) {
    d.breakdown_change_usd.push_back(
        {item.key, item.usd - cost_item_usd(base_cost, cost_breakdown_items, item.key)});
  }
  return d;
}

}  // namespace

std::optional<double> CostFactors::of(CostFactor factor) const {
  switch (factor) {
    case CostFactor::kPricePerAvailablePpuHour:
      return price_per_available_ppu_hour;
    case CostFactor::kPeakPerPpuInverse:
      return peak_per_ppu_inverse;
    case CostFactor::kDeliveredUtilizationInverse:
      return delivered_utilization_inverse;
  }
  return std::nullopt;
}

Comparison compare_reports(const std::vector<ComparedScenario>& scenarios) {
  Comparison comparison;
  for (const ComparedScenario& scenario : scenarios) comparison.scenarios.push_back(figures_of(scenario));
  for (std::size_t i = 1; i < comparison.scenarios.size(); ++i) {
    comparison.differences.push_back(difference(comparison.scenarios[0], comparison.scenarios[i]));
  }
  return comparison;
}

const char* cost_factor_key(CostFactor factor) {
  switch (factor) {
    case CostFactor::kPricePerAvailablePpuHour:
      return "price_per_available_ppu_hour";
    case CostFactor::kPeakPerPpuInverse:
      return "peak_per_ppu_inverse";
    case CostFactor::kDeliveredUtilizationInverse:
      return "delivered_utilization_inverse";
  }
  return "";
}

std::string cost_factor_label(const std::optional<CostFactor>& factor) {
  if (!factor) return "none";
  switch (*factor) {
    case CostFactor::kPricePerAvailablePpuHour:
      return "price of capacity";
    case CostFactor::kPeakPerPpuInverse:
      return "peak FLOP/s per PPU";
    case CostFactor::kDeliveredUtilizationInverse:
      return "delivered utilization";
  }
  return "none";
}

std::vector<const char*> cost_items_listed(const Comparison& comparison, CostItemsOf items_of) {
  std::vector<const char*> keys;
  for (const ScenarioFigures& s : comparison.scenarios) {
    for (const CostItem& item : items_of(s.report.cost)) {
      const bool listed = std::any_of(keys.begin(), keys.end(),
                                      [&](const char* key) { return std::strcmp(key, item.key) == 0; });
      if (!listed) keys.push_back(item.key);
    }
  }
  return keys;
}

double cost_item_usd(const ReportCost& cost, CostItemsOf items_of, const char* key) {
  for (const CostItem& item : items_of(cost)) {
    if (std::strcmp(item.key, key) == 0) return item.usd;
  }
  return 0;
}

std::string cost_item_label(const char* key) {
  static constexpr std::pair<const char*, const char*> kLabels[] = {
      {"capex_compute", "capex: compute"},    {"capex_network", "capex: network"},
      {"cloud_bill", "cloud bill"},           {"allocated_not_computing", "allocated, not computing"},
      {"lost_work", "work lost to failures"}, {"restarts", "restarts after failures"}};
  for (const auto& [item, label] : kLabels) {
    if (std::strcmp(item, key) == 0) return label;
  }
  return key;  // the items whose name is already a word: energy, colocation, staff, storage, …
}

}  // namespace ppusim
