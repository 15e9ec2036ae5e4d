// How many jobs of a run rest on measured durations (docs/workloads.md, "Work units"): the
// report's jobs.fixed_duration_jobs and jobs.converted_duration_jobs, and the warning the
// summary prints when some jobs will not change with the hardware.
#pragma once

#include <string>

#include "sim/report/report.hpp"
#include "workloads/measured_work.hpp"

namespace ppusim {

/// Sets the two counts of the typed report.
void add_measured_duration_counts(ReportJobs& jobs, const MeasuredDurationCount& count);

/// "N of M jobs rest on measured durations (duration_s without measured_on) and do not change
/// with the hardware"; empty when there are none (or the counts are not known).
std::string measured_duration_warning(const ReportJobs& jobs);

}  // namespace ppusim
