#include "sim/gate/baseline.hpp"

#include "sim/core/input_error.hpp"
#include "sim/core/json_reader.hpp"
#include "sim/report/report_json.hpp"

namespace ppusim {

using nlohmann::json;

namespace {

/// Reads `document` (the report at `prefix` in `source`) into the typed report: a complete
/// run's report of a schema this ppusim knows.
ReportInput read_report(const json& document, const std::string& source, const std::string& prefix) {
  JsonReader reader(document, source, prefix);
  if (!document.is_object()) {
    reader.fail("found " + JsonReader::describe_value(document, true) +
                ", expected a report.json object (written by ppusim run)");
  }
  // Every report since schema 1 has both; schema_version alone would also accept a tolerance file.
  for (const char* key : {"schema_version", "ppusim_version"}) {
    if (!document.contains(key)) {
      reader.fail(std::string("no \"") + key + "\": not a report.json written by ppusim run");
    }
  }
  // A newer schema is named here, in the file that has it: comparing two versions first blamed
  // the baseline for a schema-99 report (issue #16).
  const std::int64_t version = reader.integer("schema_version", IntegerRange::positive());
  if (version > kReportSchemaVersion) {
    reader.fail_at("schema_version", "found " + std::to_string(version) + ", expected 1 to " +
                                         std::to_string(kReportSchemaVersion) +
                                         ": a report schema newer than this ppusim (" + PPUSIM_VERSION +
                                         ") knows; use the ppusim that wrote it");
  }
  ReportInput input{report_from_json(document, source, prefix), json(), source, prefix};
  if (input.report.interrupted_at_s) {
    reader.fail_at("interrupted_at_s", "found " + JsonReader::format_number(*input.report.interrupted_at_s) +
                                           ": the run was interrupted, so the report covers only part of "
                                           "it; expected a complete run (null)");
  }
  input.metrics = report_to_json(input.report);
  return input;
}

json parse_file(const std::string& path) { return parse_json_text(read_text_file(path), path); }

}  // namespace

ReportInput load_report(const std::string& path) {
  const json document = parse_file(path);
  if (document.is_object() && document.contains("ppusim_baseline")) {
    throw InputError(path +
                     ": /: a baseline file (it has \"ppusim_baseline\"), expected a report.json "
                     "written by ppusim run");
  }
  return read_report(document, path, "");
}

ReportInput load_reference(const std::string& path) {
  json document = parse_file(path);
  JsonReader root(document, path);
  root.require_object();
  if (!document.contains("ppusim_baseline")) {
    if (!document.contains("schema_version") || !document.contains("ppusim_version")) {
      root.fail(
          "found neither \"ppusim_baseline\" (a baseline file, written by ppusim baseline) nor "
          "\"schema_version\" and \"ppusim_version\" (a report.json, written by ppusim run), expected one "
          "of them");
    }
    return read_report(document, path, "");
  }
  root.allow_only({"ppusim_baseline", "metadata", "report"});
  const std::int64_t format = root.integer("ppusim_baseline", IntegerRange::positive());
  if (format != kBaselineFormatVersion) {
    root.fail_at("ppusim_baseline", "found " + std::to_string(format) + ", expected " +
                                        std::to_string(kBaselineFormatVersion) +
                                        ": a baseline format this ppusim does not read; regenerate "
                                        "the baseline with this ppusim (ppusim baseline)");
  }
  root.optional_object("metadata");  // for people reading the file; the report is authoritative
  root.object("report");             // present and an object, or a message saying so
  return read_report(document.at("report"), path, "/report");
}

void require_same_schema(const ReportInput& baseline, const ReportInput& report) {
  if (baseline.report.schema_version == report.report.schema_version) return;
  throw InputError(baseline.source + ": " + baseline.prefix +
                   "/schema_version: incompatible schema version: found " +
                   std::to_string(baseline.report.schema_version) + ", expected " +
                   std::to_string(report.report.schema_version) + " like " + report.source +
                   ": the baseline comes from a report of another schema version, whose fields may "
                   "mean other things; regenerate it (ppusim baseline, docs/ci.md)");
}

json make_baseline(const ReportInput& input) {
  const Report& r = input.report;
  return {{"ppusim_baseline", kBaselineFormatVersion},
          {"metadata",
           {{"written_by", "ppusim " PPUSIM_VERSION},
            {"report_ppusim_version", r.ppusim_version},
            {"report_schema_version", r.schema_version},
            {"scenario", r.scenario.name},
            {"seed", r.scenario.seed}}},
          {"report", input.metrics}};
}

}  // namespace ppusim
