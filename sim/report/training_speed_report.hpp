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

}  // namespace ppusim
