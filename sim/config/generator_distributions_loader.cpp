#include "sim/config/generator_distributions_loader.hpp"

#include <algorithm>
#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>

#include "sim/config/plausible_bounds.hpp"
#include "sim/core/input_error.hpp"
#include "workloads/generated_model_shape.hpp"
#include "workloads/importers/format_registry.hpp"

namespace ppusim {
namespace {

constexpr std::int64_t kIntMax = std::numeric_limits<int>::max();

ArrivalSpec read_arrival(JsonReader r) {
  r.allow_only({"process", "amplitude", "peak_hour", "hourly_profile", "burst_multiplier", "mean_burst_s",
                "mean_calm_s"});
  ArrivalSpec a;
  a.process = r.choice<ArrivalSpec::Process>("process", {{"poisson", ArrivalSpec::Process::Poisson},
                                                         {"diurnal", ArrivalSpec::Process::Diurnal},
                                                         {"bursty", ArrivalSpec::Process::Bursty}});
  const bool diurnal = a.process == ArrivalSpec::Process::Diurnal;
  const bool bursty = a.process == ArrivalSpec::Process::Bursty;
  for (const char* key : {"amplitude", "peak_hour", "hourly_profile"})
    if (!diurnal && r.has(key)) r.fail_at(key, "found with this process, expected only with \"diurnal\"");
  for (const char* key : {"burst_multiplier", "mean_burst_s", "mean_calm_s"})
    if (!bursty && r.has(key)) r.fail_at(key, "found with this process, expected only with \"bursty\"");
  a.amplitude = r.number_or("amplitude", a.amplitude, NumberRange::at_least(0).at_most(1));
  a.peak_hour = r.number_or("peak_hour", a.peak_hour, NumberRange::at_least(0).below(24));
  if (r.has("hourly_profile")) {
    const nlohmann::json& profile = r.value().at("hourly_profile");
    const char* expected = "an array of 24 numbers >= 0, not all 0 (the relative rate in each hour)";
    if (!profile.is_array() || profile.size() != 24) r.fail_found("hourly_profile", expected);
    std::array<double, 24> rates{};
    double total = 0;
    for (std::size_t h = 0; h < 24; ++h) {
      if (!profile[h].is_number() || !(profile[h].get<double>() >= 0) ||
          !std::isfinite(profile[h].get<double>()))
        r.fail_found("hourly_profile", expected);
      rates[h] = profile[h].get<double>();
      total += rates[h];
    }
    if (!(total > 0)) r.fail_found("hourly_profile", expected);
    a.hourly_profile = rates;
  }
  a.burst_multiplier =
      r.number_or("burst_multiplier", a.burst_multiplier, NumberRange::positive().at_most(1e6));
  a.mean_burst_s = r.number_or("mean_burst_s", a.mean_burst_s, plausible::duration());
  a.mean_calm_s = r.number_or("mean_calm_s", a.mean_calm_s, plausible::duration());
  r.finish();
  return a;
}

SampleDistribution read_distribution(JsonReader r, const std::string& source_path) {
  using Kind = SampleDistribution::Kind;
  SampleDistribution d;
  d.kind = r.choice<Kind>("distribution", {{"lognormal", Kind::LogNormal},
                                           {"pareto", Kind::Pareto},
                                           {"bounded-pareto", Kind::BoundedPareto},
                                           {"weibull", Kind::Weibull},
                                           {"empirical", Kind::Empirical}});
  switch (d.kind) {
    case Kind::LogNormal:
      d.a = r.number("median", NumberRange::positive());
      d.b = r.number("sigma", NumberRange::non_negative());
      break;
    case Kind::Pareto:
      d.a = r.number("min", NumberRange::positive());
      d.b = r.number("alpha", NumberRange::positive());
      break;
    case Kind::BoundedPareto:
      d.a = r.number("min", NumberRange::positive());
      d.b = r.number("alpha", NumberRange::positive());
      d.c = r.number("max", NumberRange::positive());
      if (!(d.c > d.a))
        r.fail_found("max", "a number > " + r.path_of("min") + " (" + JsonReader::format_number(d.a) + ")");
      break;
    case Kind::Weibull:
      d.a = r.number("scale", NumberRange::positive());
      d.b = r.number("shape", NumberRange::positive());
      break;
    case Kind::Empirical: {
      const std::filesystem::path trace = r.string("trace");
      const std::filesystem::path base = std::filesystem::path(source_path).parent_path();
      d.trace_path = (trace.is_absolute() ? trace : (base / trace).lexically_normal()).string();
      d.trace_format = r.string_or("format", "ppusim");
      bool known = false;
      for (const TraceFormat& format : trace_formats()) known = known || format.name == d.trace_format;
      if (!known) r.fail_found("format", "a trace format (ppusim trace formats)");
      break;
    }
  }
  r.finish();
  return d;
}

/// A class's `ppu_type`: a chip name, a non-empty list of them, or "any" (then none: any chip).
/// Whether a pool has the chip is checked when the jobs arrive (a job no pool can run is
/// rejected and counted, docs/config.md "Requests").
std::vector<std::string> read_ppu_types(JsonReader& r) {
  if (!r.has("ppu_type")) return {};
  const nlohmann::json& value = r.value().at("ppu_type");
  std::vector<std::string> types;
  if (value.is_string() && !value.get_ref<const std::string&>().empty()) {
    if (value.get_ref<const std::string&>() != "any") types.push_back(value.get<std::string>());
    return types;
  }
  const bool list =
      value.is_array() && !value.empty() && std::all_of(value.begin(), value.end(), [](const auto& v) {
        return v.is_string() && !v.template get_ref<const std::string&>().empty();
      });
  if (!list) r.fail_found("ppu_type", "a chip name, a non-empty list of chip names, or \"any\"");
  for (const auto& name : value) types.push_back(name.get<std::string>());
  return types;
}

JobClassSpec read_job_class(JsonReader r, const std::string& source_path) {
  r.allow_only({"name", "weight", "min_ppus", "max_ppus", "size_alpha", "size", "runtime",
                "demand_eflop_days_per_year", "model", "data_bytes_per_s_per_ppu", "dataset", "ppu_type",
                "cpu_cores", "memory_gib"});
  JobClassSpec c;
  const auto count = IntegerRange::positive().at_most(kIntMax);
  c.name = r.string("name");
  // A demand-driven class draws jobs until its demand is met: its weight plays no part.
  c.demand_eflop_days_per_year =
      r.optional_number("demand_eflop_days_per_year", NumberRange::positive().at_most(1e9));
  c.weight = c.demand_eflop_days_per_year ? r.number_or("weight", 1, NumberRange::positive())
                                          : r.number("weight", NumberRange::positive());
  if (r.has("model")) {
    std::vector<std::pair<std::string_view, std::string_view>> shapes;
    for (const PublishedShape& shape : published_shapes()) shapes.emplace_back(shape.name, shape.name);
    c.model = std::string(r.choice<std::string_view>(
        "model", std::span<const std::pair<std::string_view, std::string_view>>(shapes)));
  }
  c.data_bytes_per_s_per_ppu =
      r.optional_number("data_bytes_per_s_per_ppu", NumberRange::non_negative().at_most(1e12));
  // Which dataset is checked against the scenario's storage once both are read
  // (scenario_loader.cpp); a dataset without a rate would be read by nobody.
  if (r.has("dataset")) {
    c.dataset = r.string("dataset");
    if (!c.data_bytes_per_s_per_ppu)
      r.fail_at("dataset",
                "found without \"data_bytes_per_s_per_ppu\", expected the rate its jobs read it at");
  }
  if (const auto v = r.optional_integer("min_ppus", count)) c.min_ppus = static_cast<int>(*v);
  if (const auto v = r.optional_integer("max_ppus", count)) c.max_ppus = static_cast<int>(*v);
  c.size_alpha = r.optional_number("size_alpha", NumberRange::non_negative());
  if (auto size = r.optional_object("size")) c.size = read_distribution(*size, source_path);
  if (auto runtime = r.optional_object("runtime")) c.runtime = read_distribution(*runtime, source_path);
  c.ppu_types = read_ppu_types(r);
  c.cpu_cores = r.number_or("cpu_cores", 0, NumberRange::non_negative().at_most(1e6));
  c.memory_bytes =
      r.number_or("memory_gib", 0, NumberRange::non_negative().at_most(1e9)) * 1024.0 * 1024.0 * 1024.0;
  r.finish();
  return c;
}

}  // namespace

void read_generator_distributions(JsonReader& r, const std::string& source_path, GeneratorSpec& generator) {
  if (auto arrival = r.optional_object("arrival")) generator.arrival = read_arrival(*arrival);
  if (auto size = r.optional_object("size")) generator.size = read_distribution(*size, source_path);
  if (auto runtime = r.optional_object("runtime"))
    generator.runtime = read_distribution(*runtime, source_path);
  if (r.has("classes")) {
    const nlohmann::json& classes = r.value().at("classes");
    if (!classes.is_array() || classes.empty()) r.fail_found("classes", "a non-empty array of job classes");
    std::size_t with_demand = 0;
    for (std::size_t i = 0; i < classes.size(); ++i) {
      generator.classes.push_back(read_job_class(
          JsonReader(classes[i], r.source(), r.path_of("classes") + "/" + std::to_string(i)), source_path));
      if (generator.classes.back().demand_eflop_days_per_year) ++with_demand;
    }
    // Either every class is drawn by weight or every class by its demand: a mix has no meaning.
    if (with_demand != 0 && with_demand != classes.size()) {
      for (std::size_t i = 0; i < classes.size(); ++i) {
        if (!generator.classes[i].demand_eflop_days_per_year) {
          throw InputError(r.source() + ": " + r.path_of("classes") + "/" + std::to_string(i) +
                           "/demand_eflop_days_per_year: missing, expected a demand on every class when one "
                           "class has one (" +
                           std::to_string(with_demand) + " of " + std::to_string(classes.size()) + " have)");
        }
      }
    }
  }
}

}  // namespace ppusim
