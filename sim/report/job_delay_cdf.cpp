#include "sim/report/job_delay_cdf.hpp"

#include <algorithm>

#include "sim/core/statistics.hpp"

namespace ppusim {

using nlohmann::json;

JobDelaySamples job_delays_from_table(const json& jobs) {
  JobDelaySamples samples;
  for (const json& job : jobs) {
    const json& start = job["start_s"];
    const double submit = job["submit_s"].get<double>();
    if (start.is_number()) samples.queueing_s.push_back(start.get<double>() - submit);
    if (job["outcome"] == "finished") samples.completion_s.push_back(job["end_s"].get<double>() - submit);
  }
  return samples;
}

JobDelaySamples job_delays_from_records(const std::vector<JobRecord>& jobs) {
  JobDelaySamples samples;
  for (const JobRecord& job : jobs) {
    if (job.start_s >= 0) samples.queueing_s.push_back(job.start_s - job.submit_s);
    if (job.outcome == JobOutcome::Finished) samples.completion_s.push_back(job.end_s - job.submit_s);
  }
  return samples;
}

json quantile_curve(std::vector<double> sample, int points) {
  points = std::max(points, 2);
  std::sort(sample.begin(), sample.end());
  json p = json::array(), x = json::array();
  if (!sample.empty()) {
    for (int k = 0; k < points; ++k) {
      const double fraction = static_cast<double>(k) / (points - 1);
      p.push_back(fraction);
      x.push_back(percentile_of_sorted(sample, fraction));
    }
  }
  return {{"count", sample.size()}, {"p", p}, {"x", x}};
}

}  // namespace ppusim
