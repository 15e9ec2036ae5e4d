#include "sim/report/training_speed_report.hpp"

#include <algorithm>
#include <utility>
#include <vector>

namespace ppusim {

using nlohmann::json;

ReportTrainingSpeed training_speed_section(const RunMetrics& metrics) {
  long long by_source[3] = {0, 0, 0};
  std::vector<std::pair<double, double>> weighted;  // (MFU, PPU-seconds computed)
  double total_weight = 0;
  for (const JobRecord& job : metrics.jobs()) {
    if (job.outcome == JobOutcome::NotArrived) continue;
    ++by_source[static_cast<int>(job.speed->source)];
    const double weight = job.compute_s * job.ppu_equivalents;
    if (weight > 0 && job.speed->mfu > 0) {
      weighted.emplace_back(job.speed->mfu, weight);
      total_weight += weight;
    }
  }
  double mean = 0, p50 = 0;
  if (total_weight > 0) {
    std::sort(weighted.begin(), weighted.end());
    double below = 0;
    bool median_found = false;
    for (const auto& [mfu, weight] : weighted) {
      mean += mfu * weight / total_weight;
      below += weight;
      if (!median_found && below >= total_weight / 2) {
        p50 = mfu;
        median_found = true;
      }
    }
  }
  ReportTrainingSpeed speed;
  speed.jobs_from_step_model = by_source[static_cast<int>(SpeedSource::StepModel)];
  speed.jobs_from_mfu_override = by_source[static_cast<int>(SpeedSource::MfuOverride)];
  speed.jobs_from_family_default = by_source[static_cast<int>(SpeedSource::FamilyDefault)];
  speed.mfu_mean = mean;
  speed.mfu_p50 = p50;
  return speed;
}

void add_job_speed_fields(const JobRecord& job, json& row) {
  // Only the fields a job has: a million-job table holds every row in memory, and jobs.csv
  // writes a missing column empty.
  const JobSpeed& speed = *job.speed;
  row["speed_source"] = speed_source_name(speed.source);
  row["mfu"] = speed.mfu;
  if (speed.step_time_s > 0) row["step_time_s"] = speed.step_time_s;
  if (speed.source != SpeedSource::StepModel) return;
  const StepBreakdown& b = speed.breakdown_s;
  row["step_compute_s"] = b.compute;
  row["step_tensor_parallel_s"] = b.tensor_parallel;
  row["step_bubble_s"] = b.bubble;
  row["step_pipeline_p2p_s"] = b.pipeline_p2p;
  row["step_data_parallel_s"] = b.data_parallel;
  row["step_expert_all_to_all_s"] = b.expert_all_to_all;
  row["step_context_parallel_s"] = b.context_parallel;
}

}  // namespace ppusim
