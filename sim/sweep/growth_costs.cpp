#include "sim/sweep/growth_costs.hpp"

namespace ppusim {

using json = nlohmann::json;

WindowFigures window_figures(const json& report) {
  WindowFigures w;
  w.window_s = report.at("window_s").get<double>();
  w.simulated_ppus = report.at("scenario").at("ppus").get<double>();
  w.allocated_ppu_hours = report.at("work").at("allocated_ppu_hours").get<double>();
  w.delivered_pflop_days = report.at("work").at("delivered_pflop_days").get<double>();
  w.utilization_allocated = report.at("utilization").at("allocated").get<double>();
  w.queueing_p90_s = report.at("jobs").at("queueing_delay_s").at("p90").get<double>();
  w.jobs_started = report.at("jobs").at("queueing_delay_s").at("count").get<double>();
  const json& cost = report.at("cost");
  const json& items = cost.at("breakdown_usd");
  w.energy_usd = items.at("energy").get<double>();
  w.colocation_usd = items.at("colocation").get<double>();
  w.staff_usd = items.at("staff").get<double>();
  w.total_usd = cost.at("total_usd").get<double>();
  const json& series = report.at("time_series");
  w.bin_s = series.at("interval_s").get<double>();
  for (const json& share : series.at("utilization_allocated"))
    w.allocated_ppus.push_back(share.get<double>() * w.simulated_ppus);
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
