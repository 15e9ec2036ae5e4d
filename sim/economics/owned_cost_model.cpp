#include "sim/economics/owned_cost_model.hpp"

namespace ppusim {

OwnedCost compute_owned_cost(const Scenario& scenario, double window_s, const EnergyBreakdown& energy,
                             double delivered_flops, double allocated_ppu_s) {
  const EconomicsSpec& econ = scenario.economics;
  OwnedCost cost;
  const double amortized_share = window_s / (econ.amortization_years * kSecondsPerYear);
  const double servers = scenario.cluster.nodes * econ.capex_per_node_usd;
  const double cluster = servers / (1.0 - econ.network_capex_fraction);
  cost.capex_compute_usd = servers * amortized_share;
  cost.capex_network_usd = (cluster - servers) * amortized_share;
  cost.energy_usd = energy.facility_joules / kJoulesPerKwh * econ.power_price_usd_per_kwh;
  cost.total_usd = cost.capex_compute_usd + cost.capex_network_usd + cost.energy_usd;
  cost.delivered_pflop_days = delivered_flops / kFlopsPerPetaflopDay;
  if (cost.delivered_pflop_days > 0) cost.usd_per_delivered_pflop_day = cost.total_usd / cost.delivered_pflop_days;
  if (allocated_ppu_s > 0) cost.usd_per_allocated_ppu_hour = cost.total_usd / (allocated_ppu_s / 3600.0);
  const double available_ppu_hours = static_cast<double>(scenario.total_ppus()) * window_s / 3600.0;
  if (available_ppu_hours > 0) cost.usd_per_available_ppu_hour = cost.total_usd / available_ppu_hours;
  return cost;
}

}  // namespace ppusim
