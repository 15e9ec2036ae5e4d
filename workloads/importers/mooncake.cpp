// Mooncake (Kimi, FAST'25) request traces, JSON Lines: {"timestamp": ms, "input_length",
// "output_length", "hash_ids": [ids of the prompt's 512-token blocks]}.
//
// A row becomes a request arriving at timestamp/1000 s with its token counts and its
// prefix_blocks = hash_ids (requests sharing an id share that 512-token prefix block).
#include "workloads/importers/import_rows.hpp"
#include "workloads/importers/importers.hpp"
#include "workloads/importers/json_lines.hpp"

namespace ppusim {

ImportedTrace import_mooncake(const std::string& path, const ImportOptions& options) {
  ImportedTrace out;
  for_each_json_line(path, options, out, [&](JsonReader& row) {
    row.allow_only({"timestamp", "input_length", "output_length", "hash_ids"});
    InferenceRequest request;
    request.arrival_s = row.number("timestamp", NumberRange::non_negative()) / 1000;
    request.input_tokens = row.integer("input_length", IntegerRange::non_negative());
    request.output_tokens = row.integer("output_length", IntegerRange::non_negative());
    if (row.has("hash_ids")) {
      const nlohmann::json& ids = row.value().at("hash_ids");
      if (!ids.is_array()) row.fail_found("hash_ids", "an array of block ids (integers)");
      request.prefix_blocks.reserve(ids.size());
      for (const nlohmann::json& id : ids) {
        if (!id.is_number_integer()) row.fail_found("hash_ids", "an array of block ids (integers)");
        request.prefix_blocks.push_back(id.get<std::int64_t>());
      }
    }
    row.finish();
    out.requests.push_back(std::move(request));
  });
  finish_requests(out, path);
  return out;
}

}  // namespace ppusim
