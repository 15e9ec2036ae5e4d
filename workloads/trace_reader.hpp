// Reading and writing training-job traces: JSON Lines, one job per line (docs/workloads.md).
#pragma once

#include <functional>
#include <ostream>
#include <string>

#include "workloads/job_spec.hpp"

namespace ppusim {

/// Reads a job trace. Blank lines and lines whose first non-blank character is '#' are
/// ignored; every other line is one job, checked field by field. The jobs come back sorted by
/// submit_s with a stable sort, so jobs submitted at the same instant keep their file order.
/// Each job's origin is "path:LINE".
///
/// Throws InputError ("path:LINE: /ppus: found -3, expected a positive integer") on the first
/// bad row, or, when `skip_bad_rows` is true, skips bad rows (including a repeated id: the
/// first row with an id wins) and counts them in JobTrace::skipped_rows; `on_skipped_row`, if
/// given, receives each skipped row's message. Throws InputError in either mode when the file
/// cannot be read or holds no usable job.
JobTrace read_job_trace(const std::string& path, bool skip_bad_rows,
                        const std::function<void(const std::string&)>& on_skipped_row = {});

/// Reads one job from a file that holds one trace row as a JSON object (it may span lines):
/// the JOB.json of `ppusim explain`. Checked as a trace row; messages name "path".
JobSpec read_job_file(const std::string& path);

/// Writes jobs in the format read_job_trace reads, one line per job, in the order given.
/// Numbers are written with the shortest text that reads back to the same double, so writing
/// and reading again gives the same jobs (except `origin`). Fields at their defaults
/// (parallelism 1×1, dataset_bytes 0, precision bf16, global_batch_tokens 0) are left out.
/// Throws std::invalid_argument for a job that does not have exactly one work description.
void write_job_trace(const JobTrace& trace, std::ostream& out);

}  // namespace ppusim
