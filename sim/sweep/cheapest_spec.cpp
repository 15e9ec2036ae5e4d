#include "sim/sweep/cheapest_spec.hpp"

#include <algorithm>
#include <set>

#include "sim/core/input_error.hpp"
#include "sim/core/json_reader.hpp"
#include "sim/report/report_skeleton.hpp"
#include "sim/sweep/metric_validation.hpp"

namespace ppusim {

using json = nlohmann::json;

namespace {

SweepPoint read_candidate(JsonReader& candidate, const json& base, std::size_t index, std::string& name) {
  candidate.require_object();
  candidate.allow_only({"name", "set", "description"});
  candidate.ignore("description");
  name = candidate.string("name");
  JsonReader set = candidate.object("set");
  SweepPoint point;
  point.id = "c" + std::to_string(index);
  point.label = candidate.path() + " (\"" + name + "\")";
  for (const auto& [pointer, value] : set.value().items()) {
    require_base_field(set, base, pointer);
    point.settings.emplace_back(pointer, value);
  }
  candidate.finish();
  return point;
}

}  // namespace

CheapestSpec load_cheapest_spec(const std::string& path) {
  const json document = parse_json_text(read_text_file(path), path);
  JsonReader reader(document, path);
  // A scenario given where a spec is expected: say so instead of listing its keys as unknown.
  if (document.is_object() && document.contains("ppu") && !document.contains("base")) {
    throw InputError(path +
                     ": found a scenario (it has \"ppu\"), expected a spec with \"base\" naming one: "
                     "run a scenario with `ppusim run`; docs/sweeps.md shows a spec");
  }
  reader.require_object();
  reader.allow_only({"description", "base", "seeds", "targets", "rule", "rank_by", "candidates"});
  reader.ignore("description");
  CheapestSpec spec;
  spec.runs.source = path;
  read_sweep_base(reader, spec.runs);
  spec.runs.seeds = read_sweep_seeds(reader);
  spec.targets = read_plan_targets(reader, spec.target_paths);
  spec.rule = reader.choice_or<TargetRule>("rule", TargetRule::Mean,
                                           {{"mean", TargetRule::Mean}, {"ci", TargetRule::ConfidenceBound}});
  spec.rank_by = reader.string_or("rank_by", kDefaultRankMetric);
  parse_pointer(spec.rank_by, path + ": " + reader.path_of("rank_by"));

  const std::string expected = "a non-empty list of candidates, each {\"name\": ..., \"set\": {...}}";
  if (!reader.has("candidates") || !document["candidates"].is_array())
    reader.fail_found("candidates", expected);
  if (document["candidates"].empty())
    reader.fail_at("candidates", "found an empty list, expected " + expected);
  const json& candidates = document["candidates"];
  std::set<std::string> names;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    JsonReader candidate(candidates[i], path, reader.path_of("candidates") + "/" + std::to_string(i));
    std::string name;
    spec.candidates.push_back(read_candidate(candidate, spec.runs.base, i, name));
    if (!names.insert(name).second)
      candidate.fail_at("name", "\"" + name + "\" is used twice, expected a name of its own");
    spec.names.push_back(name);
  }
  reader.finish();

  for (const PlanTarget& target : spec.targets) spec.runs.metrics.push_back(target.pointer);
  spec.runs.metrics.push_back(spec.rank_by);
  // A pointer listed twice (a target on the cost itself) is summarised once.
  std::vector<std::string> unique;
  for (const std::string& metric : spec.runs.metrics) {
    if (std::find(unique.begin(), unique.end(), metric) == unique.end()) unique.push_back(metric);
  }
  spec.runs.metrics = unique;
  return spec;
}

void check_cheapest_spec(const CheapestSpec& spec) {
  for (std::size_t i = 0; i < spec.candidates.size(); ++i) {
    const json skeleton =
        report_skeleton(scenario_of(spec.runs, spec.candidates[i], spec.runs.seeds.front()));
    for (std::size_t t = 0; t < spec.targets.size(); ++t) {
      require_report_metric(skeleton, spec.targets[t].pointer, spec.target_paths[t]);
    }
    require_report_metric(skeleton, spec.rank_by, spec.runs.source + ": /rank_by");
  }
}

}  // namespace ppusim
