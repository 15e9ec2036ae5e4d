// What the simulated window costs on owned hardware, and per unit of delivered work.
//
//   capex_cluster   = N_nodes · capex_node / (1 − f_network)      (f_network: network's share)
//   amortized       = capex_cluster · T / (years · 365.25 · 86 400 s)
//   energy          = E_facility [kWh] · price [$/kWh]
//   total           = amortized + energy
//   PF-days         = delivered FLOPs / (10^15 FLOP/s · 86 400 s)
//   $ per PF-day    = total / PF-days
// Sources for the defaults: docs/economics.md.
#pragma once

#include <optional>

#include "sim/config/scenario.hpp"
#include "sim/economics/energy_model.hpp"

namespace ppusim {

constexpr double kFlopsPerPetaflopDay = 1e15 * 86400.0;
constexpr double kSecondsPerYear = 365.25 * 86400.0;

struct OwnedCost {
  double capex_compute_usd = 0;   // amortized over the window: servers
  double capex_network_usd = 0;   // amortized over the window: network
  double energy_usd = 0;
  double total_usd = 0;
  double delivered_pflop_days = 0;
  std::optional<double> usd_per_delivered_pflop_day;  // none when nothing was delivered
  std::optional<double> usd_per_allocated_ppu_hour;
  std::optional<double> usd_per_available_ppu_hour;  // none for an empty window
};

OwnedCost compute_owned_cost(const Scenario& scenario, double window_s, const EnergyBreakdown& energy,
                             double delivered_flops, double allocated_ppu_s);

}  // namespace ppusim
