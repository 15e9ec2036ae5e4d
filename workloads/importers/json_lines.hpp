// The row loop of JSON Lines traces (Mooncake, ppusim's request format): each non-blank line
// is one JSON object, read through a JsonReader whose messages start "file:LINE: /key: ...".
#pragma once

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "sim/core/input_error.hpp"
#include "sim/core/json_reader.hpp"
#include "workloads/importers/imported_trace.hpp"

namespace ppusim {

/// Calls `convert(reader)` for every non-blank line of the file; a bad line stops the import
/// or, with options.skip_bad_rows, is counted in out.jobs.skipped_rows and passed over.
template <typename Convert>
void for_each_json_line(const std::string& path, const ImportOptions& options, ImportedTrace& out,
                        Convert&& convert) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot open trace file");
  std::string line;
  for (std::int64_t number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    ++out.rows;
    try {
      const std::string source = path + ":" + std::to_string(number);
      const nlohmann::json row = parse_json_text(line, source);
      JsonReader reader(row, source);
      convert(reader);
    } catch (const InputError&) {
      if (!options.skip_bad_rows) throw;
      ++out.jobs.skipped_rows;
    }
  }
  if (in.bad()) throw InputError(path + ": error while reading the trace file");
}

}  // namespace ppusim
