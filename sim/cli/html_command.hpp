// `ppusim report html`: the HTML page of an earlier run, from its output folder (docs/html-report.md).
#pragma once

#include <optional>
#include <ostream>
#include <string>

#include "sim/cli/command_registry.hpp"

namespace ppusim {

struct ReportHtmlOptions {
  std::string input;                  // a run's output folder, or its report.json
  std::optional<std::string> output;  // default: report.html beside report.json
};

/// Reads report.json (and jobs.csv beside it, for the job CDFs: without it the page says they
/// are missing and a warning goes to `err`), writes the page atomically, prints its path.
/// Throws InputError for a missing or unreadable report, a report of another schema version,
/// a bad jobs.csv or an output path that cannot be written.
void write_report_html(const ReportHtmlOptions& options, std::ostream& out, std::ostream& err);

/// `report` and its subcommand `report html`.
void add_report_commands(CLI::App& app, CommandRegistry& commands);

}  // namespace ppusim
