#include "workloads/importers/request_trace.hpp"

#include <nlohmann/json.hpp>

#include "workloads/importers/import_rows.hpp"
#include "workloads/importers/json_lines.hpp"

namespace ppusim {

void write_request_trace(const std::vector<InferenceRequest>& requests, std::ostream& out) {
  for (const InferenceRequest& request : requests) {
    nlohmann::ordered_json row;
    row["arrival_s"] = request.arrival_s;
    row["input_tokens"] = request.input_tokens;
    row["output_tokens"] = request.output_tokens;
    if (!request.prefix_blocks.empty()) row["prefix_blocks"] = request.prefix_blocks;
    if (request.service_s) row["service_s"] = *request.service_s;
    out << row.dump() << '\n';
  }
}

ImportedTrace read_request_trace(const std::string& path, const ImportOptions& options) {
  ImportedTrace out;
  for_each_json_line(path, options, out, [&](JsonReader& row) {
    row.allow_only({"arrival_s", "input_tokens", "output_tokens", "prefix_blocks", "service_s"});
    InferenceRequest request;
    request.arrival_s = row.number("arrival_s", NumberRange::non_negative());
    request.input_tokens = row.integer("input_tokens", IntegerRange::non_negative());
    request.output_tokens = row.integer("output_tokens", IntegerRange::non_negative());
    if (row.has("prefix_blocks")) {
      const nlohmann::json& ids = row.value().at("prefix_blocks");
      if (!ids.is_array()) row.fail_found("prefix_blocks", "an array of block ids (integers)");
      for (const nlohmann::json& id : ids) {
        if (!id.is_number_integer()) row.fail_found("prefix_blocks", "an array of block ids (integers)");
        request.prefix_blocks.push_back(id.get<std::int64_t>());
      }
    }
    request.service_s = row.optional_number("service_s", NumberRange::non_negative());
    row.finish();
    out.requests.push_back(std::move(request));
  });
  finish_requests(out, path);
  return out;
}

}  // namespace ppusim
