#include "sim/report/measured_duration_note.hpp"

namespace ppusim {

void add_measured_duration_counts(nlohmann::json& report, const MeasuredDurationCount& count) {
  report["jobs"]["fixed_duration_jobs"] = count.fixed;
  report["jobs"]["converted_duration_jobs"] = count.converted;
}

std::string measured_duration_warning(const nlohmann::json& report) {
  const nlohmann::json& jobs = report["jobs"];
  if (!jobs.contains("fixed_duration_jobs")) return {};
  const long long fixed = jobs["fixed_duration_jobs"].get<long long>();
  if (fixed == 0) return {};
  return std::to_string(fixed) + " of " + std::to_string(jobs["in_workload"].get<long long>()) +
         " jobs rest on measured durations (duration_s without measured_on) and do not change with the "
         "hardware";
}

}  // namespace ppusim
