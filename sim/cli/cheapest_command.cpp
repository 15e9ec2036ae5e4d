#include "sim/cli/cheapest_command.hpp"

#include <filesystem>
#include <iostream>
#include <memory>

#include "sim/cli/commands.hpp"
#include "sim/sweep/cheapest_spec.hpp"
#include "sim/sweep/plan_evidence.hpp"
#include "sim/sweep/plan_search.hpp"
#include "sim/sweep/sweep_folder.hpp"
#include "sim/sweep/sweep_runs.hpp"
#include "sim/sweep/text_columns.hpp"

namespace ppusim {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

/// What one candidate's runs showed.
struct CandidateResult {
  TargetVerdicts verdicts;
  MetricCell rank;  // the rank_by metric across seeds
};

std::string rank_text(const MetricCell& cell) {
  if (!cell.summary) return "no value";
  std::string text = short_number(cell.summary->mean);
  if (cell.summary->half_width) text += " ± " + short_number(*cell.summary->half_width);
  return text;
}

std::string format_evidence(const CheapestSpec& spec, const std::vector<CandidateResult>& results,
                            const std::optional<std::size_t>& answer) {
  std::vector<std::vector<std::string>> rows{{"candidate"}};
  for (const PlanTarget& target : spec.targets) rows[0].push_back(target.text);
  rows[0].push_back(spec.rank_by);
  rows[0].push_back("verdict");
  for (std::size_t i = 0; i < results.size(); ++i) {
    std::vector<std::string> row{spec.names[i]};
    for (const PlanTarget& target : spec.targets)
      row.push_back(verdict_cell(results[i].verdicts.targets[target.text]));
    row.push_back(rank_text(results[i].rank));
    row.push_back(std::string(results[i].verdicts.passes ? "pass" : "fail") +
                  (answer == i ? ", cheapest" : ""));
    rows.push_back(row);
  }
  return align_columns(rows);
}

json plan_document(const CheapestSpec& spec, const std::vector<CandidateResult>& results,
                   const std::optional<std::size_t>& answer) {
  json targets = json::array(), candidates = json::array();
  for (const PlanTarget& target : spec.targets) targets.push_back(target.text);
  for (std::size_t i = 0; i < results.size(); ++i) {
    json settings = json::object();
    for (const auto& [pointer, value] : spec.candidates[i].settings) settings[pointer] = value;
    candidates.push_back({{"name", spec.names[i]},
                          {"folder", "points/" + spec.candidates[i].id},
                          {"settings", settings},
                          {"passes", results[i].verdicts.passes},
                          {"targets", results[i].verdicts.targets},
                          {"rank_by", summary_json(results[i].rank)}});
  }
  return {{"spec", spec.runs.source},
          {"base", spec.runs.base_path},
          {"targets", targets},
          {"rule", spec.rule == TargetRule::Mean ? "mean" : "ci"},
          {"seeds", spec.runs.seeds},
          {"rank_by", spec.rank_by},
          {"answer", answer ? json(spec.names[*answer]) : json(nullptr)},
          {"candidates", candidates}};
}

}  // namespace

int plan_cheapest(const CheapestOptions& options, std::ostream& out, std::ostream& err) {
  const CheapestSpec spec = load_cheapest_spec(options.spec_path);
  check_cheapest_spec(spec);  // every candidate a valid scenario, every metric in its report
  const std::string folder = options.output_dir.value_or(
      (fs::path("out") / ("plan-" + fs::path(options.spec_path).stem().string())).string());

  const std::vector<SweepRun> runs = list_runs(spec.runs, spec.candidates.size());
  if (!options.quiet) {
    err << "ppusim plan cheapest: " << spec.candidates.size() << " candidates x " << spec.runs.seeds.size()
        << " seeds = " << runs.size() << " runs, " << options.parallel << " at a time\n";
  }
  execute_sweep_runs(spec.runs, spec.candidates, runs, folder, options.parallel,
                     options.quiet ? nullptr : &err);
  const SweepTable table = build_sweep_table(spec.runs, spec.candidates, runs, [&](const SweepRun& run) {
    return read_run_report(folder, run, spec.candidates);
  });

  const auto rank_column = static_cast<std::size_t>(
      std::find(table.metrics.begin(), table.metrics.end(), spec.rank_by) - table.metrics.begin());
  std::vector<CandidateResult> results;
  std::vector<CostedCandidate> costed;
  for (std::size_t i = 0; i < spec.candidates.size(); ++i) {
    results.push_back({judge_targets(table, i, spec.targets, spec.rule), table.cells[i][rank_column]});
    const auto& summary = results.back().rank.summary;
    costed.push_back({results.back().verdicts.passes, summary ? std::optional(summary->mean) : std::nullopt});
  }
  const std::optional<std::size_t> answer = find_cheapest_passing(costed);

  const std::string plan_path = (fs::path(folder) / "plan.json").string();
  write_output(plan_path, plan_document(spec, results, answer).dump(2) + "\n");
  if (!options.quiet) {
    out << format_evidence(spec, results, answer);
    out << "targets judged on the " << (spec.rule == TargetRule::Mean ? "mean" : "pessimistic 95% bound")
        << " over " << spec.runs.seeds.size() << (spec.runs.seeds.size() == 1 ? " seed" : " seeds") << "; "
        << spec.rank_by << ": mean ± half-width of its 95% interval, lower is cheaper\n";
    if (answer) {
      out << "answer: " << spec.names[*answer] << " (" << spec.rank_by << " = "
          << short_number(results[*answer].rank.summary->mean) << ")\n";
    } else {
      out << "answer: none: no candidate meets every target\n";
    }
    out << "  plan: " << plan_path << "\n";
  }
  return answer ? 0 : 1;
}

void add_plan_cheapest_command(CLI::App& plan, CommandRegistry& commands) {
  auto options = std::make_shared<CheapestOptions>();
  CLI::App* command = plan.add_subcommand(
      "cheapest",
      "Run each candidate configuration of a plan spec and answer with the cheapest that meets its targets "
      "(docs/sweeps.md); exit 1 when none does");
  add_spec_run_options(*command, *options, "Plan spec JSON file (base, seeds, targets, candidates)",
                       "Folder for the runs and plan.json (default: out/plan-<spec>)");
  commands.add(command, [options] { return stdout_checked(plan_cheapest(*options, std::cout, std::cerr)); });
}

}  // namespace ppusim
