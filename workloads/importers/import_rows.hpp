// The parts every CSV importer shares: the row loop that stops at a bad row or skips and counts
// it, calendar times, and the last steps that turn collected records into an ImportedTrace.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sim/core/input_error.hpp"
#include "workloads/importers/csv_table.hpp"
#include "workloads/importers/imported_trace.hpp"

namespace ppusim {

/// Jobs of a trace whose end times may be missing, meaning "still running when the trace
/// ends": their run times are set once the whole file is read and the window's end is known
/// (the latest time in the file).
class JobsWithOpenEnds {
 public:
  /// Every time the file holds, so that the window's end is the latest of them.
  void note_time(std::optional<double> time_s);
  /// A job that started running at `start_s` and ended at `end_s` (absent: still running).
  void add(JobSpec job, double start_s, std::optional<double> end_s);
  /// Sets each job's measured_duration_s = end − start and moves it into out.jobs; a job of
  /// zero run time is left out ("ran for 0 s").
  void finish(ImportedTrace& out);

 private:
  struct Pending {
    JobSpec job;
    double start_s;
    std::optional<double> end_s;
  };
  std::vector<Pending> pending_;
  double window_end_s_ = 0;
};

/// Calls `convert(row)` for every data row of `table`. A row that is malformed or that
/// `convert` rejects (InputError) stops the import, or, with options.skip_bad_rows, is counted
/// in out.jobs.skipped_rows and passed over. Every row read counts in out.rows.
template <typename Convert>
void for_each_row(CsvTable& table, const ImportOptions& options, ImportedTrace& out, Convert&& convert) {
  CsvRecord empty;
  CsvRow row(table, empty);
  for (;;) {
    try {
      if (!table.next(row)) return;
      ++out.rows;
      convert(row);
    } catch (const InputError&) {
      if (!options.skip_bad_rows) throw;
      ++out.rows;
      ++out.jobs.skipped_rows;
    }
  }
}

/// "2023-11-16 18:17:03.9799600" (or with 'T' between date and time) as seconds since the Unix
/// epoch, the time taken as UTC; nullopt when the text is not such a time.
std::optional<double> parse_calendar_time(std::string_view text);

/// A calendar-time field (see parse_calendar_time), or the row's error.
double calendar_time(const CsvRow& row, std::size_t column);

/// A time field written either as seconds (a number) or as a calendar time; nullopt when
/// missing (empty or NaN).
std::optional<double> optional_time(const CsvRow& row, std::size_t column);

/// Sorts jobs by submit time (stable) and shifts them so that the earliest is submitted at 0
/// when `shift_to_zero`. InputError "PATH: no usable job ..." when none is left.
void finish_jobs(ImportedTrace& out, const std::string& path, bool shift_to_zero);

/// The same for requests: sorted by arrival (stable), the first one at 0.
void finish_requests(ImportedTrace& out, const std::string& path);

/// For machine lists: counts one machine of `ppus` accelerators of type `type` with `host`.
void count_machine(ClusterInventory& cluster, const std::string& type, int ppus, const HostResources& host);

/// Sorts the machine groups by type and size. InputError when the list holds no machine.
void finish_cluster(ImportedTrace& out, const std::string& path);

}  // namespace ppusim
