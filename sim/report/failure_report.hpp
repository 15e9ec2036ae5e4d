// The report's view of failures, preemptions and checkpoints (docs/report.md, "failures"):
// cluster-wide totals in report.json and per-job columns in jobs.csv. Everything is derived
// from RunMetrics; nothing here is simulated.
#pragma once

#include <nlohmann/json.hpp>

#include "sim/config/scenario.hpp"
#include "sim/metrics/run_metrics.hpp"
#include "sim/report/report.hpp"

namespace ppusim {

/// PPU-time the failures cost, summed over jobs (held PPUs × seconds).
struct InterruptionTotals {
  double lost_work_ppu_s = 0;
  double restart_hold_ppu_s = 0;
  double restart_setup_ppu_s = 0;
  double checkpoint_write_ppu_s = 0;
  double productive_ppu_s = 0;
  double wall_ppu_s = 0;  // from each started job's first allocation to its end
  double lost_flops = 0;
  long long interruptions = 0;

  double lost_ppu_s() const { return lost_work_ppu_s + restart_hold_ppu_s + restart_setup_ppu_s; }
};

InterruptionTotals sum_interruptions(const RunMetrics& metrics);

/// The report's failures section (null-free: zeros when the scenario has no failures block).
ReportFailures failure_section(const Scenario& scenario, const RunMetrics& metrics,
                               const InterruptionTotals& totals, double useful_flops);

/// The failures timeline: the time series' columns `component_failures` (failures and spot
/// reclaims that happened in each bin, every kind, whether they hit a job or not) and
/// `interruptions_hardware` (PPU, HBM, node, NIC), `interruptions_network` (link, switch),
/// `interruptions_preemption` (spot reclaims): job interruptions in each bin by cause. Counts,
/// not rates; `bins` bins of `bin_width_s`, an event at the window's end in the last one.
void add_failure_timeline(const RunMetrics& metrics, double bin_width_s, std::size_t bins,
                          ReportTimeSeries& series);

/// The per-job columns: interruptions, lost_work_s, restart_overhead_s, checkpoint_write_s,
/// productive_s, effective_training_time_ratio (null for a job that never started).
void add_job_failure_fields(const JobRecord& job, double window_end_s, nlohmann::json& row);

}  // namespace ppusim
