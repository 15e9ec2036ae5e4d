// What each `ppusim` subcommand does, as functions the command line (main.cpp) calls and the
// tests can call too. The run itself (load, simulate, report, write) is sim/app/run_pipeline.hpp. Each
// returns the process exit code: 0 success, 2 bad input.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "sim/app/partial_time_series.hpp"
#include "sim/app/run_pipeline.hpp"
#include "sim/cli/command_registry.hpp"
#include "sim/config/scenario.hpp"
#include "workloads/job_spec.hpp"

namespace ppusim {

struct RunOptions {
  std::string scenario_path;
  std::optional<std::string> output_dir;  // overrides simulation.output_dir
  std::optional<std::uint64_t> seed;      // overrides simulation.seed
  bool skip_bad_rows = false;             // or workload.skip_bad_rows
  bool quiet = false;                     // no summary table
  bool html = false;                      // also write report.html (docs/html-report.md)
  bool progress = false;                  // progress lines on stderr even when it is no terminal
  double partial_every_s =
      kDefaultPartialEveryS;  // time_series.partial.csv every this many wall seconds; 0: never
};

/// Loads the scenario with the command-line overrides applied.
Scenario load_scenario_for_run(const RunOptions& options);

/// Simulates, writes report.json, time_series.csv and jobs.csv into the output folder, prints the
/// summary table. Throws InputError for bad input.
nlohmann::json run_scenario(const RunOptions& options, std::ostream& out);

/// Checks a scenario and its workload without simulating; prints what it found.
void validate_scenario(const std::string& path, std::ostream& out);

/// Writes the jobs the scenario's generator draws, in the trace format.
void generate_trace(const std::string& scenario_path, const std::string& output_path,
                    std::optional<std::uint64_t> seed, std::ostream& out);

struct CheckOptions {
  std::string report_path;
  std::string baseline_path;  // a baseline file (ppusim baseline) or a plain report.json
  std::string tolerances_path;
  std::optional<std::string> junit_path;
};

/// The CI gate (docs/ci.md): compares the report's metrics with the baseline's under the
/// tolerances, prints the diff table, writes the JUnit file if asked. Returns 0 when every
/// metric is within tolerance, 1 when at least one is not. Throws InputError for bad input,
/// after writing a JUnit file that holds the error (if one was asked for).
int check_report(const CheckOptions& options, std::ostream& out, std::ostream& err);

/// Writes the baseline file of a complete run's report.json (docs/ci.md).
void write_baseline(const std::string& report_path, const std::string& output_path, std::ostream& out);

/// `run`, `validate`, `check` and `baseline`.
void add_run_command(CLI::App& app, CommandRegistry& commands);
void add_validate_command(CLI::App& app, CommandRegistry& commands);
void add_check_command(CLI::App& app, CommandRegistry& commands);
void add_baseline_command(CLI::App& app, CommandRegistry& commands);

}  // namespace ppusim
