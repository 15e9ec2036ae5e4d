// The `ppusim` command line: parses arguments (CLI11) and calls sim/cli/commands.hpp.
// Exit codes: 0 success, 1 internal error, 2 bad input (scenario, trace or arguments),
// 128 + signal number when SIGINT or SIGTERM stopped a run (its outputs are then complete up
// to the interruption and marked with interrupted_at_s). `ppusim check` exits 1 when a metric
// is out of tolerance (docs/ci.md).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <thread>

#include "sim/cli/cheapest_command.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/compare_command.hpp"
#include "sim/cli/explain_command.hpp"
#include "sim/cli/growth_command.hpp"
#include "sim/cli/hardware_command.hpp"
#include "sim/cli/html_command.hpp"
#include "sim/cli/plan_command.hpp"
#include "sim/cli/printable_text.hpp"
#include "sim/cli/sweep_command.hpp"
#include "sim/cli/topology_command.hpp"
#include "sim/cli/trace_command.hpp"
#include "sim/core/excerpt.hpp"
#include "sim/core/input_error.hpp"
#include "sim/engine/stop_request.hpp"

namespace {

constexpr int kBadInput = 2;

/// A seed is a plain decimal integer in [0, 2^64 − 1]. CLI11's own conversion accepts "-1",
/// wraps overflow and reads "010" as octal, each silently picking another draw.
std::string check_seed(const std::string& text) {
  std::uint64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || stop != end) {
    return "found \"" + text + "\", expected a decimal integer from 0 to 18446744073709551615";
  }
  return {};
}

