#include "sim/report/job_csv.hpp"

#include "sim/core/escaping.hpp"
#include "sim/core/json_number.hpp"

namespace ppusim {

namespace {

// The cells, each after its comma. A number as report.json writes it; a null of the JSON job
// table (a time not reached) is an empty cell.
void number_cell(std::string& csv, double value) {
  csv += ',';
  append_json_number(csv, value);
}

void integer_cell(std::string& csv, long long value) {
  csv += ',';
  append_json_number(csv, value);
}

void text_cell(std::string& csv, std::string_view text) {
  csv += ',';
  append_csv_field(csv, text);
}

/// A time, or an empty cell before it is reached (negative).
void time_cell(std::string& csv, double t) {
  if (t >= 0) {
    number_cell(csv, t);
  } else {
    csv += ',';
  }
}

void failure_cells(const JobRecord& job, double window_end_s, std::string& csv) {
  const InterruptionRecord& r = job.interruptions;
  integer_cell(csv, r.interruptions);
  number_cell(csv, r.lost_work_s);
  number_cell(csv, r.restart_overhead_s());
  number_cell(csv, r.checkpoint_write_s);
  number_cell(csv, r.productive_s);
  time_cell(csv, job.effective_training_time_ratio(window_end_s));  // negative: never started
}

void speed_cells(const JobSpeed& speed, std::string& csv) {
  text_cell(csv, speed_source_name(speed.source));
  if (speed.step_time_s > 0) {
    number_cell(csv, speed.step_time_s);
  } else {
    csv += ',';
  }
  number_cell(csv, speed.mfu);
  if (speed.source != SpeedSource::StepModel) {
    csv += ",,,,,,,";  // no step breakdown: the seven step_* columns are empty
    return;
  }
  const StepBreakdown& b = speed.breakdown_s;
  for (double part : {b.compute, b.tensor_parallel, b.bubble, b.pipeline_p2p, b.data_parallel,
                      b.expert_all_to_all, b.context_parallel})
    number_cell(csv, part);
}

}  // namespace

const char* job_outcome_name(JobOutcome outcome) {
  switch (outcome) {
    case JobOutcome::NotArrived:
      return "not-arrived";
    case JobOutcome::Queued:
      return "queued";
    case JobOutcome::Running:
      return "running";
    case JobOutcome::Finished:
      return "finished";
    case JobOutcome::Rejected:
      return "rejected";
  }
  return "unknown";
}

void append_job_csv_header(std::string& csv) {
  for (std::size_t i = 0; i < std::size(kJobCsvColumns); ++i) {
    if (i > 0) csv += ',';
    csv += kJobCsvColumns[i];
  }
  csv += '\n';
}

void append_job_csv_row(const JobRecord& job, double window_end_s, std::string_view pool, std::string& csv) {
  append_csv_field(csv, job.id);
  text_cell(csv, job_outcome_name(job.outcome));
  integer_cell(csv, job.ppus);
  integer_cell(csv, job.held_ppus);
  integer_cell(csv, job.leaves_spanned);
  number_cell(csv, job.submit_s);
  time_cell(csv, job.start_s);
  time_cell(csv, job.end_s);
  number_cell(csv, job.compute_s);
  text_cell(csv, job.reject_reason);
  failure_cells(job, window_end_s, csv);
  speed_cells(*job.speed, csv);
  text_cell(csv, pool);
  csv += '\n';
}

void stream_job_table_csv(const SimulationResult& result,
                          const std::function<void(const std::string&)>& write) {
  constexpr std::size_t kChunkBytes = 1 << 20;
  std::string chunk;
  chunk.reserve(kChunkBytes + 4096);
  append_job_csv_header(chunk);
  const double window_end_s = result.metrics.window_end_s();
  const std::vector<JobRecord>& jobs = result.metrics.jobs();
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    append_job_csv_row(jobs[i], window_end_s, result.metrics.pool_label(static_cast<int>(i)), chunk);
    if (chunk.size() >= kChunkBytes) {
      write(chunk);
      chunk.clear();
    }
  }
  write(chunk);
}

}  // namespace ppusim
