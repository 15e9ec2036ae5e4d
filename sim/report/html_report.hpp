// The HTML page of one run (report.html, docs/html-report.md): the key figures of report.json
// as tables, and charts of its time series, setup stages and cost, plus the CDFs of queueing
// delay and job completion time from the job table.
#pragma once

#include <string>

#include "sim/report/job_delay_cdf.hpp"
#include "sim/report/report.hpp"

namespace ppusim {

/// The page for a run's report (docs/report.md), built by this run or read back from a
/// report.json (report_from_json). `jobs` are the run's job delays (from the job records or
/// jobs.csv); without them (nullptr) the two CDF charts are left out and a note says so.
/// Sections an older report lacks (report.sections: a schema-1 report may have no `setup`) are
/// left out the same way. Deterministic: the same inputs give the same bytes.
std::string render_run_html(const Report& report, const JobDelaySamples* jobs);

}  // namespace ppusim
