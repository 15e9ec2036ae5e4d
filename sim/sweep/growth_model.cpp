#include "sim/sweep/growth_model.hpp"

#include <algorithm>
#include <cmath>

#include "sim/config/generator_distributions.hpp"

namespace ppusim {

double grown_demand(double demand_per_year, double growth_per_year, double years) {
  return demand_per_year * std::pow(1.0 + growth_per_year, years);
}

double years_into_plan(const GrowthSpec& spec, std::size_t period) {
  return (spec.periods[period].start_day - spec.periods.front().start_day) / kDaysPerYear;
}

std::size_t generation_at(const std::vector<HardwareGeneration>& generations, double day) {
  std::size_t newest = 0;
  for (std::size_t i = 0; i < generations.size(); ++i)
    if (generations[i].available_day <= day) newest = i;
  return newest;
}

std::int64_t ppus_needed(double eflop_days_per_year, double peak_flops_per_s, double mfu,
                         double target_utilization, int ppus_per_node) {
  const double flops_per_s = eflop_days_per_year * kFlopsPerEflopDay / (kDaysPerYear * 86400.0);
  const double ppus = flops_per_s / (peak_flops_per_s * mfu * target_utilization);
  const auto nodes = static_cast<std::int64_t>(std::ceil(ppus / ppus_per_node));
  return std::max<std::int64_t>(1, nodes) * ppus_per_node;
}

double burst_ppu_hours(const std::vector<double>& allocated_ppus, double bin_s, double base_ppus) {
  double hours = 0;
  for (double allocated : allocated_ppus) hours += std::max(0.0, allocated - base_ppus) * bin_s / 3600.0;
  return hours;
}

double OwnedFleet::equivalent_ppus(std::size_t generation) const {
  const double peak = (*generations_)[generation].peak_flops_per_s;
  double ppus = 0;
  for (const OwnedLot& lot : lots_)
    ppus += static_cast<double>(lot.ppus) * (*generations_)[lot.generation].peak_flops_per_s / peak;
  return ppus;
}

std::int64_t OwnedFleet::grow_to(double ppus, std::size_t generation, std::size_t period) {
  const double missing = ppus - equivalent_ppus(generation);
  if (missing <= 1e-9) return 0;
  const int per_node = (*generations_)[generation].ppus_per_node;
  const auto bought = static_cast<std::int64_t>(std::ceil(missing / per_node - 1e-9)) * per_node;
  lots_.push_back({period, generation, bought});
  return bought;
}

double OwnedFleet::amortized_capex_usd(double start_day, double days,
                                       const std::vector<double>& period_start_days,
                                       double network_capex_fraction, double amortization_years) const {
  double usd = 0;
  for (const OwnedLot& lot : lots_) {
    const HardwareGeneration& g = (*generations_)[lot.generation];
    const double bought_day = period_start_days[lot.period];
    const double paid_until = bought_day + amortization_years * kDaysPerYear;
    const double from = std::max(start_day, bought_day);
    const double to = std::min(start_day + days, paid_until);
    if (to <= from) continue;
    const double lot_usd = static_cast<double>(lot.ppus) / g.ppus_per_node * g.capex_per_node_usd /
                           (1.0 - network_capex_fraction);
    usd += lot_usd * (to - from) / (amortization_years * kDaysPerYear);
  }
  return usd;
}

std::int64_t OwnedFleet::owned_ppus() const {
  std::int64_t ppus = 0;
  for (const OwnedLot& lot : lots_) ppus += lot.ppus;
  return ppus;
}

}  // namespace ppusim
