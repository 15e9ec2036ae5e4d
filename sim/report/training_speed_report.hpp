// report.json "training_speed": where the jobs' speeds came from (the step-time model, a
// typed-in MFU, or the chip family's default for work without a shape) and their MFU,
// weighted by the PPU-hours each job computed (docs/report.md).
#pragma once

#include <nlohmann/json.hpp>

#include "sim/metrics/run_metrics.hpp"
#include "sim/report/report.hpp"

namespace ppusim {

ReportTrainingSpeed training_speed_section(const RunMetrics& metrics);

/// The jobs.csv columns of one job's speed (job_speed.hpp), added to `row`.
void add_job_speed_fields(const JobRecord& job, nlohmann::json& row);

/// jobs.csv's speed columns, in order.
inline constexpr const char* kJobSpeedColumns[] = {"speed_source",
                                                   "step_time_s",
                                                   "mfu",
                                                   "step_compute_s",
                                                   "step_tensor_parallel_s",
                                                   "step_bubble_s",
                                                   "step_pipeline_p2p_s",
                                                   "step_data_parallel_s",
                                                   "step_expert_all_to_all_s",
                                                   "step_context_parallel_s"};

}  // namespace ppusim
