#include "sim/cli/sweep_command.hpp"

#include <filesystem>
#include <iostream>
#include <memory>

#include "sim/cli/commands.hpp"
#include "sim/cli/common_options.hpp"
#include "sim/core/input_error.hpp"
#include "sim/sweep/metric_validation.hpp"
#include "sim/sweep/sweep_folder.hpp"
#include "sim/sweep/sweep_runs.hpp"
#include "sim/sweep/sweep_table.hpp"

namespace ppusim {

namespace fs = std::filesystem;

namespace {

void write_table(const std::string& folder, const SweepTable& table, bool quiet, std::ostream& out) {
  const fs::path dir(folder);
  write_output((dir / "sweep.csv").string(), format_sweep_csv(table));
  write_output((dir / "sweep.json").string(), sweep_table_json(table).dump(2) + "\n");
  if (quiet) return;
  out << format_sweep_text(table);
  out << "  table: " << (dir / "sweep.csv").string() << ", " << (dir / "sweep.json").string() << "\n";
}

}  // namespace

void run_sweep(const SweepOptions& options, std::ostream& out, std::ostream& err) {
  const SweepSpec spec = load_sweep_spec(options.spec_path);
  const Shard shard = options.shard ? parse_shard(*options.shard) : Shard{};
  const std::vector<SweepPoint> points = expand_grid(spec);
  // Every point must be a valid scenario before the first run starts.
  for (const SweepPoint& point : points) scenario_of(spec, point, spec.seeds.front());
  // And every metric it lists must be a number of their reports: a typo fails now, not after the runs.
  std::vector<std::string> metric_paths;
  for (std::size_t i = 0; i < spec.metrics.size(); ++i) {
    metric_paths.push_back(options.spec_path + ": /metrics/" + std::to_string(i));
  }
  check_sweep_metrics(spec, points, metric_paths);
  const std::string folder = options.output_dir.value_or(
      (fs::path("out") / ("sweep-" + fs::path(options.spec_path).stem().string())).string());
  claim_sweep_folder(folder, spec);

  const std::vector<SweepRun> runs = list_runs(spec, points.size());
  std::vector<SweepRun> todo;
  std::size_t already_done = 0;
  for (const SweepRun& run : runs) {
    if (!shard.owns(run)) continue;
    if (run_is_done(folder, run, points)) {
      ++already_done;
    } else {
      todo.push_back(run);
    }
  }
  if (!options.quiet) {
    err << "ppusim sweep: " << points.size() << " points x " << spec.seeds.size()
        << " seeds = " << runs.size() << " runs";
    if (options.shard) err << ", shard " << shard.index << "/" << shard.count;
    err << ": " << todo.size() << " to run, " << already_done << " already done, " << options.parallel
        << " at a time\n";
  }
  execute_sweep_runs(spec, points, todo, folder, options.parallel, options.quiet ? nullptr : &err);

  if (shard.count > 1) {
    if (!options.quiet) {
      out << "shard " << shard.index << "/" << shard.count << " done in " << folder
          << "; join the shards with: ppusim sweep merge FOLDER... -o OUT\n";
    }
    return;
  }
  const SweepTable table = build_sweep_table(
      spec, points, runs, [&](const SweepRun& run) { return read_run_report(folder, run, points); });
  write_table(folder, table, options.quiet, out);
}

void merge_sweep(const SweepMergeOptions& options, std::ostream& out) {
  const MergedFolders merged = locate_shard_runs(options.folders);
  const SweepSpec spec =
      spec_from_identity(merged.identity, (fs::path(options.folders.front()) / kSweepSpecFile).string());
  const std::vector<SweepPoint> points = expand_grid(spec);
  const std::vector<SweepRun> runs = list_runs(spec, points.size());
  const SweepTable table = build_sweep_table(spec, points, runs, [&](const SweepRun& run) {
    return read_run_report(merged.folder_of_run[run.index], run, points);
  });
  write_output((fs::path(options.output_dir) / kSweepSpecFile).string(), merged.identity.dump(1) + "\n");
  write_table(options.output_dir, table, options.quiet, out);
}

void add_sweep_commands(CLI::App& app, CommandRegistry& commands) {
  auto options = std::make_shared<SweepOptions>();
  CLI::App* sweep = app.add_subcommand(
      "sweep",
      "Run a scenario over a grid of settings and seeds, in parallel processes; table of means and 95% "
      "confidence intervals (docs/sweeps.md)");
  sweep->add_option("spec", options->spec_path, "Sweep spec JSON file");
  add_output_option(*sweep, options->output_dir,
                    "Folder for the runs and the table (default: out/sweep-<spec>)");
  add_parallel_option(*sweep, options->parallel);
  sweep->add_option_function<std::string>(
      "--shard", [options](const std::string& shard) { options->shard = shard; },
      "Run only slice I of N (0 <= I < N), e.g. $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT");
  add_quiet_flag(*sweep, options->quiet, "Print no table and no per-run lines");
  commands.add(sweep, [options] {
    if (options->spec_path.empty()) throw InputError("sweep: missing the spec file: ppusim sweep SPEC.json");
    run_sweep(*options, std::cout, std::cerr);
    return 0;
  });

  auto merge_options = std::make_shared<SweepMergeOptions>();
  CLI::App* merge =
      sweep->add_subcommand("merge", "Join the output folders of a sweep's shards into its table");
  merge->add_option("folders", merge_options->folders, "Output folders of the shards")->required();
  merge->add_option("--output,-o", merge_options->output_dir, "Folder for the merged table")->required();
  add_quiet_flag(*merge, merge_options->quiet, "Print no table");
  commands.add(merge, [merge_options] {
    merge_sweep(*merge_options, std::cout);
    return 0;
  });
}

}  // namespace ppusim
