// How many jobs of a run rest on measured durations (docs/workloads.md, "Work units"): the
// report's jobs.fixed_duration_jobs and jobs.converted_duration_jobs, and the warning the
// summary prints when some jobs will not change with the hardware.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "workloads/measured_work.hpp"

namespace ppusim {

/// Adds the two counts to report["jobs"].
void add_measured_duration_counts(nlohmann::json& report, const MeasuredDurationCount& count);

/// "N of M jobs rest on measured durations (duration_s without measured_on) and do not change
/// with the hardware"; empty when there are none (or the report predates the counts).
std::string measured_duration_warning(const nlohmann::json& report);

}  // namespace ppusim
