#include "workloads/importers/request_trace.hpp"

#include <algorithm>
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

std::string cluster_fragment_json(const ClusterInventory& cluster, const std::string& source) {
  nlohmann::ordered_json fragment;
  fragment["source"] = source;
  // The scenario blocks describe one homogeneous cluster: the group with the most PPUs.
  const auto largest = std::max_element(
      cluster.groups.begin(), cluster.groups.end(),
      [](const auto& a, const auto& b) { return a.nodes * a.ppus_per_node < b.nodes * b.ppus_per_node; });
  if (largest != cluster.groups.end()) {
    fragment["node"] = {{"ppus_per_node", largest->ppus_per_node}};
    fragment["cluster"] = {{"nodes", largest->nodes}};
    fragment["ppu_type"] = largest->ppu_type;
  }
  std::int64_t nodes = 0, ppus = 0;
  nlohmann::ordered_json groups = nlohmann::ordered_json::array();
  for (const ClusterInventory::Group& group : cluster.groups) {
    groups.push_back(
        {{"ppu_type", group.ppu_type}, {"ppus_per_node", group.ppus_per_node}, {"nodes", group.nodes}});
    nodes += group.nodes;
    ppus += group.nodes * group.ppus_per_node;
  }
  fragment["inventory"] = {{"ppu_nodes", nodes},
                           {"ppus", ppus},
                           {"cpu_only_nodes", cluster.cpu_only_nodes},
                           {"groups", std::move(groups)}};
  return fragment.dump(2) + "\n";
}

}  // namespace ppusim
