#include "sim/cli/plan_command.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <optional>

#include "sim/cli/cheapest_command.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/common_options.hpp"
#include "sim/cli/growth_command.hpp"
#include "sim/core/excerpt.hpp"
#include "sim/core/input_error.hpp"
#include "sim/core/json_reader.hpp"
#include "sim/report/report_skeleton.hpp"
#include "sim/sweep/metric_validation.hpp"
#include "sim/sweep/plan_evidence.hpp"
#include "sim/sweep/plan_search.hpp"
#include "sim/sweep/sweep_folder.hpp"
#include "sim/sweep/sweep_runs.hpp"
#include "sim/sweep/sweep_table.hpp"
#include "sim/sweep/text_columns.hpp"

namespace ppusim {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

/// What one candidate value showed: per target, the judged value and whether it passed.
struct CandidateEvidence {
  std::int64_t value = 0;
  bool passes = true;
  json metrics = json::object();
  std::optional<double> rejected_jobs;  // mean across seeds of /jobs/rejected
};

/// Jobs too large for the cluster are rejected, not queued, so a queueing target can pass
/// because jobs were turned away. The plan watches this metric even when no target names it.
constexpr const char* kRejectedJobs = "/jobs/rejected";

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
  const json& current = spec.base.at(field);
  if (!current.is_number() || current.get<double>() != std::floor(current.get<double>())) {
    throw InputError(options.scenario_path + ": " + options.pointer + ": found " + excerpt(current.dump()) +
                     ", expected an integer field for --vary (plan bisects integers, such as "
                     "/cluster/nodes; to compare settings that are not numbers, use ppusim sweep or "
                     "ppusim plan cheapest)");
  }
  for (int seed = 1; seed <= options.seeds; ++seed) spec.seeds.push_back(static_cast<std::uint64_t>(seed));
  for (const PlanTarget& target : targets) {
    if (std::find(spec.metrics.begin(), spec.metrics.end(), target.pointer) == spec.metrics.end()) {
      spec.metrics.push_back(target.pointer);
    }
  }
  if (std::find(spec.metrics.begin(), spec.metrics.end(), kRejectedJobs) == spec.metrics.end())
    spec.metrics.push_back(kRejectedJobs);
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

  TargetVerdicts verdicts = judge_targets(table, 0, targets, options.rule);
  const auto rejected = std::find(table.metrics.begin(), table.metrics.end(), kRejectedJobs);
  const MetricCell& cell = table.cells[0][static_cast<std::size_t>(rejected - table.metrics.begin())];
  return {value, verdicts.passes, std::move(verdicts.targets),
          cell.summary ? std::optional<double>(cell.summary->mean) : std::nullopt};
}

std::string format_evidence(const std::vector<PlanTarget>& targets,
                            const std::map<std::int64_t, CandidateEvidence>& tried,
                            const std::string& pointer) {
  std::vector<std::vector<std::string>> rows{{pointer}};
  for (const PlanTarget& target : targets) rows[0].push_back(target.text);
  rows[0].push_back("verdict");
  for (const auto& [value, evidence] : tried) {
    std::vector<std::string> row{std::to_string(value)};
    for (const PlanTarget& target : targets) {
      row.push_back(verdict_cell(evidence.metrics[target.text]));
    }
    row.push_back(evidence.passes ? "pass" : "fail");
    rows.push_back(row);
  }
  return align_columns(rows);
}

