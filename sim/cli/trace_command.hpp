// `ppusim trace import` and `ppusim trace stats` (docs/workloads.md, "Importing traces").
#pragma once

#include <optional>
#include <ostream>
#include <string>

#include "sim/cli/command_registry.hpp"
#include "workloads/importers/imported_trace.hpp"

namespace ppusim {

struct TraceImportOptions {
  std::string format;
  std::string input;
  std::string output;
  ImportOptions import;
};

/// Converts a foreign trace: jobs to ppusim's job trace, requests to the request format, a
/// machine list to a cluster fragment (JSON). Prints what it read, left out and skipped.
void import_trace_command(const TraceImportOptions& options, std::ostream& out);

struct TraceStatsOptions {
  std::string input;
  std::string format = "ppusim";
  bool json = false;
  ImportOptions import;
};

/// Prints the trace's statistics as a table, or as JSON with `json`.
void trace_stats_command(const TraceStatsOptions& options, std::ostream& out);

/// Prints the formats `--format` accepts.
void list_trace_formats(std::ostream& out);

/// `trace` and its subcommands generate, import, stats and formats.
void add_trace_commands(CLI::App& app, CommandRegistry& commands);

}  // namespace ppusim
