#include "sim/cli/plan_command.hpp"

#include <cstdio>
#include <filesystem>
#include <map>
#include <sstream>

#include "sim/cli/commands.hpp"
#include "sim/cli/sweep_runs.hpp"
#include "sim/config/input_error.hpp"
#include "sim/config/json_reader.hpp"
#include "sim/sweep/plan_search.hpp"
#include "sim/sweep/sweep_folder.hpp"
#include "sim/sweep/sweep_table.hpp"

namespace ppusim {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

/// What one candidate value showed: per target, the judged value and whether it passed.
struct CandidateEvidence {
  std::int64_t value = 0;
  bool passes = true;
  json metrics = json::object();
};

std::string number_text(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", value);
  return buffer;
}

/// The plan as a one-dimension sweep over the field, with the targets' pointers as metrics.
SweepSpec plan_spec(const PlanOptions& options, const std::vector<PlanTarget>& targets) {
  SweepSpec spec;
  spec.source = options.scenario_path;
  spec.base_path = options.scenario_path;
  spec.base = parse_json_text(read_text_file(options.scenario_path), options.scenario_path);
  const json::json_pointer field = parse_pointer(options.pointer, "--vary");
  if (!spec.base.contains(field)) {
    throw InputError(options.scenario_path + ": " + options.pointer +
                     ": missing, expected a field of the scenario for --vary to change");
  }
  for (int seed = 1; seed <= options.seeds; ++seed) spec.seeds.push_back(static_cast<std::uint64_t>(seed));
  for (const PlanTarget& target : targets) {
    if (std::find(spec.metrics.begin(), spec.metrics.end(), target.pointer) == spec.metrics.end()) {
      spec.metrics.push_back(target.pointer);
    }
  }
  return spec;
}

CandidateEvidence evaluate_candidate(const PlanOptions& options, SweepSpec spec,
                                     const std::vector<PlanTarget>& targets, std::int64_t value) {
  spec.dimensions = {{{options.pointer}, {{json(value)}}}};
  std::vector<SweepPoint> points = expand_grid(spec);
  points[0].id = std::to_string(value);
  scenario_of(spec, points[0], spec.seeds.front());  // a value that is not a valid scenario: exit 2 now
  const std::vector<SweepRun> runs = list_runs(spec, points.size());
  execute_sweep_runs(spec, points, runs, options.output_dir, options.parallel, nullptr);
  const SweepTable table = build_sweep_table(spec, points, runs, [&](const SweepRun& run) {
    return read_run_report(options.output_dir, run, points);
  });

  CandidateEvidence evidence;
  evidence.value = value;
  for (const PlanTarget& target : targets) {
    const std::size_t m = static_cast<std::size_t>(
        std::find(table.metrics.begin(), table.metrics.end(), target.pointer) - table.metrics.begin());
    const MetricCell& cell = table.cells[0][m];
    json entry = {{"mean", nullptr}, {"ci95_low", nullptr}, {"ci95_high", nullptr}, {"judged", nullptr}};
    bool met = false;  // a metric the runs do not have (null) meets nothing
    if (cell.summary) {
      const double judged = target.judged_value(*cell.summary, options.rule);
      met = target.met_by(judged);
      entry = {{"mean", cell.summary->mean},
               {"ci95_low", cell.summary->half_width ? json(cell.summary->lower()) : json(nullptr)},
               {"ci95_high", cell.summary->half_width ? json(cell.summary->upper()) : json(nullptr)},
               {"judged", judged}};
    }
    entry["met"] = met;
    evidence.metrics[target.text] = entry;
    evidence.passes = evidence.passes && met;
  }
  return evidence;
}

std::string format_evidence(const std::vector<PlanTarget>& targets,
                            const std::map<std::int64_t, CandidateEvidence>& tried,
                            const std::string& pointer) {
  std::ostringstream out;
  out << pointer;
  for (const PlanTarget& target : targets) out << "  |  " << target.text;
  out << "  |  verdict\n";
  for (const auto& [value, evidence] : tried) {
    out << value;
    for (const PlanTarget& target : targets) {
      const json& entry = evidence.metrics[target.text];
      out << "  |  " << (entry["judged"].is_null() ? "no value" : number_text(entry["judged"].get<double>()))
          << (entry["met"].get<bool>() ? " ok" : " FAIL");
    }
    out << "  |  " << (evidence.passes ? "pass" : "fail") << "\n";
  }
  return out.str();
}

}  // namespace

int plan_capacity(const PlanOptions& options, std::ostream& out, std::ostream& err) {
  if (options.targets.empty()) throw InputError("plan: found no --target, expected at least one");
  if (options.low > options.high) {
    throw InputError("plan: found --min " + std::to_string(options.low) + " above --max " +
                     std::to_string(options.high) + ", expected min <= max");
  }
  std::vector<PlanTarget> targets;
  for (const std::string& text : options.targets) targets.push_back(parse_plan_target(text));
  const SweepSpec spec = plan_spec(options, targets);
  // The two ends of the range must be valid scenarios before anything runs.
  for (std::int64_t end : {options.low, options.high}) {
    SweepSpec one = spec;
    one.dimensions = {{{options.pointer}, {{json(end)}}}};
    scenario_of(one, expand_grid(one)[0], 1);
  }

  std::map<std::int64_t, CandidateEvidence> tried;
  const PlanSearchResult result = find_smallest_passing(options.low, options.high, [&](std::int64_t value) {
    CandidateEvidence evidence = evaluate_candidate(options, spec, targets, value);
    if (!options.quiet) {
      err << "  " << options.pointer << " = " << value << ": " << (evidence.passes ? "pass" : "fail") << "\n";
    }
    const bool passes = evidence.passes;
    tried[value] = std::move(evidence);
    return passes;
  });

  const char* rule = options.rule == TargetRule::Mean ? "mean" : "ci";
  json candidates = json::array();
  for (std::int64_t value : result.tried) {
    candidates.push_back(
        {{"value", value}, {"passes", tried[value].passes}, {"targets", tried[value].metrics}});
  }
  const json plan = {{"scenario", options.scenario_path},
                     {"vary", options.pointer},
                     {"range", {options.low, options.high}},
                     {"targets", options.targets},
                     {"seeds", spec.seeds},
                     {"rule", rule},
                     {"answer", result.smallest_passing ? json(*result.smallest_passing) : json(nullptr)},
                     {"candidates", candidates}};
  write_output((fs::path(options.output_dir) / "plan.json").string(), plan.dump(2) + "\n");
  if (!options.quiet) {
    out << format_evidence(targets, tried, options.pointer);
    out << "targets judged on the " << (options.rule == TargetRule::Mean ? "mean" : "pessimistic 95% bound")
        << " over " << spec.seeds.size() << (spec.seeds.size() == 1 ? " seed\n" : " seeds\n");
    if (result.smallest_passing) {
      out << "answer: " << options.pointer << " = " << *result.smallest_passing << "\n";
    } else {
      out << "answer: none: even " << options.pointer << " = " << options.high << " misses a target\n";
    }
    out << "  plan: " << (fs::path(options.output_dir) / "plan.json").string() << "\n";
  }
  return result.smallest_passing ? 0 : 1;
}

}  // namespace ppusim