/// What the evidence says the answer cannot: targets that were not monotone on the values
/// tried, and jobs rejected at the answer that no target counts (issue #16).
std::vector<std::string> plan_warnings(const PlanOptions& options, const std::vector<PlanTarget>& targets,
                                       const std::map<std::int64_t, CandidateEvidence>& tried,
                                       std::optional<std::int64_t> answer) {
  std::vector<std::string> warnings;
  for (const PlanTarget& target : targets) {
    std::vector<JudgedPoint> points;
    for (const auto& [value, evidence] : tried) {
      const json& judged = evidence.metrics[target.text]["judged"];
      if (judged.is_number()) points.push_back({value, judged.get<double>()});
    }
    const std::string warning = monotonicity_warning(target, points, options.pointer);
    if (!warning.empty()) warnings.push_back(warning);
  }
  const bool counted = std::any_of(targets.begin(), targets.end(),
                                   [](const PlanTarget& target) { return target.pointer == kRejectedJobs; });
  if (answer && !counted) {
    const std::optional<double> rejected = tried.at(*answer).rejected_jobs;
    if (rejected && *rejected > 0) {
      warnings.push_back("at the answer, " + short_number(*rejected) +
                         " jobs per run were rejected (too large " +
                         "for the cluster: turned away, not queued), and no target counts them; add " +
                         "--target '/jobs/rejected<=0' to require that every job can run");
    }
  }
  return warnings;
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
  // The two ends of the range must be valid scenarios, and each target a number of their
  // reports, before anything runs.
  for (std::int64_t end : {options.low, options.high}) {
    SweepSpec one = spec;
    one.dimensions = {{{options.pointer}, {{json(end)}}}};
    const json skeleton = report_skeleton(scenario_of(one, expand_grid(one)[0], 1));
    for (const PlanTarget& target : targets)
      require_report_metric(skeleton, target.pointer, "--target " + target.text);
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

  const std::vector<std::string> warnings = plan_warnings(options, targets, tried, result.smallest_passing);
  const char* rule = options.rule == TargetRule::Mean ? "mean" : "ci";
  json candidates = json::array();
  for (std::int64_t value : result.tried) {
    const std::optional<double>& rejected = tried[value].rejected_jobs;
    candidates.push_back({{"value", value},
                          {"passes", tried[value].passes},
                          {"targets", tried[value].metrics},
                          {"rejected_jobs_mean", rejected ? json(*rejected) : json(nullptr)}});
  }
  const json plan = {{"scenario", options.scenario_path},
                     {"vary", options.pointer},
                     {"range", {options.low, options.high}},
                     {"targets", options.targets},
                     {"seeds", spec.seeds},
                     {"rule", rule},
                     {"answer", result.smallest_passing ? json(*result.smallest_passing) : json(nullptr)},
                     {"candidates", candidates},
                     {"warnings", warnings}};
  write_output((fs::path(options.output_dir) / "plan.json").string(), plan.dump(2) + "\n");
  if (!options.quiet) {
    out << format_evidence(targets, tried, options.pointer);
    out << "targets judged on the " << (options.rule == TargetRule::Mean ? "mean" : "pessimistic 95% bound")
        << " over " << spec.seeds.size() << (spec.seeds.size() == 1 ? " seed\n" : " seeds\n");
    for (const std::string& warning : warnings) out << "warning: " << warning << "\n";
    if (result.smallest_passing) {
      out << "answer: " << options.pointer << " = " << *result.smallest_passing << "\n";
    } else {
      out << "answer: none: even " << options.pointer << " = " << options.high << " misses a target\n";
    }
    out << "  plan: " << (fs::path(options.output_dir) / "plan.json").string() << "\n";
  }
  return result.smallest_passing ? 0 : 1;
}

void add_plan_commands(CLI::App& app, CommandRegistry& commands) {
  auto options = std::make_shared<PlanOptions>();
  auto rule = std::make_shared<std::string>("mean");
  CLI::App* plan = app.add_subcommand(
      "plan",
      "Find the smallest value of a scenario field (e.g. nodes) whose runs meet targets on report.json "
      "metrics, or (plan cheapest) the cheapest of candidate configurations (docs/sweeps.md); exit 1 when "
      "none does");
  plan->add_option("scenario", options->scenario_path, "Scenario JSON file");
  plan->add_option("--vary", options->pointer, "JSON pointer of the integer field searched")
      ->capture_default_str();
  // Required unless `plan cheapest` or `plan growth` is used: checked when plan itself runs.
  CLI::Option* min = plan->add_option("--min", options->low, "Smallest value tried");
  CLI::Option* max = plan->add_option("--max", options->high, "Largest value tried");
  plan->add_option("--target,-t", options->targets,
                   "POINTER<=NUMBER (or <, >=, >) on report.json, e.g. '/jobs/queueing_delay_s/p90<=3600'");
  plan->add_option("--seeds", options->seeds, "Seeds per candidate (1..N)")->check(CLI::Range(1, 10000));
  plan->add_option("--rule", *rule,
                   "Judge targets on the mean across seeds, or on the pessimistic end of its 95% interval")
      ->check(CLI::IsMember({"mean", "ci"}))
      ->capture_default_str();
  add_parallel_option(*plan, options->parallel);
  plan->add_option("--output,-o", options->output_dir, "Folder for the runs and plan.json")
      ->capture_default_str();
  add_quiet_flag(*plan, options->quiet, "Print nothing");
  commands.add(plan, [options, rule, min, max] {
    if (options->scenario_path.empty() || !*min || !*max) {
      throw InputError(
          "plan: expected ppusim plan SCENARIO.json --min LOW --max HIGH --target ... (the smallest "
          "cluster), or ppusim plan cheapest SPEC.json (the cheapest candidate)");
    }
    options->rule = *rule == "ci" ? TargetRule::ConfidenceBound : TargetRule::Mean;
    return stdout_checked(plan_capacity(*options, std::cout, std::cerr));
  });
  add_plan_cheapest_command(*plan, commands);
  add_plan_growth_command(*plan, commands);
}

}  // namespace ppusim
