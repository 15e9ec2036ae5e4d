// The gate's inputs besides the tolerances: the report under test, and the reference it is
// compared with, which is either a baseline file written by `ppusim baseline` or a plain
// report.json (docs/ci.md, "The baseline file").
//
// A baseline file keeps the whole report, not only the metrics some tolerance file names
// today, so a gate can later watch more metrics without re-running the baseline scenario.
// It holds no date and no path, so regenerating it from the same run gives the same bytes and
// an intended update shows in review as exactly the numbers that moved.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "sim/report/report.hpp"

namespace ppusim {

/// Version of the baseline file's own layout (the key "ppusim_baseline"); the report inside
/// has its own schema_version.
constexpr int kBaselineFormatVersion = 1;

/// A report to read metrics from, and where it is, for messages.
struct ReportInput {
  Report report;  // read once from the file (report_from_json)
  // The same report as report.json writes it (report_to_json): the tolerance file names its
  // metrics by their JSON pointers there ("/utilization/busy", docs/ci.md).
  nlohmann::json metrics;
  std::string source;  // the file
  std::string
      prefix;  // JSON pointer of the report inside the file: "/report" in a baseline, "" in report.json
};

/// Reads a report.json of a schema this ppusim knows (1 to kReportSchemaVersion), from a run
/// that was not interrupted (an interrupted run's numbers cover part of it and would fail or
/// pass a gate by accident). Throws InputError naming the file and JSON path.
ReportInput load_report(const std::string& path);

/// Reads the reference of `ppusim check --baseline`: a baseline file or a plain report.json,
/// told apart by their top-level keys.
ReportInput load_reference(const std::string& path);

/// Throws InputError, naming the baseline, unless both reports have the same schema_version:
/// a field's meaning may differ between versions (docs/report.md), so numbers across
/// versions are not comparable.
void require_same_schema(const ReportInput& baseline, const ReportInput& report);

/// The baseline file for a checked report: {"ppusim_baseline": 1, "metadata": {...}, "report": ...}.
nlohmann::json make_baseline(const ReportInput& report);

}  // namespace ppusim
