#include "sim/economics/cost_breakdown.hpp"

#include <algorithm>

#include "sim/economics/cloud_cost.hpp"
#include "sim/economics/owned_cost.hpp"

namespace ppusim {

double staff_cost_usd(const Scenario& scenario, double window_s, long long jobs_started) {
  const EconomicsSpec& econ = scenario.economics;
  const double per_node =
      econ.model == CostModel::Owned
          ? scenario.cluster.nodes * econ.staff_usd_per_node_year * window_s / kSecondsPerYear
          : 0.0;
  return per_node + static_cast<double>(jobs_started) * econ.staff_usd_per_job;
}

CostBreakdown compute_cost(const Scenario& scenario, const CostInputs& inputs) {
  CostBreakdown cost;
  const bool owned = scenario.economics.model == CostModel::Owned;
  if (owned) {
    add_owned_costs(scenario, inputs, cost);
  } else {
    add_cloud_costs(scenario, inputs, cost);
  }
  cost.staff_usd = staff_cost_usd(scenario, inputs.window_s, inputs.jobs_started);
  cost.total_usd = cost.capex_compute_usd + cost.capex_network_usd + cost.energy_usd + cost.colocation_usd +
                   cost.staff_usd + cost.cloud_bill_usd;

  // Attribute the money to what the paid-for PPU-time did. Owned and reserved capacity is paid
  // for whole, so unallocated time is idle spending; allocated cloud billing pays for (rounded)
  // allocations only, and the rounding counts as allocated but not computing.
  const double available_ppu_s = static_cast<double>(scenario.total_ppus()) * inputs.window_s;
  const bool pay_for_everything = owned || scenario.economics.billing == CloudBilling::Reserved;
  const double paid_ppu_s = pay_for_everything ? available_ppu_s : inputs.billed_ppu_s;
  const double paid_allocated_ppu_s = pay_for_everything ? inputs.allocated_ppu_s : inputs.billed_ppu_s;
  if (paid_ppu_s > 0) {
    const double per_ppu_s = cost.total_usd / paid_ppu_s;
    const double setup = std::min(inputs.setup_ppu_s, inputs.allocated_ppu_s);
    const double computing = std::min(inputs.busy_ppu_s, inputs.allocated_ppu_s - setup);
    double other = paid_allocated_ppu_s - computing - setup;
    // Restarts (holding nodes, setting up again) were allocated but neither computing nor a
    // first setup; lost work was computing (and the communication between its steps).
    const double restarts = std::clamp(inputs.restart_ppu_s, 0.0, std::max(0.0, other));
    other -= restarts;
    const double lost_from_computing = std::min(inputs.lost_work_ppu_s, computing);
    const double lost_from_other =
        std::clamp(inputs.lost_work_ppu_s - lost_from_computing, 0.0, std::max(0.0, other));
    cost.spent_computing_usd = per_ppu_s * (computing - lost_from_computing);
    cost.spent_on_setup_usd = per_ppu_s * setup;
    cost.spent_allocated_other_usd = per_ppu_s * (other - lost_from_other);
    cost.spent_on_lost_work_usd = per_ppu_s * (lost_from_computing + lost_from_other);
    cost.spent_on_restarts_usd = per_ppu_s * restarts;
    cost.spent_idle_usd = per_ppu_s * (paid_ppu_s - paid_allocated_ppu_s);
  }

  cost.delivered_pflop_days = inputs.delivered_flops / kFlopsPerPetaflopDay;
  if (cost.delivered_pflop_days > 0)
    cost.usd_per_delivered_pflop_day = cost.total_usd / cost.delivered_pflop_days;
  // The divisors are tested after the unit change: a window of 5e-324 s is > 0 in seconds but
  // underflows to 0 in hours, and 0 / 0 made the report's figure NaN (found by the
  // whole-pipeline fuzz target, docs/robustness.md).
  const double allocated_ppu_hours = inputs.allocated_ppu_s / 3600.0;
  const double available_ppu_hours = available_ppu_s / 3600.0;
  if (allocated_ppu_hours > 0) cost.usd_per_allocated_ppu_hour = cost.total_usd / allocated_ppu_hours;
  if (available_ppu_hours > 0) cost.usd_per_available_ppu_hour = cost.total_usd / available_ppu_hours;
  return cost;
}

}  // namespace ppusim
