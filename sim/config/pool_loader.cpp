#include "sim/config/pool_loader.hpp"

#include <climits>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "sim/config/catalog_reference.hpp"
#include "sim/config/hardware_block_loader.hpp"
#include "sim/core/input_error.hpp"
#include "workloads/chip_family_efficiency.hpp"

namespace ppusim {

namespace {

constexpr std::int64_t kIntMax = INT_MAX;

/// A pool's hardware: its `node` names a catalog server or is an inline node block, which may
/// carry the chip as `ppu` (a catalog name, a reference or inline). Resolved as the top-level
/// blocks are, with paths under the pool (/cluster/pools/0/ppu for the node's chip).
void read_pool_hardware(JsonReader& pool_reader, PoolSpec& pool) {
  nlohmann::json blocks = nlohmann::json::object();
  const nlohmann::json& node = pool_reader.value().at("node");
  blocks["node"] = node;
  if (node.is_object() && node.contains("ppu")) {
    blocks["ppu"] = node.at("ppu");
    blocks["node"].erase("ppu");
  }
  JsonReader resolver(blocks, pool_reader.source(), pool_reader.path());
  const InlineHardwareBlocks hardware = resolve_hardware_blocks(resolver);
  pool.ppu = read_ppu(JsonReader(hardware.ppu, pool_reader.source(), pool_reader.path_of("ppu")));
  chip_family_efficiency(pool.ppu.family,
                         pool_reader.source() + ": " + pool_reader.path_of("ppu") + "/family");
  pool.node = read_node(JsonReader(hardware.node, pool_reader.source(), pool_reader.path_of("node")));
}

/// The name a pool gets when the scenario does not give one: its server's catalog name, else
/// its chip's name.
std::string default_pool_name(const nlohmann::json& node_value, const PpuSpec& ppu) {
  if (node_value.is_string()) return node_value.get<std::string>();
  return ppu.name;
}

/// One host size's CPU cores and memory (`cpu_cores`, `memory_gib`), either absent.
HostSize read_host_size(JsonReader& r, int nodes) {
  HostSize size;
  size.nodes = nodes;
  // A node's host: up to 4,096 cores and 1 PiB of memory cover any server sold today.
  size.cpu_cores = r.optional_number("cpu_cores", NumberRange::positive().at_most(4096));
  if (const std::optional<double> gib =
          r.optional_number("memory_gib", NumberRange::positive().at_most(1 << 20)))
    size.memory_bytes = *gib * kBytesPerGib;
  return size;
}

/// `hosts`: the pool's nodes by host size, in node order, their counts summing to the pool's.
std::vector<HostSize> read_host_sizes(JsonReader& pool, int pool_nodes) {
  const nlohmann::json& array = pool.value().at("hosts");
  const std::string path = pool.path_of("hosts");
  if (!array.is_array() || array.empty()) pool.fail_found("hosts", "a non-empty array of host sizes");
  std::vector<HostSize> sizes;
  std::int64_t nodes = 0;
  for (std::size_t i = 0; i < array.size(); ++i) {
    JsonReader element(array[i], pool.source(), path + "/" + std::to_string(i));
    element.require_object();
    element.allow_only({"nodes", "cpu_cores", "memory_gib"});
    const auto count = static_cast<int>(element.integer("nodes", IntegerRange::positive().at_most(kIntMax)));
    HostSize size = read_host_size(element, count);
    if (!size.cpu_cores && !size.memory_bytes)
      element.fail("found neither \"cpu_cores\" nor \"memory_gib\", expected at least one");
    if (!sizes.empty() && (size.cpu_cores.has_value() != sizes.front().cpu_cores.has_value() ||
                           size.memory_bytes.has_value() != sizes.front().memory_bytes.has_value())) {
      element.fail("gives other resources than " + path +
                   "/0, expected every host size of a pool to give the "
                   "same ones (\"cpu_cores\", \"memory_gib\")");
    }
    element.finish();
    nodes += count;
    sizes.push_back(size);
  }
  if (nodes != pool_nodes) {
    pool.fail_at("hosts", "found host sizes of " + std::to_string(nodes) +
                              " nodes in all, expected the pool's " + std::to_string(pool_nodes) + " (" +
                              pool.path_of("nodes") + ")");
  }
  return sizes;
}

PoolSpec read_pool(JsonReader r) {
  r.allow_only({"name", "node", "nodes", "cpu_cores", "memory_gib", "hosts", "capex_per_node_usd"});
  PoolSpec pool;
  if (!r.has("node")) r.fail_found("node", "an object, or the name of a server of the hardware catalog");
  read_pool_hardware(r, pool);
  pool.name = r.string_or("name", default_pool_name(r.value().at("node"), pool.ppu));
  pool.nodes = static_cast<int>(r.integer("nodes", IntegerRange::positive().at_most(kIntMax)));
  if (r.has("hosts")) {
    for (const char* key : {"cpu_cores", "memory_gib"}) {
      if (r.has(key))
        r.fail_at(key, "is given with \"hosts\", expected one of them: each host size gives its own");
    }
    pool.hosts = read_host_sizes(r, pool.nodes);
  } else if (const HostSize size = read_host_size(r, pool.nodes); size.cpu_cores || size.memory_bytes) {
    pool.hosts = {size};
  }
  pool.capex_per_node_usd = r.optional_number("capex_per_node_usd", NumberRange::non_negative().at_most(1e9));
  r.finish();
  return pool;
}

/// Today's form: the top-level `ppu` and `node` and `cluster.nodes` (or `cluster.ppus`).
PoolSpec read_single_pool(JsonReader& root, JsonReader cluster) {
  cluster.allow_only({"nodes", "ppus"});
  PoolSpec pool;
  const InlineHardwareBlocks hardware = resolve_hardware_blocks(root);
  pool.ppu = read_ppu(JsonReader(hardware.ppu, root.source(), root.path_of("ppu")));
  chip_family_efficiency(pool.ppu.family, root.source() + ": /ppu/family");  // throws if unknown
  pool.node = read_node(JsonReader(hardware.node, root.source(), root.path_of("node")));
  pool.name = default_pool_name(root.value().at("node"), pool.ppu);
  const bool has_nodes = cluster.has("nodes");
  const bool has_ppus = cluster.has("ppus");
  if (has_nodes && has_ppus) cluster.fail("found both \"nodes\" and \"ppus\", expected exactly one of them");
  if (!has_nodes && !has_ppus)
    cluster.fail("found neither \"nodes\" nor \"ppus\", expected exactly one of them (or \"pools\")");
  if (has_nodes) {
    pool.nodes = static_cast<int>(cluster.integer("nodes", IntegerRange::positive().at_most(kIntMax)));
  } else {
    const std::int64_t ppus = cluster.integer("ppus", IntegerRange::positive());
    const int per_node = pool.node.ppus_per_node;
    if (ppus % per_node != 0)
      cluster.fail_found("ppus", "a multiple of /node/ppus_per_node (" + std::to_string(per_node) + ")");
    if (ppus / per_node > kIntMax)
      cluster.fail_found("ppus", "at most " + std::to_string(kIntMax) + " nodes of /node/ppus_per_node PPUs");
    pool.nodes = static_cast<int>(ppus / per_node);
  }
  cluster.finish();
  return pool;
}

/// The pools of `parent`'s `pools` array (the scenario's `cluster`, or that of the file
/// `pools_from` names), each with its first node; errors name the parent's source and path.
std::vector<PoolSpec> read_pool_array(JsonReader& parent) {
  const nlohmann::json& array = parent.value().at("pools");
  if (!array.is_array() || array.empty() || static_cast<int>(array.size()) > kMaxPools) {
    parent.fail_found("pools", "a non-empty array of at most " + std::to_string(kMaxPools) + " pool objects");
  }
  std::vector<PoolSpec> pools;
  std::set<std::string> names;
  std::int64_t nodes = 0;
  for (std::size_t i = 0; i < array.size(); ++i) {
    JsonReader element(array[i], parent.source(), parent.path_of("pools") + "/" + std::to_string(i));
    element.require_object();
    PoolSpec pool = read_pool(element);
    if (!names.insert(pool.name).second) element.fail_found("name", "a name no other pool has");
    pool.first_node = static_cast<int>(nodes);
    nodes += pool.nodes;
    if (nodes > kIntMax)
      element.fail_found("nodes", "pools that sum to at most " + std::to_string(kIntMax) + " nodes");
    pools.push_back(std::move(pool));
  }
  return pools;
}

/// `cluster.pools_from`: the `cluster.pools` of another JSON file, such as the fragment that
/// `trace import` writes for a machine list (docs/workloads.md, "Cluster fragments"), relative to
/// the scenario's file, so that a scenario and its inventory move together.
std::vector<PoolSpec> read_pools_from_file(JsonReader& cluster) {
  const std::filesystem::path given = cluster.string("pools_from");
  const std::filesystem::path base = std::filesystem::path(cluster.source()).parent_path();
  const std::string file = (given.is_absolute() ? given : (base / given).lexically_normal()).string();
  nlohmann::json document;
  try {
    document = parse_json_text(read_text_file(file), file);
  } catch (const InputError& error) {
    cluster.fail_at("pools_from", std::string("cannot be read: ") + error.what());
  }
  if (!document.is_object() || !document.contains("cluster") || !document.at("cluster").is_object() ||
      !document.at("cluster").contains("pools")) {
    throw InputError(
        file +
        ": found no /cluster/pools, expected a JSON object with a \"cluster\" block of \"pools\" "
        "(read through " +
        cluster.source() + ": " + cluster.path_of("pools_from") + ")");
  }
  JsonReader file_cluster(document.at("cluster"), file, "/cluster");
  return read_pool_array(file_cluster);
}

}  // namespace

std::vector<PoolSpec> read_pools(JsonReader& root) {
  JsonReader cluster = root.object("cluster");
  const bool inline_pools = cluster.has("pools");
  const bool file_pools = cluster.has("pools_from");
  if (!inline_pools && !file_pools) return {read_single_pool(root, cluster)};
  if (inline_pools && file_pools)
    cluster.fail("found both \"pools\" and \"pools_from\", expected one of them");
  cluster.allow_only({"pools", "pools_from"});
  for (const char* key : {"ppu", "node"}) {
    if (root.has(key)) {
      root.fail_at(key, std::string("is given with ") +
                            cluster.path_of(inline_pools ? "pools" : "pools_from") +
                            ", expected each pool's own \"node\" (with its \"ppu\") and no top-level one");
    }
  }
  std::vector<PoolSpec> pools = file_pools ? read_pools_from_file(cluster) : read_pool_array(cluster);
  cluster.finish();
  return pools;
}

}  // namespace ppusim
