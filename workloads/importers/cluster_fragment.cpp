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
                                {"cpu_cores", group.smallest_host().cpu_cores},
                                {"memory_gib", group.smallest_host().memory_gib}};
  if (group.largest_host().cpu_cores != group.smallest_host().cpu_cores)
    row["largest_cpu_cores"] = group.largest_host().cpu_cores;
  if (group.largest_host().memory_gib != group.smallest_host().memory_gib)
    row["largest_memory_gib"] = group.largest_host().memory_gib;
  return row;
}

/// A pool's hosts: one `cpu_cores` and `memory_gib` when all its machines have the same host,
/// else a `hosts` list giving each host size its count of nodes (docs/config.md, "hosts").
void add_pool_hosts(nlohmann::ordered_json& pool, const ClusterInventory::Group& group) {
  if (group.hosts.size() == 1) {
    pool["cpu_cores"] = group.hosts.front().host.cpu_cores;
    pool["memory_gib"] = group.hosts.front().host.memory_gib;
    return;
  }
  nlohmann::ordered_json sizes = nlohmann::ordered_json::array();
  for (const ClusterInventory::Group::HostCount& count : group.hosts)
    sizes.push_back(
        {{"nodes", count.nodes}, {"cpu_cores", count.host.cpu_cores}, {"memory_gib", count.host.memory_gib}});
  pool["hosts"] = std::move(sizes);
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
    nlohmann::ordered_json pool = {
        {"name", pool_name(group)},
        {"node", alibaba_node_json(model, group.ppus_per_node, group.mean_cpu_cores())},
        {"nodes", group.nodes}};
    add_pool_hosts(pool, group);
    pools.push_back(std::move(pool));
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
       "each node offers its own machine's cores and memory (a pool's hosts list counts the nodes of "
       "each size); host_watts follows the group's mean cores"},
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
