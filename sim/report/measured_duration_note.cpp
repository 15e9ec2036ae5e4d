#include "sim/report/measured_duration_note.hpp"

#include "sim/report/number_format.hpp"

namespace ppusim {

void add_measured_duration_counts(ReportJobs& jobs, const MeasuredDurationCount& count) {
  jobs.fixed_duration_jobs = count.fixed;
  jobs.converted_duration_jobs = count.converted;
}

std::string measured_duration_warning(const ReportJobs& jobs) {
  if (!jobs.fixed_duration_jobs || *jobs.fixed_duration_jobs == 0) return {};
  return format_count(*jobs.fixed_duration_jobs) + " of " + format_count(jobs.in_workload) +
         " jobs rest on measured durations (duration_s without measured_on) and do not change with the "
         "hardware";
}

}  // namespace ppusim
