// A sweep's output folder on disk:
//
//   OUT/sweep-spec.json              what the results belong to (SweepSpec::identity)
//   OUT/points/<id>/seed-<s>/        one run: report.json, time_series.csv, jobs.csv, run.log
//   OUT/sweep.csv, sweep.json        the table (a whole sweep, or the merge of its shards)
//
// A run counts as done when its report.json says it was not interrupted and jobs.csv, the
// last file a run writes, is there; anything else (killed, failed) is run again.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/report/report.hpp"
#include "sim/sweep/sweep_grid.hpp"

namespace ppusim {

inline constexpr const char* kSweepSpecFile = "sweep-spec.json";

/// Writes OUT/sweep-spec.json; InputError if OUT already holds a different sweep.
void claim_sweep_folder(const std::string& folder, const SweepSpec& spec);

bool run_is_done(const std::string& folder, const SweepRun& run, const std::vector<SweepPoint>& points);

/// A finished run's report.json, read into the typed report; InputError naming the file and
/// the field when it is not a complete report.
Report read_run_report(const std::string& folder, const SweepRun& run, const std::vector<SweepPoint>& points);

/// Shard folders to merge: the identity they share, and for each run the folder holding it.
/// InputError when a folder is not a sweep, the identities differ, or a run is missing or
/// present in two folders.
struct MergedFolders {
  nlohmann::json identity;
  std::vector<std::string> folder_of_run;  // indexed by SweepRun::index
};
MergedFolders locate_shard_runs(const std::vector<std::string>& folders);

/// The spec a folder's sweep-spec.json describes (identity read back).
SweepSpec spec_from_identity(const nlohmann::json& identity, const std::string& source);

}  // namespace ppusim
