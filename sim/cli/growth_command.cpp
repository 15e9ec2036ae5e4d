#include "sim/cli/growth_command.hpp"

#include <filesystem>
#include <iostream>
#include <memory>

#include "sim/cli/commands.hpp"
#include "sim/core/atomic_file.hpp"
#include "sim/core/json_reader.hpp"
#include "sim/sweep/growth_output.hpp"
#include "sim/sweep/growth_plan.hpp"
#include "sim/sweep/growth_spec.hpp"
#include "sim/sweep/sweep_runs.hpp"

namespace ppusim {

namespace fs = std::filesystem;
using json = nlohmann::json;

int plan_growth(const GrowthOptions& options, std::ostream& out, std::ostream& err) {
  const GrowthSpec spec = load_growth_spec(options.spec_path);
  const std::string folder = options.output_dir.value_or(
      (fs::path("out") / ("growth-" + fs::path(options.spec_path).stem().string())).string());
  const SweepSpec runs = growth_runs(spec);
  if (!options.quiet) {
    err << "ppusim plan growth: " << spec.strategies.size() << " strategies x " << spec.periods.size()
        << " periods, windows of " << spec.window_days << " days, " << options.parallel << " at a time\n";
  }
  // Each round's new windows run in child processes; a window's report is read back from its folder.
  const WindowSimulator simulate = [&](const std::vector<SweepPoint>& points) {
    const std::vector<SweepRun> todo = list_runs(runs, points.size());
    execute_sweep_runs(runs, points, todo, folder, options.parallel, options.quiet ? nullptr : &err);
    std::vector<json> reports;
    for (const SweepRun& run : todo) {
      const std::string path = (fs::path(folder) / run.folder(points) / "report.json").string();
      reports.push_back(parse_json_text(read_text_file(path), path));
    }
    return reports;
  };
  const GrowthPlan plan = run_growth_plan(spec, simulate);

  OutputSet outputs;
  const std::string json_path = (fs::path(folder) / "growth.json").string();
  const std::string csv_path = (fs::path(folder) / "growth.csv").string();
  const std::string html_path = (fs::path(folder) / "growth.html").string();
  outputs.add(json_path, growth_json(spec, plan).dump(2) + "\n");
  outputs.add(csv_path, growth_csv(spec, plan));
  outputs.add(html_path, growth_html(spec, plan));
  outputs.commit();
  if (!options.quiet) {
    out << growth_summary_text(spec, plan);
    out << "targets judged on each period's simulated window; " << plan.windows_simulated
        << " windows simulated\n";
    out << "answer: "
        << (plan.answer ? spec.strategies[*plan.answer].name
                        : "none: no strategy meets every target in every period")
        << "\n  plan: " << json_path << "\n        " << csv_path << "\n        " << html_path << "\n";
  }
  return plan.answer ? 0 : 1;
}

void add_plan_growth_command(CLI::App& plan, CommandRegistry& commands) {
  auto options = std::make_shared<GrowthOptions>();
  CLI::App* command = plan.add_subcommand(
      "growth",
      "Plan capacity over periods of growing demand and hardware generations, and answer with the cheapest "
      "of buy, rent and hybrid strategies that meets the targets (docs/planning.md); exit 1 when none does");
  add_spec_run_options(
      *command, *options,
      "Growth spec JSON file (base, periods, growth_per_year, generations, strategies, targets)",
      "Folder for the windows and growth.{json,csv,html} (default: out/growth-<spec>)");
  commands.add(command, [options] { return stdout_checked(plan_growth(*options, std::cout, std::cerr)); });
}

}  // namespace ppusim