std::uint64_t parse_seed(const std::string& text) {
  std::uint64_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

/// A safety net behind the quoting rule (sim/core/excerpt.hpp): no message, whatever it
/// quotes, prints more than this.
constexpr std::size_t kMaxMessageBytes = 2000;

/// Flushes standard output and throws InputError if it could not be written (`> /dev/full`, a
/// closed pipe, a full disk): a command whose output was lost must not exit 0.
int stdout_checked(int code) {
  std::cout.flush();
  if (!std::cout || std::fflush(stdout) != 0 || std::ferror(stdout)) {
    throw ppusim::InputError(std::string("standard output: cannot write: ") + std::strerror(errno));
  }
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"ppusim " PPUSIM_VERSION
               ": discrete-event simulation of AI data centers (PPU clusters) on SimGrid.\n"
               "Reads a JSON scenario and a training-job trace; reports utilization, queueing, job\n"
               "completion, energy and cost per delivered PetaFLOP-day."};
  app.require_subcommand(1);
  app.set_version_flag("--version", PPUSIM_VERSION);

  ppusim::RunOptions run;
  std::string seed;
  CLI::App* run_cmd =
      app.add_subcommand("run",
                         "Simulate a scenario, write report.json, time_series.csv and jobs.csv, "
                         "print a summary");
  run_cmd->add_option("scenario", run.scenario_path, "Scenario JSON file (docs/config.md)")->required();
  run_cmd->add_option("--output,-o", run.output_dir,
                      "Folder for the outputs (default: simulation.output_dir, "
                      "else out/<name>)");
  CLI::Option* seed_option =
      run_cmd->add_option("--seed", seed, "Random seed, overriding simulation.seed (same seed, same report)")
          ->check(check_seed, "SEED");
  run_cmd->add_flag("--skip-bad-rows", run.skip_bad_rows,
                    "Skip malformed trace rows and count them in the report instead of failing");
  run_cmd->add_flag("--quiet,-q", run.quiet, "Print no summary table");
  run_cmd->add_flag(
      "--progress", run.progress,
      "Progress on stderr as one line every 10 s, even when stderr is not a terminal (for logs); "
      "on a terminal it shows anyway unless -q");
  run_cmd
      ->add_option(
          "--partial-every", run.partial_every_s,
          "Rewrite time_series.partial.csv every this many wall seconds while running, so that a killed "
          "run leaves data (0: never)")
      ->check(CLI::Range(0.0, 1e9))
      ->capture_default_str();
  run_cmd->add_flag("--html", run.html,
                    "Also write report.html: the report as one self-contained page of charts "
                    "(docs/html-report.md)");

  std::vector<std::string> validate_paths;
  CLI::App* validate_cmd =
      app.add_subcommand("validate", "Check scenarios and their workloads without running them");
  validate_cmd->add_option("scenarios", validate_paths, "Scenario JSON files (validate configs/*.json)")
      ->required();

  CLI::App* trace_cmd = app.add_subcommand("trace", "Work with job traces");
  trace_cmd->require_subcommand(1);
  std::string generate_scenario, generate_output;
  std::string generate_seed;
  CLI::App* generate_cmd = trace_cmd->add_subcommand(
      "generate", "Write the jobs a scenario's workload.generator draws, as a JSON Lines trace");
  generate_cmd->add_option("scenario", generate_scenario, "Scenario JSON file with a workload.generator")
      ->required();
  generate_cmd->add_option("--output,-o", generate_output, "Trace file to write")->required();
  CLI::Option* generate_seed_option =
      generate_cmd->add_option("--seed", generate_seed, "Overrides simulation.seed")
          ->check(check_seed, "SEED");

  ppusim::TraceImportOptions trace_import;
  std::string import_seed;
  CLI::App* import_cmd = trace_cmd->add_subcommand(
      "import",
      "Convert a public trace (Alibaba, Azure, Mooncake, Philly, Helios, Acme) to ppusim's formats");
  import_cmd->add_option("--format,-f", trace_import.format, "Input format (ppusim trace formats)")
      ->required();
  import_cmd->add_option("input", trace_import.input, "Trace file to read")->required();
  import_cmd->add_option("--output,-o", trace_import.output, "File to write")->required();
  import_cmd->add_flag("--skip-bad-rows", trace_import.import.skip_bad_rows, "Skip and count malformed rows");
  import_cmd
      ->add_option("--arrival-rate", trace_import.import.arrival_rate_per_s,
                   "Jobs per second, for traces without submit times (philly-runtimes)")
      ->check(CLI::PositiveNumber);
  import_cmd->add_option("--ppus", trace_import.import.ppus_per_job, "PPUs per job, for traces without sizes")
      ->check(CLI::Range(1, 1 << 30));
  bool drop_pending = false;
  import_cmd->add_flag(
      "--drop-pending", drop_pending,
      "openb-pods: leave out pods never scheduled (default: kept, with the median run time)");
  CLI::Option* import_seed_option =
      import_cmd->add_option("--seed", import_seed, "Seed of generated arrivals (default 1)")
          ->check(check_seed, "SEED");

  ppusim::TraceStatsOptions trace_stats;
  CLI::App* stats_cmd = trace_cmd->add_subcommand(
      "stats", "Counts, time span, size and duration percentiles, arrivals by hour of day of a trace");
  stats_cmd->add_option("input", trace_stats.input, "Trace file")->required();
  stats_cmd->add_option("--format,-f", trace_stats.format, "Its format (default ppusim)");
  stats_cmd->add_flag("--json", trace_stats.json, "Print JSON instead of a table");
  stats_cmd->add_flag("--skip-bad-rows", trace_stats.import.skip_bad_rows, "Skip and count malformed rows");
  stats_cmd
      ->add_option("--arrival-rate", trace_stats.import.arrival_rate_per_s,
                   "Jobs per second, for traces without submit times")
      ->check(CLI::PositiveNumber);

  CLI::App* formats_cmd =
      trace_cmd->add_subcommand("formats", "List the trace formats import and stats read");

  ppusim::CompareOptions compare;
  std::string compare_seed;
  CLI::App* compare_cmd = app.add_subcommand(
      "compare",
      "Simulate several scenarios on the same workload and seed; print and write them side by side");
  compare_cmd->add_option("scenarios", compare.scenario_paths, "Two or more scenario JSON files")->required();
  compare_cmd->add_option("--workload,-w", compare.workload_path,
                          "A job trace (JSON Lines) replacing every scenario's workload");
  CLI::Option* compare_seed_option =
      compare_cmd->add_option("--seed", compare_seed, "Replaces every scenario's simulation.seed")
          ->check(check_seed, "SEED");
  compare_cmd
      ->add_option("--output,-o", compare.output_dir,
                   "Folder for compare.json, compare.csv and each scenario's report")
      ->capture_default_str();
  compare_cmd->add_flag("--quiet,-q", compare.quiet, "Print no table");

  ppusim::CheckOptions check;
  std::string check_junit;
  CLI::App* check_cmd =
      app.add_subcommand("check",
                         "CI gate: compare a report's metrics with a baseline under tolerances (docs/ci.md); "
                         "exit 0 within tolerance, 1 regression, 2 bad input");
  check_cmd->add_option("report", check.report_path, "report.json of the run under test")->required();
  check_cmd
      ->add_option("--baseline,-b", check.baseline_path, "Baseline file (ppusim baseline) or a report.json")
      ->required();
  check_cmd
      ->add_option("--tolerances,-t", check.tolerances_path, "Tolerance file: the metrics to gate and how")
      ->required();
  CLI::Option* check_junit_option =
      check_cmd->add_option("--junit", check_junit, "Also write the results as JUnit XML to this file");

  std::string baseline_report, baseline_output;
  CLI::App* baseline_cmd =
      app.add_subcommand("baseline", "Write a baseline file for ppusim check from a run's report.json");
  baseline_cmd->add_option("report", baseline_report, "report.json of a complete run")->required();
  baseline_cmd->add_option("--output,-o", baseline_output, "Baseline file to write")->required();

  CLI::App* report_cmd = app.add_subcommand("report", "Render the outputs of an earlier run");
  report_cmd->require_subcommand(1);
  ppusim::ReportHtmlOptions report_html;
  std::string report_html_output;
  CLI::App* report_html_cmd = report_cmd->add_subcommand(
      "html", "Write a run's report as one self-contained HTML page of charts (docs/html-report.md)");
  report_html_cmd->add_option("report", report_html.input, "Output folder of ppusim run, or its report.json")
      ->required();
  CLI::Option* report_html_output_option = report_html_cmd->add_option(
      "--output,-o", report_html_output, "HTML file to write (default: report.html beside report.json)");

  bool hardware_json = false;
  CLI::App* hardware_cmd = app.add_subcommand(
      "hardware",
      "List the hardware catalog: chips and servers a scenario may name, their figures and sources "
      "(docs/hardware.md)");
  hardware_cmd->add_flag("--json", hardware_json, "Print the catalog as JSON, with every figure's source");
  ppusim::ExplainOptions explain;
  CLI::App* explain_cmd = app.add_subcommand(
      "explain",
      "One training job on a scenario's hardware: step time, MFU, step breakdown, memory per PPU; "
      "--search ranks the layouts that fit (docs/models.md, section k)");
  explain_cmd->add_option("scenario", explain.scenario_path, "Scenario JSON file")->required();
  explain_cmd->add_option("--job", explain.job_path, "One trace row as a JSON object")->required();
  explain_cmd->add_flag("--json", explain.json, "Print one JSON object");
  explain_cmd->add_flag(
      "--search", explain.search,
      "Rank every valid layout (t, p, v, micro-batch, ZeRO, recomputation) that fits in memory; "
      "exit 1 when none fits");
  explain_cmd->add_option("--top", explain.top, "Layouts --search shows (default 5)")
      ->check(CLI::Range(1, 1000));

  ppusim::TopologyOptions topology;
  CLI::App* topology_cmd =
      app.add_subcommand("topology",
                         "Build the scenario's network (fat-tree, rail-optimized, dragonfly, torus) as "
                         "switches and cables and analyse it (docs/topologies.md)");
  topology_cmd->add_option("scenario", topology.scenario_path, "Scenario JSON file")->required();
  topology_cmd->add_option("--json", topology.json_path, "Also write the analysis as JSON to this file");
  topology_cmd->add_option("--switch-radix", topology.switch_radix, "Ports per switch (default: the leaf's)")
      ->check(CLI::Range(2, 1 << 20));
  topology_cmd->add_option("--switch-price-usd", topology.switch_price_usd, "Price of one switch")
      ->check(CLI::Range(0.0, 1e12));
  topology_cmd->add_option("--optic-price-usd", topology.optic_price_usd, "Price of one transceiver")
      ->check(CLI::Range(0.0, 1e12));

  ppusim::SweepOptions sweep;
  sweep.parallel = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::string sweep_output, sweep_shard;
  CLI::App* sweep_cmd = app.add_subcommand(
      "sweep",
      "Run a scenario over a grid of settings and seeds, in parallel processes; table of means and 95% "
      "confidence intervals (docs/sweeps.md)");
  sweep_cmd->add_option("spec", sweep.spec_path, "Sweep spec JSON file");
  CLI::Option* sweep_output_option = sweep_cmd->add_option(
      "--output,-o", sweep_output, "Folder for the runs and the table (default: out/sweep-<spec>)");
  sweep_cmd->add_option("--jobs,-j", sweep.parallel, "Runs at the same time (default: the number of cores)")
      ->check(CLI::Range(1, 4096));
  CLI::Option* sweep_shard_option = sweep_cmd->add_option(
      "--shard", sweep_shard,
      "Run only slice I of N (0 <= I < N), e.g. $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT");
  sweep_cmd->add_flag("--quiet,-q", sweep.quiet, "Print no table and no per-run lines");
  ppusim::SweepMergeOptions sweep_merge;
  CLI::App* sweep_merge_cmd =
      sweep_cmd->add_subcommand("merge", "Join the output folders of a sweep's shards into its table");
  sweep_merge_cmd->add_option("folders", sweep_merge.folders, "Output folders of the shards")->required();
  sweep_merge_cmd->add_option("--output,-o", sweep_merge.output_dir, "Folder for the merged table")
      ->required();
  sweep_merge_cmd->add_flag("--quiet,-q", sweep_merge.quiet, "Print no table");

  ppusim::PlanOptions plan;
  plan.parallel = sweep.parallel;
  std::string plan_rule = "mean";
  CLI::App* plan_cmd = app.add_subcommand(
      "plan",
      "Find the smallest value of a scenario field (e.g. nodes) whose runs meet targets on report.json "
      "metrics, or (plan cheapest) the cheapest of candidate configurations (docs/sweeps.md); exit 1 when "
      "none does");
  plan_cmd->add_option("scenario", plan.scenario_path, "Scenario JSON file");
  plan_cmd->add_option("--vary", plan.pointer, "JSON pointer of the integer field searched")
      ->capture_default_str();
  // Required unless `plan cheapest` is used: checked after parsing.
  CLI::Option* plan_min_option = plan_cmd->add_option("--min", plan.low, "Smallest value tried");
  CLI::Option* plan_max_option = plan_cmd->add_option("--max", plan.high, "Largest value tried");
  plan_cmd->add_option(
      "--target,-t", plan.targets,
      "POINTER<=NUMBER (or <, >=, >) on report.json, e.g. '/jobs/queueing_delay_s/p90<=3600'");
  plan_cmd->add_option("--seeds", plan.seeds, "Seeds per candidate (1..N)")->check(CLI::Range(1, 10000));
  plan_cmd
      ->add_option("--rule", plan_rule,
                   "Judge targets on the mean across seeds, or on the pessimistic end of its 95% interval")
      ->check(CLI::IsMember({"mean", "ci"}))
      ->capture_default_str();
  plan_cmd->add_option("--jobs,-j", plan.parallel, "Runs at the same time (default: the number of cores)")
      ->check(CLI::Range(1, 4096));
  plan_cmd->add_option("--output,-o", plan.output_dir, "Folder for the runs and plan.json")
      ->capture_default_str();
  plan_cmd->add_flag("--quiet,-q", plan.quiet, "Print nothing");
  ppusim::CheapestOptions cheapest;
  cheapest.parallel = sweep.parallel;
  std::string cheapest_output;
  CLI::App* cheapest_cmd = plan_cmd->add_subcommand(
      "cheapest",
      "Run each candidate configuration of a plan spec and answer with the cheapest that meets its targets "
      "(docs/sweeps.md); exit 1 when none does");
  cheapest_cmd
      ->add_option("spec", cheapest.spec_path, "Plan spec JSON file (base, seeds, targets, candidates)")
      ->required();
  CLI::Option* cheapest_output_option = cheapest_cmd->add_option(
      "--output,-o", cheapest_output, "Folder for the runs and plan.json (default: out/plan-<spec>)");
  cheapest_cmd
      ->add_option("--jobs,-j", cheapest.parallel, "Runs at the same time (default: the number of cores)")
      ->check(CLI::Range(1, 4096));
  cheapest_cmd->add_flag("--quiet,-q", cheapest.quiet, "Print nothing");
  ppusim::GrowthOptions growth;
  growth.parallel = sweep.parallel;
  std::string growth_output;
  CLI::App* growth_cmd = plan_cmd->add_subcommand(
      "growth",
      "Plan capacity over periods of growing demand and hardware generations, and answer with the cheapest "
      "of buy, rent and hybrid strategies that meets the targets (docs/planning.md); exit 1 when none does");
  growth_cmd
      ->add_option("spec", growth.spec_path,
                   "Growth spec JSON file (base, periods, growth_per_year, generations, strategies, targets)")
      ->required();
  CLI::Option* growth_output_option = growth_cmd->add_option(
      "--output,-o", growth_output,
      "Folder for the windows and growth.{json,csv,html} (default: out/growth-<spec>)");
  growth_cmd->add_option("--jobs,-j", growth.parallel, "Runs at the same time (default: the number of cores)")
      ->check(CLI::Range(1, 4096));
  growth_cmd->add_flag("--quiet,-q", growth.quiet, "Print nothing");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : kBadInput;
  }

  try {
    if (*run_cmd) {
      if (*seed_option) run.seed = parse_seed(seed);
      ppusim::enable_stop_on_signals();
      ppusim::install_stop_signal_handlers();  // again once SimGrid has started
      ppusim::run_scenario(run, std::cout);
      // Interrupted: the outputs are complete up to the interruption and say so; the exit
      // code is the shell's convention for death by that signal.
      if (ppusim::stop_requested()) return 128 + ppusim::stop_signal();
    } else if (*compare_cmd) {
      if (*compare_seed_option) compare.seed = parse_seed(compare_seed);
      ppusim::compare_scenarios(compare, std::cout);
    } else if (*check_cmd) {
      if (*check_junit_option) check.junit_path = check_junit;
      return stdout_checked(ppusim::check_report(check, std::cout, std::cerr));
    } else if (*baseline_cmd) {
      ppusim::write_baseline(baseline_report, baseline_output, std::cout);
    } else if (*report_html_cmd) {
      if (*report_html_output_option) report_html.output = report_html_output;
      ppusim::write_report_html(report_html, std::cout, std::cerr);
    } else if (*hardware_cmd) {
      const ppusim::HardwareCatalog& catalog = ppusim::hardware_catalog();
      std::cout << (hardware_json ? ppusim::hardware_catalog_json(catalog).dump(2) + "\n"
                                  : ppusim::format_hardware_table(catalog));
    } else if (*explain_cmd) {
      return ppusim::explain_command(explain, std::cout, std::cerr);
    } else if (*topology_cmd) {
      ppusim::analyse_topology_command(topology, std::cout);
    } else if (*growth_cmd) {
      if (*growth_output_option) growth.output_dir = growth_output;
      return stdout_checked(ppusim::plan_growth(growth, std::cout, std::cerr));
    } else if (*cheapest_cmd) {
      if (*cheapest_output_option) cheapest.output_dir = cheapest_output;
      return stdout_checked(ppusim::plan_cheapest(cheapest, std::cout, std::cerr));
    } else if (*plan_cmd) {
      if (plan.scenario_path.empty() || !*plan_min_option || !*plan_max_option) {
        throw ppusim::InputError(
            "plan: expected ppusim plan SCENARIO.json --min LOW --max HIGH --target ... (the smallest "
            "cluster), or ppusim plan cheapest SPEC.json (the cheapest candidate)");
      }
      plan.rule = plan_rule == "ci" ? ppusim::TargetRule::ConfidenceBound : ppusim::TargetRule::Mean;
      return stdout_checked(ppusim::plan_capacity(plan, std::cout, std::cerr));
    } else if (*sweep_merge_cmd) {
      ppusim::merge_sweep(sweep_merge, std::cout);
    } else if (*sweep_cmd) {
      if (sweep.spec_path.empty())
        throw ppusim::InputError("sweep: missing the spec file: ppusim sweep SPEC.json");
      if (*sweep_output_option) sweep.output_dir = sweep_output;
      if (*sweep_shard_option) sweep.shard = sweep_shard;
      ppusim::run_sweep(sweep, std::cout, std::cerr);
    } else if (*validate_cmd) {
      // Several files (validate configs/*.json): each is checked and its error printed; exit 2
      // when any is bad.
      bool all_valid = true;
      for (const std::string& path : validate_paths) {
        try {
          ppusim::validate_scenario(path, std::cout);
        } catch (const ppusim::InputError& error) {
          if (validate_paths.size() == 1) throw;
          std::cout.flush();
          std::cerr << "ppusim: error: "
                    << ppusim::printable_text(ppusim::excerpt(error.what(), kMaxMessageBytes)) << "\n";
          all_valid = false;
        }
      }
      if (!all_valid) return kBadInput;
    } else if (*import_cmd) {
      if (*import_seed_option) trace_import.import.seed = parse_seed(import_seed);
      trace_import.import.keep_never_scheduled = !drop_pending;
      ppusim::import_trace_command(trace_import, std::cout);
    } else if (*stats_cmd) {
      ppusim::trace_stats_command(trace_stats, std::cout);
    } else if (*formats_cmd) {
      ppusim::list_trace_formats(std::cout);
    } else if (*generate_cmd) {
      std::optional<std::uint64_t> chosen;
      if (*generate_seed_option) chosen = parse_seed(generate_seed);
      ppusim::generate_trace(generate_scenario, generate_output, chosen, std::cout);
    }
  } catch (const ppusim::InputError& error) {
    std::cerr << "ppusim: error: " << ppusim::printable_text(ppusim::excerpt(error.what(), kMaxMessageBytes))
              << "\n";
    return kBadInput;
  } catch (const std::exception& error) {
    std::cerr << "ppusim: internal error: "
              << ppusim::printable_text(ppusim::excerpt(error.what(), kMaxMessageBytes)) << "\n";
    return 1;
  }
  try {
    return stdout_checked(0);
  } catch (const ppusim::InputError& error) {
    std::cerr << "ppusim: error: " << error.what() << "\n";
    return kBadInput;
  }
}
