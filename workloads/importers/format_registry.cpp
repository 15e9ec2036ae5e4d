#include "workloads/importers/format_registry.hpp"

#include <array>

#include "sim/core/input_error.hpp"
#include "workloads/importers/importers.hpp"
#include "workloads/importers/request_trace.hpp"
#include "workloads/trace_reader.hpp"

namespace ppusim {
namespace {

ImportedTrace read_own_jobs(const std::string& path, const ImportOptions& options) {
  ImportedTrace out;
  out.jobs = read_job_trace(path, options.skip_bad_rows);
  out.rows = static_cast<std::int64_t>(out.jobs.jobs.size()) + out.jobs.skipped_rows;
  return out;
}

constexpr std::array kFormats = {
    TraceFormat{"ppusim", TraceKind::Jobs, "ppusim job trace (JSON Lines)", read_own_jobs},
    TraceFormat{"requests", TraceKind::Requests, "ppusim request trace (JSON Lines)", read_request_trace},
    TraceFormat{"pai-machines", TraceKind::Cluster, "Alibaba PAI v2020 pai_machine_spec",
                import_pai_machines},
    TraceFormat{"pai-tasks", TraceKind::Jobs, "Alibaba PAI v2020 pai_task_table", import_pai_tasks},
    TraceFormat{"openb-nodes", TraceKind::Cluster, "Alibaba GPU v2023 openb node list", import_openb_nodes},
    TraceFormat{"openb-pods", TraceKind::Jobs, "Alibaba GPU v2023 openb pod list", import_openb_pods},
    TraceFormat{"dlrm-instances", TraceKind::Jobs, "Alibaba GPU v2025 disaggregated DLRM instances",
                import_dlrm_instances},
    TraceFormat{"lora-requests", TraceKind::Requests, "Alibaba v2026 GenAI LoRA requests",
                import_lora_requests},
    TraceFormat{"azure-llm", TraceKind::Requests, "Azure LLM inference trace 2023 (code, conv)",
                import_azure_llm},
    TraceFormat{"mooncake", TraceKind::Requests, "Mooncake FAST'25 traces (JSON Lines)", import_mooncake},
    TraceFormat{"philly-runtimes", TraceKind::Jobs, "Philly job run times (one per row)",
                import_philly_runtimes},
    TraceFormat{"philly-jobs", TraceKind::Jobs, "Philly cluster_job_log (JSON)", import_philly_jobs},
    TraceFormat{"helios", TraceKind::Jobs, "Helios job trace (SenseTime)", import_helios_jobs},
    TraceFormat{"acme", TraceKind::Jobs, "Acme Seren/Kalos job trace (same schema as Helios)",
                import_helios_jobs},
};

}  // namespace

std::span<const TraceFormat> trace_formats() { return kFormats; }

const TraceFormat& find_trace_format(std::string_view name) {
  std::string names;
  for (const TraceFormat& format : kFormats) {
    if (format.name == name) return format;
    names += (names.empty() ? "" : ", ") + std::string(format.name);
  }
  throw InputError("unknown trace format \"" + std::string(name) + "\", expected one of " + names);
}

ImportedTrace import_trace(std::string_view name, const std::string& path, const ImportOptions& options) {
  const TraceFormat& format = find_trace_format(name);
  ImportedTrace trace = format.import(path, options);
  trace.kind = format.kind;
  return trace;
}

std::string_view trace_kind_name(TraceKind kind) {
  switch (kind) {
    case TraceKind::Jobs:
      return "job";
    case TraceKind::Requests:
      return "request";
    case TraceKind::Cluster:
      return "cluster";
  }
  return "job";
}

}  // namespace ppusim
