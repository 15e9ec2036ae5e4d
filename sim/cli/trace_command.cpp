#include "sim/cli/trace_command.hpp"

#include <iomanip>
#include <sstream>

#include "sim/cli/commands.hpp"
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

}  // namespace ppusim
