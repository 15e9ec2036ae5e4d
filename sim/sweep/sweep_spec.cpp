#include "sim/sweep/sweep_spec.hpp"

#include <filesystem>
#include <set>

#include "sim/core/input_error.hpp"
#include "sim/core/json_reader.hpp"

namespace ppusim {

using json = nlohmann::json;

namespace {

/// A dimension from an object of pointer → list of values (one "grid" entry, or one "zip"
/// group with lists of equal length).
SweepDimension read_dimension(JsonReader& reader, const json& base, std::set<std::string>& seen) {
  reader.require_object();
  if (reader.value().empty()) reader.fail("found an empty object, expected at least one JSON pointer");
  SweepDimension dimension;
  std::size_t levels = 0;
  for (const auto& [pointer, values] : reader.value().items()) {
    require_base_field(reader, base, pointer);
    if (!seen.insert(pointer).second) reader.fail_at(pointer, "swept twice, expected each field once");
    if (!values.is_array() || values.empty()) {
      reader.fail_found(pointer, "a non-empty list of values");
    }
    if (dimension.pointers.empty()) {
      levels = values.size();
      dimension.levels.resize(levels);
    } else if (values.size() != levels) {
      reader.fail_at(pointer, "found " + std::to_string(values.size()) + " values, expected " +
                                  std::to_string(levels) + " like the other fields of this zip group");
    }
    dimension.pointers.push_back(pointer);
    for (std::size_t i = 0; i < levels; ++i) dimension.levels[i].push_back(values[i]);
  }
  return dimension;
}

}  // namespace

void require_base_field(JsonReader& reader, const json& base, const std::string& pointer) {
  reader.ignore(pointer);
  const json::json_pointer parsed = parse_pointer(pointer, reader.source() + ": " + reader.path_of(pointer));
  if (!base.contains(parsed)) {
    reader.fail_at(pointer, "the base scenario has no field " + pointer + ", expected a field it has");
  }
}

std::vector<std::uint64_t> read_sweep_seeds(JsonReader& reader) {
  if (!reader.has("seeds")) reader.fail_found("seeds", "a list of seeds or {\"count\": N}");
  const json& seeds = reader.value()["seeds"];
  std::vector<std::uint64_t> result;
  if (seeds.is_array()) {
    if (seeds.empty()) reader.fail_found("seeds", "a non-empty list of seeds, or {\"count\": N}");
    std::set<std::uint64_t> unique;
    for (std::size_t i = 0; i < seeds.size(); ++i) {
      // Parsed text holds non-negative integers as unsigned; documents built in code may not.
      const bool non_negative_integer = seeds[i].is_number_unsigned() ||
                                        (seeds[i].is_number_integer() && seeds[i].get<std::int64_t>() >= 0);
      if (!non_negative_integer) {
        reader.fail_at("seeds", "[" + std::to_string(i) + "]: found " +
                                    JsonReader::describe_value(seeds[i], true) +
                                    ", expected an integer from 0 to 18446744073709551615");
      }
      const auto seed = seeds[i].get<std::uint64_t>();
      if (!unique.insert(seed).second)
        reader.fail_at("seeds", "seed " + std::to_string(seed) + " is listed twice");
      result.push_back(seed);
    }
    return result;
  }
  if (!seeds.is_object()) reader.fail_found("seeds", "a list of seeds or {\"count\": N, \"first\": S}");
  JsonReader counted = reader.object("seeds");
  const std::int64_t count = counted.integer("count", IntegerRange::between(1, 100000));
  const std::uint64_t first = counted.optional_unsigned("first").value_or(1);
  counted.finish();
  if (first + static_cast<std::uint64_t>(count - 1) < first)
    counted.fail_at("first", "the seeds overflow 2^64 - 1");
  for (std::int64_t i = 0; i < count; ++i) result.push_back(first + static_cast<std::uint64_t>(i));
  return result;
}

void read_sweep_base(JsonReader& reader, SweepSpec& spec) {
  const std::filesystem::path base(reader.string("base"));
  spec.base_path =
      base.is_absolute() ? base.string() : (std::filesystem::path(spec.source).parent_path() / base).string();
  spec.base = parse_json_text(read_text_file(spec.base_path), spec.base_path);
}

json::json_pointer parse_pointer(const std::string& text, const std::string& where) {
  try {
    json::json_pointer pointer(text);
    if (text.empty())
      throw InputError(where + ": found \"\", expected a JSON pointer to a field such as /cluster/nodes");
    return pointer;
  } catch (const json::exception&) {
    throw InputError(where + ": found \"" + text +
                     "\", expected a JSON pointer (RFC 6901) such as /cluster/nodes or /grid/0/value");
  }
}

const std::vector<std::string>& default_sweep_metrics() {
  static const std::vector<std::string> metrics{
      "/utilization/allocated",       "/utilization/delivered_flops",      "/jobs/queueing_delay_s/p90",
      "/jobs/completion_time_s/mean", "/cost/usd_per_delivered_pflop_day", "/goodput"};
  return metrics;
}

json SweepSpec::identity() const {
  json grid = json::array();
  for (const SweepDimension& dimension : dimensions) {
    grid.push_back({{"pointers", dimension.pointers}, {"levels", dimension.levels}});
  }
  return {{"base", base}, {"grid", grid}, {"seeds", seeds}, {"metrics", metrics}};
}

SweepSpec parse_sweep_spec(const json& document, const std::string& source) {
  // A scenario given where a spec is expected: say so instead of listing its keys as unknown.
  if (document.is_object() && document.contains("ppu") && !document.contains("base")) {
    throw InputError(source +
                     ": found a scenario (it has \"ppu\"), expected a spec with \"base\" naming one: "
                     "run a scenario with `ppusim run`; docs/sweeps.md shows a spec");
  }
  JsonReader reader(document, source);
  reader.allow_only({"description", "base", "grid", "zip", "seeds", "metrics"});
  reader.ignore("description");
  SweepSpec spec;
  spec.source = source;
  read_sweep_base(reader, spec);

  std::set<std::string> seen;
  if (auto grid = reader.optional_object("grid")) {
    // Each pointer of "grid" is a dimension of its own.
    for (const auto& [pointer, values] : grid->value().items()) {
      json single = json::object();
      single[pointer] = values;
      JsonReader one(single, source, "/grid");
      spec.dimensions.push_back(read_dimension(one, spec.base, seen));
      grid->ignore(pointer);
    }
  }
  if (reader.has("zip")) {
    const json& zip = document["zip"];
    if (!zip.is_array())
      reader.fail_found("zip", "a list of objects, each mapping JSON pointers to value lists");
    for (std::size_t i = 0; i < zip.size(); ++i) {
      JsonReader group(zip[i], source, reader.path_of("zip") + "/" + std::to_string(i));
      spec.dimensions.push_back(read_dimension(group, spec.base, seen));
    }
  }
  if (spec.dimensions.empty())
    reader.fail("found no \"grid\" or \"zip\", expected at least one field to sweep");
  spec.seeds = read_sweep_seeds(reader);

  if (reader.has("metrics")) {
    const json& metrics = document["metrics"];
    if (!metrics.is_array() || metrics.empty())
      reader.fail_found("metrics", "a non-empty list of JSON pointers");
    for (std::size_t i = 0; i < metrics.size(); ++i) {
      const std::string where = source + ": " + reader.path_of("metrics") + "/" + std::to_string(i);
      if (!metrics[i].is_string()) {
        throw InputError(where + ": found " + JsonReader::describe_value(metrics[i], true) +
                         ", expected a JSON pointer into report.json such as /utilization/allocated");
      }
      parse_pointer(metrics[i].get<std::string>(), where);
      spec.metrics.push_back(metrics[i].get<std::string>());
    }
  }
  reader.finish();
  return spec;
}

SweepSpec load_sweep_spec(const std::string& path) {
  return parse_sweep_spec(parse_json_text(read_text_file(path), path), path);
}

}  // namespace ppusim
