// jobs.csv (docs/report.md): one row per job, its columns in a fixed order, formatted straight
// from the job's record into the file's text. The same cells as the JSON job table
// (build_job_table) written by format_job_table_csv, byte for byte, without an object per row:
// at a million jobs those objects were half of a run's instructions (docs/performance.md).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "sim/metrics/observed_simulation.hpp"
#include "sim/metrics/run_metrics.hpp"

namespace ppusim {

/// jobs.csv's columns, in order.
inline constexpr const char* kJobCsvColumns[] = {
    "id", "outcome", "ppus", "held_ppus", "leaves_spanned", "submit_s", "start_s", "end_s", "compute_s",
    "reject_reason",
    // failures (docs/failures.md)
    "interruptions", "lost_work_s", "restart_overhead_s", "checkpoint_write_s", "productive_s",
    "effective_training_time_ratio",
    // speed (docs/models.md, section k)
    "speed_source", "step_time_s", "mfu", "step_compute_s", "step_tensor_parallel_s", "step_bubble_s",
    "step_pipeline_p2p_s", "step_data_parallel_s", "step_expert_all_to_all_s", "step_context_parallel_s",
    // node pools (docs/config.md, "Node pools")
    "pool"};

/// "not-arrived", "queued", "running", "finished" or "rejected".
const char* job_outcome_name(JobOutcome outcome);

/// The header line, with its line break.
void append_job_csv_header(std::string& csv);
/// One job's line: numbers as report.json writes them (json_number.hpp), text quoted as RFC 4180
/// asks, and an empty cell for what the job does not have (a time not reached, a step breakdown
/// of a job the step model did not time).
/// `pool`: the pool it ran in (RunMetrics::pool_label).
void append_job_csv_row(const JobRecord& job, double window_end_s, std::string_view pool, std::string& csv);

/// The whole of jobs.csv, made row by row from the job records and handed to `write` in chunks of
/// about 1 MB: a million jobs' table is never held whole.
void stream_job_table_csv(const SimulationResult& result,
                          const std::function<void(const std::string&)>& write);

}  // namespace ppusim
