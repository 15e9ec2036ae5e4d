#include "sim/app/partial_time_series.hpp"

#include <filesystem>
#include <limits>
#include <stdexcept>

#include "sim/core/atomic_file.hpp"
#include "sim/report/report_builder.hpp"
#include "sim/report/summary_table.hpp"

namespace ppusim {

std::string format_partial_time_series(const Scenario& scenario, const RunMetrics& metrics, double now) {
  return "# partial: simulated up to " + std::to_string(now) +
         " s; the run was still going when this was written (a completed run replaces this file by "
         "time_series.csv)\n" +
         format_time_series_csv(build_time_series(scenario, metrics.series_snapshot(now)));
}

PartialTimeSeriesWriter::PartialTimeSeriesWriter(const Scenario& scenario, const std::string& folder,
                                                 double every_s)
    : scenario_(scenario),
      path_((std::filesystem::path(folder) / kPartialTimeSeriesFile).string()),
      every_s_(every_s),
      last_write_(Clock::now()) {}

void PartialTimeSeriesWriter::on_wake(double now, const RunMetrics& metrics, const EngineCounters&) {
  const Clock::time_point wall = Clock::now();
  if (std::chrono::duration<double>(wall - last_write_).count() < every_s_) return;
  try {
    write_file_atomically(path_, format_partial_time_series(scenario_, metrics, now));
  } catch (const std::runtime_error&) {
    // The folder refuses files: the final outputs will say so, with a message; the partial
    // file is a courtesy that must not end the run.
    every_s_ = std::numeric_limits<double>::infinity();
  }
  last_write_ = wall;
}

void PartialTimeSeriesWriter::remove() const {
  std::error_code ignored;
  std::filesystem::remove(path_, ignored);
}

}  // namespace ppusim
