// The HTML page of one run (report.html, docs/html-report.md): the key figures of report.json
// as tables, and charts of its time series, setup stages and cost, plus the CDFs of queueing
// delay and job completion time from the job table.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "sim/report/job_delay_cdf.hpp"

namespace ppusim {

/// The page for a report.json (docs/report.md). `jobs` are the run's job delays (from the job
/// table or jobs.csv); without them (nullptr) the two CDF charts are left out and a note says
/// so. Sections a report lacks (an older schema-1 report has no `setup`) are left out the same
/// way. Deterministic: the same inputs give the same bytes.
std::string render_run_html(const nlohmann::json& report, const JobDelaySamples* jobs);

}  // namespace ppusim
