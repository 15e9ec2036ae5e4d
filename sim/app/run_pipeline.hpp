// The run of one scenario from input files to output files: read or draw its jobs, simulate,
// build the report, write report.json, time_series.csv and jobs.csv (and requests.csv and
// report.html when they apply) as one set. `ppusim run`, a sweep's grid point and the tests
// all go through here; the command line only adds progress on stderr and the summary table.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/config/scenario.hpp"
#include "sim/core/atomic_file.hpp"
#include "sim/metrics/run_observer.hpp"
#include "sim/report/report.hpp"
#include "workloads/job_spec.hpp"

namespace ppusim {

/// Writes an output file atomically; a path the file system refuses (a file where a folder
/// should be, no permission) is bad input (InputError), not an internal error.
void write_output(const std::string& path, const std::string& content);
/// Writes a set of files that belong together (write_files_atomically); errors as write_output.
void write_outputs(const std::vector<OutputFile>& files);

/// The scenario's jobs: read from its trace, or drawn from its generator with its seed.
JobTrace load_workload(const Scenario& scenario);
/// The jobs of `workload_source`'s trace or generator, prepared to run on `scenario`'s
/// hardware (measured durations with measured_on turned into FLOPs): `ppusim compare` runs
/// every scenario on the first one's jobs.
JobTrace load_workload_for(const Scenario& workload_source, const Scenario& scenario);

/// The scenario's jobs, after checking that the run fits in memory: a scenario that cannot is
/// refused before any job is drawn or read and before the platform is built, with the estimate,
/// rather than killed later (docs/robustness.md).
JobTrace load_workload_within_resources(const Scenario& scenario);

/// Who watches a run without taking part in it (sim/metrics/run_observer.hpp), besides the
/// partial time series that RunOutputChoices asks for.
struct RunWatchers {
  std::vector<RunObserver*> observers;      // called at every engine wake-up
  std::function<void()> on_simulation_end;  // once the simulation has ended, before the report
};

/// What a run writes besides report.json, time_series.csv, jobs.csv (and requests.csv when the
/// scenario has inference services).
struct RunOutputChoices {
  bool html = false;  // report.html (docs/html-report.md)
  /// time_series.partial.csv while the run goes, rewritten every this many wall seconds, and
  /// removed once the final outputs are written (partial_time_series.hpp); 0: never.
  double partial_every_s = 0;
};

/// Simulates `trace` on `scenario`, builds the report and writes every output into
/// simulation.output_dir as one set; returns the typed report (report.hpp). Throws InputError for bad input
/// or an output folder that cannot be written.
Report simulate_and_write(const Scenario& scenario, const JobTrace& trace, const RunOutputChoices& choices,
                          const RunWatchers& watchers = {});

}  // namespace ppusim
