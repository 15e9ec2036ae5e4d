// The report: everything a run measured (report.hpp), built once from the run's observations
// and the scenario, and written as report.json (docs/report.md). It holds no wall-clock times or
// host details, so the same scenario and seed give the same bytes.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "sim/config/scenario.hpp"
#include "sim/metrics/observed_simulation.hpp"
#include "sim/report/report.hpp"

namespace ppusim {

/// The typed report of a run.
Report make_report(const Scenario& scenario, const SimulationResult& result);
/// The same, as report.json's document: report_to_json(make_report(...)).
nlohmann::json build_report(const Scenario& scenario, const SimulationResult& result);

/// One object per job: id, outcome, submit/start/end times, PPUs, leaves spanned, compute
/// time. Times not reached (a job never started or still running) are null.
nlohmann::json build_job_table(const SimulationResult& result);
/// One job's row of that table.
nlohmann::json build_job_row(const JobRecord& job, double window_end_s, std::string_view pool);

/// The report's time series from the metrics (closed, or a series_snapshot).
ReportTimeSeries build_time_series(const Scenario& scenario, const RunMetrics& metrics);

/// A job table as CSV, jobs.csv's columns (job_csv.hpp): for tables read back or made by an
/// isolated run; a run's own jobs.csv is written from its records by stream_job_table_csv.
std::string format_job_table_csv(const nlohmann::json& jobs);

}  // namespace ppusim
