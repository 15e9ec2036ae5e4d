#include "sim/sweep/growth_costs.hpp"

#include <algorithm>

namespace ppusim {

WindowFigures window_figures(const Report& report) {
  WindowFigures w;
  w.window_s = report.window_s;
  w.simulated_ppus = static_cast<double>(report.scenario.ppus);
  w.allocated_ppu_hours = report.work.allocated_ppu_hours;
  w.delivered_pflop_days = report.work.delivered_pflop_days;
  w.utilization_allocated = report.utilization.allocated;
  w.queueing_p90_s = report.jobs.queueing_delay_s.p90;
  w.jobs_started = static_cast<double>(report.jobs.queueing_delay_s.count);
  w.energy_usd = report.cost.energy_usd;
  w.colocation_usd = report.cost.colocation_usd;
  w.staff_usd = report.cost.staff_usd;
  w.total_usd = report.cost.total_usd;
  w.storage_usd = report.cost.storage_usd.value_or(0);
  w.bin_s = report.time_series.interval_s;
  for (double share : report.time_series.utilization_allocated)
    w.allocated_ppus.push_back(share * w.simulated_ppus);
  if (report.storage) {
    const ReportStorage& storage = *report.storage;
    w.input_bytes_read =
        storage.store_bytes_read + storage.object_store_bytes_read + storage.node_cache_bytes_read;
    w.input_wait_ppu_hours = storage.input_wait_ppu_hours;
  }
  for (double rate : report.time_series.storage_read_bytes_per_s)
    w.peak_read_bytes_per_s = std::max(w.peak_read_bytes_per_s, rate);
  return w;
}

double staff_per_job_usd(const WindowFigures& window, double staff_usd_per_job, double scale) {
  return window.jobs_started * staff_usd_per_job * scale;
}

double owned_running_usd(const WindowFigures& window, double owned_share, double staff_usd_per_job,
                         double scale) {
  const double node_staff = window.staff_usd - window.jobs_started * staff_usd_per_job;
  return (window.energy_usd + window.colocation_usd + node_staff) * owned_share * scale;
}

}  // namespace ppusim
