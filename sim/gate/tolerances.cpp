#include "sim/gate/tolerances.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "sim/core/json_reader.hpp"

namespace ppusim {

using nlohmann::json;

const char* direction_name(Direction direction) {
  switch (direction) {
    case Direction::HigherIsWorse:
      return "higher-is-worse";
    case Direction::LowerIsWorse:
      return "lower-is-worse";
    case Direction::Both:
      return "both";
  }
  return "unknown";
}

double MetricTolerance::allowed_change(double baseline) const {
  return std::max(absolute.value_or(0.0), relative.value_or(0.0) * std::fabs(baseline));
}

namespace {

/// The key must be a JSON pointer to something inside the report: RFC 6901 syntax, not the
/// root. Whether it names a number is checked later, against the baseline.
void check_pointer_syntax(const JsonReader& metrics, const std::string& key) {
  const std::string example = "a JSON pointer to one number of report.json, like \"/utilization/busy\"";
  if (key.empty()) metrics.fail_at(key, "the empty pointer names the whole report; expected " + example);
  try {
    json::json_pointer pointer(key);
  } catch (const json::exception&) {
    metrics.fail_at(key, "found \"" + key + "\", expected " + example +
                             " (starting with \"/\", with \"~0\" for \"~\" and \"~1\" for \"/\" in a key)");
  }
}

}  // namespace

ToleranceSet parse_tolerances(const json& document, const std::string& source) {
  JsonReader root(document, source);
  root.require_object();
  // Said first: another JSON file passed by mistake (a report) would otherwise be reported
  // for its first unknown key, which hides the real mistake.
  if (!document.contains("metrics")) root.fail("no \"metrics\": not a ppusim tolerance file (docs/ci.md)");
  root.allow_only({"schema_version", "note", "metrics"});
  const std::int64_t version = root.integer("schema_version", IntegerRange::positive());
  if (version != kToleranceSchemaVersion) {
    root.fail_at("schema_version", "found " + std::to_string(version) + ", expected " +
                                       std::to_string(kToleranceSchemaVersion) +
                                       ": this ppusim reads tolerance files of that version only");
  }
  root.optional_string("note", false);

  JsonReader metrics = root.object("metrics");
  // An empty gate would pass every report, which is never what its author meant.
  if (metrics.value().empty()) {
    metrics.fail("found an empty object, expected at least one metric (\"/utilization/busy\": {...})");
  }
  ToleranceSet set;
  set.source = source;
  for (const auto& item : metrics.value().items()) {
    const std::string& key = item.key();
    check_pointer_syntax(metrics, key);
    JsonReader entry = metrics.object(key);
    entry.allow_only({"direction", "absolute", "relative", "note"});
    MetricTolerance tolerance;
    tolerance.pointer = key;
    tolerance.entry_path = entry.path();
    tolerance.direction = entry.choice<Direction>("direction", {{"higher-is-worse", Direction::HigherIsWorse},
                                                                {"lower-is-worse", Direction::LowerIsWorse},
                                                                {"both", Direction::Both}});
    tolerance.absolute = entry.optional_number("absolute", NumberRange::non_negative());
    tolerance.relative = entry.optional_number("relative", NumberRange::non_negative());
    // No silent default: zero tolerance must be asked for, as "absolute": 0.
    if (!tolerance.absolute && !tolerance.relative) {
      entry.fail(
          "no tolerance given, expected \"absolute\", \"relative\" or both (\"absolute\": 0 allows no "
          "worse change at all)");
    }
    tolerance.note = entry.string_or("note", "", false);
    set.metrics.push_back(std::move(tolerance));
  }
  return set;
}

ToleranceSet load_tolerances(const std::string& path) {
  return parse_tolerances(parse_json_text(read_text_file(path), path), path);
}

}  // namespace ppusim
