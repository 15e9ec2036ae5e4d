#include "workloads/importers/cluster_fragment.hpp"

#include <cctype>
#include <nlohmann/json.hpp>

#include "workloads/importers/alibaba_gpu_models.hpp"

namespace ppusim {
namespace {

std::string pool_name(const ClusterInventory::Group& group) {
  std::string name;
  for (const char c : group.ppu_type) name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name + "-" + std::to_string(group.ppus_per_node) + "gpu";
}

nlohmann::ordered_json inventory_group_json(const ClusterInventory::Group& group) {
  nlohmann::ordered_json row = {{"ppu_type", group.ppu_type},
                                {"ppus_per_node", group.ppus_per_node},
                                {"nodes", group.nodes},
                                {"cpu_cores", group.smallest_host.cpu_cores},
                                {"memory_gib", group.smallest_host.memory_gib}};
  if (group.largest_host.cpu_cores != group.smallest_host.cpu_cores)
    row["largest_cpu_cores"] = group.largest_host.cpu_cores;
  if (group.largest_host.memory_gib != group.smallest_host.memory_gib)
    row["largest_memory_gib"] = group.largest_host.memory_gib;
  return row;
}

}  // namespace

std::string cluster_fragment_json(const ClusterInventory& cluster, const std::string& source) {
  nlohmann::ordered_json pools = nlohmann::ordered_json::array();
  nlohmann::ordered_json chips = nlohmann::ordered_json::object();
  nlohmann::ordered_json groups = nlohmann::ordered_json::array();
  std::int64_t nodes = 0, ppus = 0;
  for (const ClusterInventory::Group& group : cluster.groups) {
    // The importers accept only known models, so every group has one.
    const AlibabaGpuModel& model = *find_alibaba_gpu_model(group.ppu_type);
    const HostResources& host = group.smallest_host;
    pools.push_back({{"name", pool_name(group)},
                     {"node", alibaba_node_json(model, group.ppus_per_node, host.cpu_cores)},
                     {"nodes", group.nodes},
                     {"cpu_cores", host.cpu_cores},
                     {"memory_gib", host.memory_gib}});
    if (model.assumed != nullptr) chips[std::string(model.ppu_type)] = std::string(model.assumed->assumption);
    groups.push_back(inventory_group_json(group));
    nodes += group.nodes;
    ppus += group.nodes * group.ppus_per_node;
  }
  nlohmann::ordered_json fragment;
  fragment["source"] = source;
  fragment["cluster"] = {{"pools", std::move(pools)}};
  fragment["assumptions"] = {
      {"chips", std::move(chips)},
      {"node", alibaba_node_assumptions()},
      {"host_resources",
       "each pool offers the smallest cores and memory of its group's machines (inventory: largest_*)"},
      {"cpu_only_nodes",
       "not a pool: a pool is a set of PPUs, and every ppusim job asks for PPUs (the pod importer "
       "leaves CPU-only pods out)"}};
  fragment["inventory"] = {{"ppu_nodes", nodes},
                           {"ppus", ppus},
                           {"cpu_only_nodes", cluster.cpu_only_nodes},
                           {"groups", std::move(groups)}};
  return fragment.dump(2) + "\n";
}

}  // namespace ppusim
