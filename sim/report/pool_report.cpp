#include "sim/report/pool_report.hpp"

#include "sim/core/statistics.hpp"

namespace ppusim {

std::vector<ReportPool> pool_section(const Scenario& scenario, const RunMetrics& metrics) {
  std::vector<ReportPool> section;
  if (!scenario.has_several_pools()) return section;
  const std::size_t count = scenario.pools.size();
  std::vector<std::vector<double>> queueing(count);
  std::vector<long long> jobs(count, 0);
  for (const JobRecord& job : metrics.jobs()) {
    if (job.start_s < 0) continue;
    ++jobs[job.pool];
    queueing[job.pool].push_back(job.start_s - job.submit_s);
  }
  const double window = metrics.window_end_s();
  for (std::size_t k = 0; k < count; ++k) {
    const PoolSpec& spec = scenario.pools[k];
    ReportPool row;
    row.name = spec.name;
    row.chip = spec.ppu.name;
    row.nodes = spec.nodes;
    row.ppus = spec.ppus();
    row.jobs = jobs[k];
    const double available_ppu_s = static_cast<double>(row.ppus) * window;
    if (available_ppu_s > 0) {
      row.allocated_utilization = metrics.pool_allocated_ppu_s()[k] / available_ppu_s;
      row.busy_utilization = metrics.pool_busy_ppu_s()[k] / available_ppu_s;
    }
    row.queueing_delay_s = summarize(std::move(queueing[k]));
    section.push_back(std::move(row));
  }
  return section;
}

}  // namespace ppusim
