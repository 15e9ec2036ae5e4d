#include "sim/gate/baseline.hpp"

#include "sim/core/input_error.hpp"
#include "sim/core/json_reader.hpp"

namespace ppusim {

using nlohmann::json;

namespace {

/// Checks that `input.report` is a complete run's report; fills in schema_version.
void check_report(ReportInput& input) {
  JsonReader reader(input.report, input.source, input.prefix);
  if (!input.report.is_object()) {
    reader.fail("found " + JsonReader::describe_value(input.report, true) +
                ", expected a report.json object (written by ppusim run)");
  }
  // Every report since schema 1 has both; schema_version alone would also accept a tolerance file.
  for (const char* key : {"schema_version", "ppusim_version"}) {
    if (!input.report.contains(key)) {
      reader.fail(std::string("no \"") + key + "\": not a report.json written by ppusim run");
    }
  }
  input.schema_version = reader.integer("schema_version", IntegerRange::positive());
  if (const auto stopped = reader.optional_number("interrupted_at_s")) {
    reader.fail_at("interrupted_at_s", "found " + JsonReader::format_number(*stopped) +
                                           ": the run was interrupted, so the report covers only part of "
                                           "it; expected a complete run (null)");
  }
}

json parse_file(const std::string& path) { return parse_json_text(read_text_file(path), path); }

}  // namespace

ReportInput load_report(const std::string& path) {
  ReportInput input{parse_file(path), path, "", 0};
  if (input.report.is_object() && input.report.contains("ppusim_baseline")) {
    throw InputError(path +
                     ": /: a baseline file (it has \"ppusim_baseline\"), expected a report.json "
                     "written by ppusim run");
  }
  check_report(input);
  return input;
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
    ReportInput input{std::move(document), path, "", 0};
    check_report(input);
    return input;
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
  ReportInput input{std::move(document["report"]), path, "/report", 0};
  check_report(input);
  return input;
}

void require_same_schema(const ReportInput& baseline, const ReportInput& report) {
  if (baseline.schema_version == report.schema_version) return;
  throw InputError(baseline.source + ": " + baseline.prefix +
                   "/schema_version: incompatible schema version: found " +
                   std::to_string(baseline.schema_version) + ", expected " +
                   std::to_string(report.schema_version) + " like " + report.source +
                   ": the baseline comes from a report of another schema version, whose fields may "
                   "mean other things; regenerate it (ppusim baseline, docs/ci.md)");
}

json make_baseline(const ReportInput& report) {
  const json& r = report.report;
  const auto field = [&](const char* pointer) {
    const json::json_pointer at(pointer);
    return r.contains(at) ? r.at(at) : json(nullptr);
  };
  return {{"ppusim_baseline", kBaselineFormatVersion},
          {"metadata",
           {{"written_by", "ppusim " PPUSIM_VERSION},
            {"report_ppusim_version", field("/ppusim_version")},
            {"report_schema_version", report.schema_version},
            {"scenario", field("/scenario/name")},
            {"seed", field("/scenario/seed")}}},
          {"report", r}};
}

std::string report_text(const ReportInput& input, const std::string& pointer) {
  const json::json_pointer at(pointer);
  if (!input.report.contains(at)) return "";
  const json& value = input.report.at(at);
  return value.is_string() ? value.get<std::string>() : value.dump();
}

}  // namespace ppusim
