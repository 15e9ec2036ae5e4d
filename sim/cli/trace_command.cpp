#include "sim/cli/trace_command.hpp"

#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>

#include "sim/cli/commands.hpp"
#include "sim/cli/common_options.hpp"
#include "workloads/importers/cluster_fragment.hpp"
#include "workloads/importers/format_registry.hpp"
#include "workloads/importers/request_trace.hpp"
#include "workloads/trace_reader.hpp"
#include "workloads/trace_stats.hpp"

namespace ppusim {

void import_trace_command(const TraceImportOptions& options, std::ostream& out) {
  const ImportedTrace trace = import_trace(options.format, options.input, options.import);
  std::ostringstream text;
  std::size_t records = 0;
  switch (trace.kind) {
    case TraceKind::Jobs:
      write_job_trace(trace.jobs, text);
      records = trace.jobs.jobs.size();
      break;
    case TraceKind::Requests:
      write_request_trace(trace.requests, text);
      records = trace.requests.size();
      break;
    case TraceKind::Cluster:
      text << cluster_fragment_json(trace.cluster, options.input);
      records = trace.cluster.groups.size();
      break;
  }
  write_output(options.output, text.str());
  out << "read " << trace.rows << " rows of " << options.input << " (" << options.format << ")\n";
  if (trace.kind == TraceKind::Cluster) {
    std::int64_t ppus = 0;
    for (const ClusterInventory::Group& group : trace.cluster.groups)
      ppus += group.nodes * group.ppus_per_node;
    out << "wrote " << records << " node pools (" << ppus << " PPUs) to " << options.output << "\n";
    if (trace.cluster.cpu_only_nodes > 0)
      out << "left out " << trace.cluster.cpu_only_nodes
          << " CPU-only nodes (no pool: every job asks for PPUs)\n";
  } else {
    out << "wrote " << records << " " << trace_kind_name(trace.kind) << "s to " << options.output << "\n";
  }
  for (const auto& [reason, count] : trace.left_out)
    out << "left out " << count << " rows: " << reason << "\n";
  for (const auto& [assumption, count] : trace.kept_with_assumption)
    out << "kept " << count << " rows: " << assumption << "\n";
  if (trace.skipped_rows() > 0) out << "skipped " << trace.skipped_rows() << " bad rows\n";
}

void trace_stats_command(const TraceStatsOptions& options, std::ostream& out) {
  const ImportedTrace trace = import_trace(options.format, options.input, options.import);
  const TraceStats stats = compute_trace_stats(trace, options.format);
  if (options.json) {
    out << trace_stats_json(stats).dump(2) << "\n";
  } else {
    out << options.input << "\n" << trace_stats_table(stats);
  }
}

void list_trace_formats(std::ostream& out) {
  for (const TraceFormat& format : trace_formats()) {
    out << std::left << std::setw(17) << format.name << std::setw(9) << trace_kind_name(format.kind)
        << format.source << "\n";
  }
}

void add_trace_commands(CLI::App& app, CommandRegistry& commands) {
  CLI::App* trace = app.add_subcommand("trace", "Work with job traces");
  trace->require_subcommand(1);

  struct GenerateOptions {
    std::string scenario_path;
    std::string output_path;
    std::optional<std::uint64_t> seed;
  };
  auto generate_options = std::make_shared<GenerateOptions>();
  CLI::App* generate = trace->add_subcommand(
      "generate", "Write the jobs a scenario's workload.generator draws, as a JSON Lines trace");
  generate
      ->add_option("scenario", generate_options->scenario_path,
                   "Scenario JSON file with a workload.generator")
      ->required();
  generate->add_option("--output,-o", generate_options->output_path, "Trace file to write")->required();
  add_seed_option(*generate, generate_options->seed, "Overrides simulation.seed");
  commands.add(generate, [generate_options] {
    generate_trace(generate_options->scenario_path, generate_options->output_path, generate_options->seed,
                   std::cout);
    return 0;
  });

  auto import_options = std::make_shared<TraceImportOptions>();
  auto import_seed = std::make_shared<std::optional<std::uint64_t>>();
  CLI::App* import = trace->add_subcommand(
      "import",
      "Convert a public trace (Alibaba, Azure, Mooncake, Philly, Helios, Acme) to ppusim's formats");
  import->add_option("--format,-f", import_options->format, "Input format (ppusim trace formats)")
      ->required();
  import->add_option("input", import_options->input, "Trace file to read")->required();
  import->add_option("--output,-o", import_options->output, "File to write")->required();
  import->add_flag("--skip-bad-rows", import_options->import.skip_bad_rows, "Skip and count malformed rows");
  import
      ->add_option("--arrival-rate", import_options->import.arrival_rate_per_s,
                   "Jobs per second, for traces without submit times (philly-runtimes)")
      ->check(CLI::PositiveNumber);
  import->add_option("--ppus", import_options->import.ppus_per_job, "PPUs per job, for traces without sizes")
      ->check(CLI::Range(1, 1 << 30));
  auto drop_pending = std::make_shared<bool>(false);
  import->add_flag("--drop-pending", *drop_pending,
                   "openb-pods: leave out pods never scheduled (default: kept, with the median run time)");
  add_seed_option(*import, *import_seed, "Seed of generated arrivals (default 1)");
  commands.add(import, [import_options, import_seed, drop_pending] {
    if (*import_seed) import_options->import.seed = **import_seed;
    import_options->import.keep_never_scheduled = !*drop_pending;
    import_trace_command(*import_options, std::cout);
    return 0;
  });

  auto stats_options = std::make_shared<TraceStatsOptions>();
  CLI::App* stats = trace->add_subcommand(
      "stats", "Counts, time span, size and duration percentiles, arrivals by hour of day of a trace");
  stats->add_option("input", stats_options->input, "Trace file")->required();
  stats->add_option("--format,-f", stats_options->format, "Its format (default ppusim)");
  stats->add_flag("--json", stats_options->json, "Print JSON instead of a table");
  stats->add_flag("--skip-bad-rows", stats_options->import.skip_bad_rows, "Skip and count malformed rows");
  stats
      ->add_option("--arrival-rate", stats_options->import.arrival_rate_per_s,
                   "Jobs per second, for traces without submit times")
      ->check(CLI::PositiveNumber);
  commands.add(stats, [stats_options] {
    trace_stats_command(*stats_options, std::cout);
    return 0;
  });

  CLI::App* formats = trace->add_subcommand("formats", "List the trace formats import and stats read");
  commands.add(formats, [] {
    list_trace_formats(std::cout);
    return 0;
  });
}

}  // namespace ppusim
