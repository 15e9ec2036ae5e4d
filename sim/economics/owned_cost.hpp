// Owned hardware (on premise): what the window's share of the cluster costs.
//
//   capex_cluster = N_nodes · capex_node / (1 − f_network)          (f_network: network's share)
//   amortized     = capex_cluster · T / (years · 365.25 · 86 400 s)
//   energy        = E_facility [kWh] · price [$/kWh]
//   colocation    = P_peak_IT [kW] · rate [$/kW-month] · T / month   (P_peak_IT: every PPU at TDP)
//   staff         = N_nodes · rate [$/node-year] · T / year + jobs · rate [$/job]
//                   (staff_cost_usd, cost_breakdown.hpp: shared with the cloud model's per-job part)
// The whole cluster is paid for all the time, allocated or not.
#pragma once

#include "sim/economics/cost_breakdown.hpp"

namespace ppusim {

/// Fills the owned items of `cost` (not the per-unit figures).
void add_owned_costs(const Scenario& scenario, const CostInputs& inputs, CostBreakdown& cost);

}  // namespace ppusim
