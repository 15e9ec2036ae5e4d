// `ppusim sweep SPEC.json` and `ppusim sweep merge DIR...` (docs/sweeps.md): every grid point
// × seed simulated in a process of its own, `-j` at a time, then one table of means and 95%
// confidence intervals across seeds. `--shard I/N` runs one slice (a Slurm array task, a
// Kubernetes indexed job); merge joins the slices into the same table.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "sim/cli/command_registry.hpp"

namespace ppusim {

struct SweepOptions {
  std::string spec_path;
  std::optional<std::string> output_dir;  // default: out/sweep-<spec file stem>
  int parallel = 1;                       // runs at the same time
  std::optional<std::string> shard;       // "I/N"
  bool quiet = false;                     // no table, no per-run lines
};

/// Runs the sweep (or its shard) and, when it ran every run, writes sweep.csv and sweep.json
/// and prints the table. Runs already done in the output folder are not run again. Throws
/// InputError for a bad spec (before anything runs) or a run that failed on bad input.
void run_sweep(const SweepOptions& options, std::ostream& out, std::ostream& err);

struct SweepMergeOptions {
  std::vector<std::string> folders;
  std::string output_dir;
  bool quiet = false;
};

/// Joins shard folders into the sweep's table, written to output_dir.
void merge_sweep(const SweepMergeOptions& options, std::ostream& out);

/// `sweep` and `sweep merge`.
void add_sweep_commands(CLI::App& app, CommandRegistry& commands);

}  // namespace ppusim
