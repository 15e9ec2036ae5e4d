// What a period costs under each strategy of a growth plan (docs/planning.md, "Pricing"),
// from the figures of the period's simulated window, scaled to the period by
// σ = period length / simulated window:
//   buy          amortized capex of the owned lots + (energy + colocation + staff) · σ
//   reserved     N_sim · period hours · reserved price                + staff per job · σ
//   on demand    allocated PPU-hours · σ · on-demand price             + staff per job · σ
//   spot         the spot run's own total (spot bill + staff per job) · σ
//   hybrid       capex of the owned base + (energy + colocation + node staff) · σ · base / N_sim
//                + burst PPU-hours (above the base, bin by bin) · σ · on-demand price
//                + staff per job · σ
// and every strategy pays the window's storage tiers · σ (the spot run's bill without them).
#pragma once

#include <vector>

#include "sim/report/report.hpp"

namespace ppusim {

/// What one simulated window measured, from its report.
struct WindowFigures {
  double window_s = 0;
  double simulated_ppus = 0;
  double allocated_ppu_hours = 0;
  double delivered_pflop_days = 0;
  double utilization_allocated = 0;
  double queueing_p90_s = 0;
  double energy_usd = 0;
  double colocation_usd = 0;
  double staff_usd = 0;  // node-year part plus per-job part
  double total_usd = 0;
  double jobs_started = 0;
  double bin_s = 0;
  std::vector<double> allocated_ppus;  // per time-series bin
  double storage_usd = 0;              // the storage tiers' line, 0 when no tier has a price
  double input_bytes_read = 0;         // streaming input from every tier
  double peak_read_bytes_per_s = 0;    // the busiest time-series bin's reads from shared storage
  double input_wait_ppu_hours = 0;
};

/// The figures of a window's typed report (report.json read back by report_from_json).
WindowFigures window_figures(const Report& report);

/// One strategy in one period.
struct PeriodCost {
  double capex_usd = 0;    // owned lots, amortized over the period
  double running_usd = 0;  // energy, colocation, staff of owned hardware
  double cloud_usd = 0;    // reserved, on-demand, spot or burst bill
  double staff_per_job_usd = 0;
  double storage_usd = 0;  // the period's storage tiers, every strategy
  double burst_ppu_hours = 0;
  double total() const { return capex_usd + running_usd + cloud_usd + staff_per_job_usd + storage_usd; }
};

/// The per-job staff of the window, scaled to the period.
double staff_per_job_usd(const WindowFigures& window, double staff_usd_per_job, double scale);

/// Owned hardware that serves `owned_share` of the simulated PPUs (1 for buy): running costs of
/// that share, without per-job staff (counted once, by staff_per_job_usd).
double owned_running_usd(const WindowFigures& window, double owned_share, double staff_usd_per_job,
                         double scale);

}  // namespace ppusim
