// What the simulated window costs, where the money goes, and what it buys: the common result
// of the owned and cloud cost models (owned_cost.hpp, cloud_cost.hpp), with the per-unit
// figures that compare them:
//   PF-days         = delivered FLOPs / (10^15 FLOP/s · 86 400 s)     (OpenAI, "AI and Compute")
//   $ per PF-day    = total / PF-days
// Sources for every default: docs/economics.md.
#pragma once

#include <optional>

#include "sim/config/scenario.hpp"
#include "sim/economics/energy_model.hpp"

namespace ppusim {

constexpr double kFlopsPerPetaflopDay = 1e15 * 86400.0;
constexpr double kSecondsPerYear = 365.25 * 86400.0;
constexpr double kSecondsPerMonth = kSecondsPerYear / 12.0;

/// Operations staff of one model:
///   staff = N_nodes · rate_node_year · T / year   (owned; a managed cloud has it in the price)
///         + jobs started · rate_job               (both)
double staff_cost_usd(const Scenario& scenario, double window_s, long long jobs_started);

/// What the simulation measured that costs depend on.
struct CostInputs {
  double window_s = 0;
  EnergyBreakdown energy;
  double delivered_flops = 0;
  double allocated_ppu_s = 0;  // PPU-time held by jobs
  double billed_ppu_s = 0;     // allocated PPU-time rounded up per job to the billing granularity
  double busy_ppu_s = 0;       // PPU-time computing
  double setup_ppu_s = 0;      // PPU-time held during setup stages
  double lost_work_ppu_s = 0;  // training progress thrown away by failures (docs/failures.md)
  double restart_ppu_s = 0;    // held through detection, recovery and the restarts' setup
  long long jobs_started = 0;  // jobs allocated at least once in the window (staff per job)
};

struct CostBreakdown {
  // Where the money goes (each zero when the model has no such item).
  double capex_compute_usd = 0;  // amortized over the window: servers
  double capex_network_usd = 0;  // amortized over the window: network
  double energy_usd = 0;
  double colocation_usd = 0;
  double staff_usd = 0;
  double cloud_bill_usd = 0;
  double total_usd = 0;

  // What the money buys, by what the paid-for PPU-time did: computing, setting up, allocated
  // but neither (communicating, waiting for data), idle (paid for but not allocated).
  double spent_computing_usd = 0;
  double spent_on_setup_usd = 0;
  double spent_allocated_other_usd = 0;
  double spent_idle_usd = 0;
  // Waste from failures and preemptions, carved out of the items above: lost work out of
  // computing (then allocated-other), restarts out of allocated-other.
  double spent_on_lost_work_usd = 0;
  double spent_on_restarts_usd = 0;

  double delivered_pflop_days = 0;
  std::optional<double> usd_per_delivered_pflop_day;  // none when nothing was delivered
  std::optional<double> usd_per_allocated_ppu_hour;
  std::optional<double> usd_per_available_ppu_hour;  // none for an empty window
};

/// Dispatches to the scenario's cost model and fills the shared per-unit figures.
CostBreakdown compute_cost(const Scenario& scenario, const CostInputs& inputs);

}  // namespace ppusim
