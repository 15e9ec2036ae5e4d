// What each `ppusim` subcommand does, as functions the command line (main.cpp) calls and the
// tests can call too. Each returns the process exit code: 0 success, 2 bad input.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>

#include "sim/config/scenario.hpp"
#include "workloads/job_spec.hpp"

namespace ppusim {

struct RunOptions {
  std::string scenario_path;
  std::optional<std::string> output_dir;  // overrides simulation.output_dir
  std::optional<std::uint64_t> seed;      // overrides simulation.seed
  bool skip_bad_rows = false;             // or workload.skip_bad_rows
  bool quiet = false;                     // no summary table
};

/// The scenario's jobs: read from its trace, or drawn from its generator with its seed.
JobTrace load_workload(const Scenario& scenario);

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

}  // namespace ppusim
