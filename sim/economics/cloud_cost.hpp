// Rented PPUs (a public GPU cloud, or an integrated AI cloud, which differ in price and in the
// setup parameters of the scenario, not in this formula):
//   allocated billing:  bill = price [$/PPU-h] · Σ_jobs held_PPUs · ⌈t_held / g⌉ · g / 3600
//                       (t_held from allocation, setup included, to the job's end or the
//                       window's; g the billing granularity)
//   reserved billing:   bill = price · N_PPUs · T / 3600   (the cluster, all the time)
// Energy, facility and the provider's operations staff are in the price; the user's own staff
// per job is not (staff_cost_usd, cost_breakdown.hpp).
#pragma once

#include "sim/economics/cost_breakdown.hpp"

namespace ppusim {

/// Fills the cloud bill of `cost` (not the per-unit figures).
void add_cloud_costs(const Scenario& scenario, const CostInputs& inputs, CostBreakdown& cost);

}  // namespace ppusim
