// Reading jobs.csv back (docs/report.md, "jobs.csv") for `ppusim report html`: only what the
// job CDFs need, streamed row by row so that a million-job table is not held as text.
#pragma once

#include <istream>
#include <string>

#include "sim/report/job_delay_cdf.hpp"

namespace ppusim {

/// Queueing delays and completion times from a jobs.csv (RFC 4180: quoted cells may hold
/// commas, doubled quotes and line breaks). Columns are found by their header names
/// (outcome, submit_s, start_s, end_s), so added columns do not matter. Throws InputError
/// naming `source`, the line and the column for a missing column or a bad number.
JobDelaySamples read_job_delays_csv(std::istream& in, const std::string& source);

/// The same, from a file. Throws InputError when it cannot be opened.
JobDelaySamples read_job_delays_csv_file(const std::string& path);

}  // namespace ppusim
