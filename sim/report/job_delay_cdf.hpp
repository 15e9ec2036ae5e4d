// The job-level distributions the HTML report draws as CDFs: queueing delay and job completion
// time, from the job table (in memory after a run, or read back from jobs.csv), reduced to a
// fixed number of quantile points so that a page for a million jobs stays small.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "sim/metrics/run_metrics.hpp"

namespace ppusim {

/// The samples behind report.json's jobs.queueing_delay_s and jobs.completion_time_s, with the
/// same definitions: a_j − s_j over started jobs, e_j − s_j over finished jobs (seconds).
struct JobDelaySamples {
  std::vector<double> queueing_s;
  std::vector<double> completion_s;
};

/// From build_job_table()'s rows: "start_s" not null → started; "outcome" "finished" → finished.
JobDelaySamples job_delays_from_table(const nlohmann::json& jobs);
/// The same from the run's job records, without building the table.
JobDelaySamples job_delays_from_records(const std::vector<JobRecord>& jobs);

/// Quantile points evenly spaced in probability plus the sample size:
/// {"count": n, "p": [0, 1/(m−1), …, 1], "x": [q(p)…]} with m = `points` (at least 2), q the
/// type-7 percentile of sim/core/statistics.hpp. The curve (x, p) is the sample's CDF with
/// linear interpolation between order statistics; with 201 points it passes exactly through
/// the report's p50, p90 and p99. An empty sample gives empty arrays.
nlohmann::json quantile_curve(std::vector<double> sample, int points = 201);

}  // namespace ppusim
