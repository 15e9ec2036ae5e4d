// The trace formats ppusim reads, by name: its own job and request formats and one importer
// per foreign trace (docs/workloads.md, "Importing traces").
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "workloads/importers/imported_trace.hpp"

namespace ppusim {

struct TraceFormat {
  std::string_view name;  // --format and workload.format
  TraceKind kind;
  std::string_view source;  // what the trace is, for `ppusim trace formats` and messages
  ImportedTrace (*import)(const std::string& path, const ImportOptions& options);
};

std::span<const TraceFormat> trace_formats();

/// The format of that name; InputError listing the names otherwise.
const TraceFormat& find_trace_format(std::string_view name);

/// Reads `path` in format `name`.
ImportedTrace import_trace(std::string_view name, const std::string& path, const ImportOptions& options);

/// "job", "request" or "cluster".
std::string_view trace_kind_name(TraceKind kind);

}  // namespace ppusim
