#include "sim/config/topology_loader.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "sim/config/extension_names.hpp"
#include "sim/config/plausible_bounds.hpp"
#include "sim/core/input_error.hpp"

namespace ppusim {

namespace {

constexpr std::int64_t kIntMax = INT_MAX;
constexpr double kBitsPerByte = 8.0;

std::int64_t ceil_div(std::int64_t a, std::int64_t b) { return (a + b - 1) / b; }

/// The fields every kind has: switch-to-switch link speed and per-hop latency.
void read_links(JsonReader& r, TopologySpec& topology) {
  topology.link_bandwidth_bytes_per_s =
      r.number("link_bandwidth_bits_per_s", plausible::link_bits_per_s()) / kBitsPerByte;
  topology.link_latency_s = r.number("link_latency_s", plausible::latency());
}

/// Optional `switch_radix` of a fat-tree or rail-optimized fabric. A leaf (tier-1) switch
/// serves one rail of one plane: `nodes_per_leaf` node ports, plus its share of the leaf group's
/// uplinks (the group's uplinks spread over its NICs × planes switches, as
/// topologies/physical_fat_tree.cpp wires them). Both must fit in the radix.
void read_switch_radix(JsonReader& r, const NodeSpec& node, TopologySpec& topology,
                       const std::string& leaf_field, const std::string& oversubscription_field) {
  topology.switch_radix = r.optional_integer("switch_radix", IntegerRange::at_least(2).at_most(kIntMax));
  if (!topology.switch_radix) return;
  const double up_capacity =
      topology.nodes_per_leaf * node.node_nic_bandwidth_bytes_per_s() / topology.leaf_oversubscription;
  const auto group_uplinks = std::max<std::int64_t>(
      1, static_cast<std::int64_t>(std::ceil(up_capacity / topology.link_bandwidth_bytes_per_s - 1e-9)));
  const std::int64_t switches = static_cast<std::int64_t>(node.nics_per_node) * topology.planes;
  const std::int64_t uplinks = std::max<std::int64_t>(1, ceil_div(group_uplinks, switches));
  const std::int64_t needed = topology.nodes_per_leaf + uplinks;
  if (*topology.switch_radix < needed) {
    r.fail_found("switch_radix", "at least " + std::to_string(needed) + " ports: a leaf switch has " +
                                     std::to_string(topology.nodes_per_leaf) + " node ports (/topology/" +
                                     leaf_field + ") plus " + std::to_string(uplinks) +
                                     " uplinks for /topology/" + oversubscription_field);
  }
}

void read_fat_tree(JsonReader& r, const ClusterSpec& cluster, const NodeSpec& node, TopologySpec& topology) {
  read_links(r, topology);
  topology.tiers = static_cast<int>(r.integer("tiers", IntegerRange::between(2, 3)));
  topology.nodes_per_leaf =
      static_cast<int>(r.integer("nodes_per_leaf", IntegerRange::positive().at_most(kIntMax)));
  // A leaf group larger than the cluster is simply one partly filled leaf group.
  const std::int64_t leaves = ceil_div(cluster.nodes, topology.nodes_per_leaf);
  const auto leaves_per_pod = r.optional_integer("leaves_per_pod", IntegerRange::positive().at_most(kIntMax));
  if (topology.tiers == 3) {
    if (!leaves_per_pod)
      r.fail_at("leaves_per_pod", "missing, expected a positive integer when /topology/tiers is 3");
    topology.leaves_per_pod = static_cast<int>(*leaves_per_pod);
  } else {
    // Two tiers means one spine layer over every leaf: a single pod. A smaller pod would
    // need a core tier to join the pods.
    if (leaves_per_pod && *leaves_per_pod < leaves) {
      r.fail_found("leaves_per_pod", "absent or at least the number of leaf groups (" +
                                         std::to_string(leaves) +
                                         ") when /topology/tiers is 2, which has a single pod");
    }
    topology.leaves_per_pod = static_cast<int>(leaves_per_pod.value_or(leaves));
  }
  topology.leaf_oversubscription = r.number_or("leaf_oversubscription", 1, plausible::oversubscription());
  topology.pod_oversubscription = r.number_or("pod_oversubscription", 1, plausible::oversubscription());
  // Without a core tier there are no pod uplinks to oversubscribe; accepting another value
  // would silently do nothing.
  if (topology.tiers == 2 && topology.pod_oversubscription != 1) {
    r.fail_found("pod_oversubscription", "absent or 1 when /topology/tiers is 2, which has no core tier");
  }
  read_switch_radix(r, node, topology, "nodes_per_leaf", "leaf_oversubscription");
}

/// Alibaba HPN-style: segments of nodes under one set of tier-1 switches (one per rail and
/// plane), pods of segments under aggregation switches, a core tier joining the pods.
void read_rail_optimized(JsonReader& r, const ClusterSpec& cluster, const NodeSpec& node,
                         TopologySpec& topology) {
  // One NIC per PPU is what makes the fabric rail-optimized: NIC r of every node is rail r.
  if (node.nics_per_node != node.ppus_per_node) {
    r.fail_at("kind", "\"rail-optimized\" needs one NIC per PPU (one rail each), found /node/nics_per_node " +
                          std::to_string(node.nics_per_node) + " and /node/ppus_per_node " +
                          std::to_string(node.ppus_per_node));
  }
  topology.planes = static_cast<int>(r.integer_or("planes", 2, IntegerRange::between(1, 2)));
  topology.tiers = static_cast<int>(r.integer("tiers", IntegerRange::between(2, 3)));
  topology.nodes_per_leaf =
      static_cast<int>(r.integer("nodes_per_segment", IntegerRange::positive().at_most(kIntMax)));
  const std::int64_t segments = ceil_div(cluster.nodes, topology.nodes_per_leaf);
  if (topology.tiers == 3) {
    topology.leaves_per_pod =
        static_cast<int>(r.integer("segments_per_pod", IntegerRange::positive().at_most(kIntMax)));
    topology.pod_oversubscription = r.number_or("pod_oversubscription", 1, plausible::oversubscription());
  } else {
    const auto per_pod = r.optional_integer("segments_per_pod", IntegerRange::positive().at_most(kIntMax));
    if (per_pod && *per_pod < segments) {
      r.fail_found("segments_per_pod", "absent or at least the number of segments (" +
                                           std::to_string(segments) +
                                           ") when /topology/tiers is 2, which has a single pod");
    }
    topology.leaves_per_pod = static_cast<int>(segments);
    if (r.has("pod_oversubscription"))
      r.fail_found("pod_oversubscription", "absent when /topology/tiers is 2, which has no core tier");
  }
  topology.leaf_oversubscription = r.number_or("segment_oversubscription", 1, plausible::oversubscription());
  read_links(r, topology);

  read_switch_radix(r, node, topology, "nodes_per_segment", "segment_oversubscription");
}

void read_dragonfly(JsonReader& r, const ClusterSpec& cluster, TopologySpec& topology) {
  DragonflySpec& d = topology.dragonfly;
  d.routers_per_group = static_cast<int>(r.integer("routers_per_group", IntegerRange::between(1, 1 << 16)));
  d.hosts_per_router = static_cast<int>(r.integer("hosts_per_router", IntegerRange::between(1, 1 << 16)));
  d.global_links_per_router =
      static_cast<int>(r.integer("global_links_per_router", IntegerRange::between(1, 1 << 16)));
  d.routing = r.choice_or(
      "routing", DragonflySpec::Routing::Minimal,
      {{"minimal", DragonflySpec::Routing::Minimal}, {"valiant", DragonflySpec::Routing::Valiant}});
  const std::int64_t nodes_per_group = static_cast<std::int64_t>(d.routers_per_group) * d.hosts_per_router;
  if (cluster.nodes % nodes_per_group != 0) {
    r.fail_at("hosts_per_router", "the cluster's " + std::to_string(cluster.nodes) +
                                      " nodes are not a whole number of groups of routers_per_group × "
                                      "hosts_per_router = " +
                                      std::to_string(nodes_per_group) + " nodes");
  }
  const std::int64_t groups = cluster.nodes / nodes_per_group;
  if (const auto given = r.optional_integer("groups", IntegerRange::positive()); given && *given != groups) {
    r.fail_found("groups",
                 std::to_string(groups) + " (the cluster's nodes / (routers_per_group × hosts_per_router))");
  }
  // Every pair of groups needs at least one global link: g − 1 ≤ a·h (a·h + 1 groups is the
  // largest, "balanced" dragonfly).
  const std::int64_t global_ports =
      static_cast<std::int64_t>(d.routers_per_group) * d.global_links_per_router;
  if (groups - 1 > global_ports) {
    r.fail_at("global_links_per_router",
              "found " + std::to_string(d.global_links_per_router) + ", too few for " +
                  std::to_string(groups) +
                  " groups: every pair of groups needs a global link, so routers_per_group × "
                  "global_links_per_router must be at least groups − 1 = " +
                  std::to_string(groups - 1));
  }
  d.groups = static_cast<int>(groups);
  topology.nodes_per_leaf = d.hosts_per_router;
  topology.leaves_per_pod = d.routers_per_group;
  topology.tiers = groups > 1 ? 3 : 2;
  read_links(r, topology);
}

/// "dims": [X, Y, Z], positive integers whose product is the cluster's node count.
void read_torus(JsonReader& r, const ClusterSpec& cluster, TopologySpec& topology) {
  const std::string path = r.path_of("dims");
  const auto fail = [&](const std::string& message) {
    throw InputError(r.source() + ": " + path + ": " + message);
  };
  r.ignore("dims");
  if (!r.value().contains("dims")) fail("missing, expected [X, Y, Z]: three positive integers");
  const nlohmann::json& dims = r.value()["dims"];
  if (!dims.is_array() || dims.size() != 3) {
    fail("found " + JsonReader::describe_value(dims, true) + ", expected [X, Y, Z]: three positive integers");
  }
  int sizes[3];
  for (int i = 0; i < 3; ++i) {
    const nlohmann::json& v = dims[i];
    const bool ok = v.is_number_integer() && v.get<std::int64_t>() >= 1 && v.get<std::int64_t>() <= kIntMax;
    if (!ok) {
      throw InputError(r.source() + ": " + path + "/" + std::to_string(i) + ": found " +
                       JsonReader::describe_value(v, true) + ", expected a positive integer");
    }
    sizes[i] = v.get<int>();
  }
  TorusSpec& t = topology.torus;
  t = {sizes[0], sizes[1], sizes[2]};
  const std::int64_t product = static_cast<std::int64_t>(t.x) * t.y * t.z;
  if (product != cluster.nodes) {
    fail("found " + std::to_string(t.x) + " × " + std::to_string(t.y) + " × " + std::to_string(t.z) + " = " +
         std::to_string(product) + " nodes, expected dimensions whose product is the cluster's " +
         std::to_string(cluster.nodes) + " nodes");
  }
  topology.nodes_per_leaf = t.x;
  topology.leaves_per_pod = t.y;
  topology.tiers = t.z > 1 ? 3 : 2;
  read_links(r, topology);
}

std::vector<TopologyFailureEvent> read_failures(JsonReader& r, const ClusterSpec& cluster,
                                                const TopologySpec& t) {
  std::vector<TopologyFailureEvent> events;
  r.ignore("failures");
  if (!r.value().contains("failures")) return events;
  const nlohmann::json& list = r.value()["failures"];
  const std::string path = r.path_of("failures");
  if (!list.is_array()) {
    throw InputError(r.source() + ": " + path + ": found " + JsonReader::describe_value(list, true) +
                     ", expected an array of {\"time_s\", \"component\", \"index\"} objects");
  }
  const std::int64_t leaves = ceil_div(cluster.nodes, t.nodes_per_leaf);
  const std::int64_t pods = t.tiers == 3 ? ceil_div(leaves, t.leaves_per_pod) : 1;
  for (std::size_t i = 0; i < list.size(); ++i) {
    JsonReader e(list[i], r.source(), path + "/" + std::to_string(i));
    e.allow_only({"time_s", "component", "index", "count", "repair_after_s"});
    TopologyFailureEvent event;
    event.time_s = e.number("time_s", plausible::delay());
    using C = TopologyFailureEvent::Component;
    event.component = e.choice<C>(
        "component",
        {{"leaf-uplink", C::LeafUplink}, {"pod-uplink", C::PodUplink}, {"leaf-switch", C::LeafSwitch}});
    if (event.component == C::PodUplink && t.tiers != 3) {
      e.fail_found("component",
                   "\"leaf-uplink\" or \"leaf-switch\": this topology has a single pod, no pod uplinks");
    }
    const std::int64_t limit = event.component == C::PodUplink ? pods : leaves;
    event.index = static_cast<int>(e.integer("index", IntegerRange::between(0, limit - 1)));
    if (event.component == C::LeafSwitch) {
      event.count = 1;
    } else {
      event.count = static_cast<int>(e.integer_or("count", 1, IntegerRange::positive().at_most(kIntMax)));
    }
    event.repair_after_s = e.optional_number("repair_after_s", plausible::duration());
    e.finish();
    events.push_back(event);
  }
  std::stable_sort(
      events.begin(), events.end(),
      [](const TopologyFailureEvent& a, const TopologyFailureEvent& b) { return a.time_s < b.time_s; });
  return events;
}

}  // namespace

TopologySpec read_topology(JsonReader r, const ClusterSpec& cluster, const NodeSpec& node) {
  TopologySpec topology;
  using K = TopologySpec::Kind;
  topology.family = r.choice<K>("kind", kTopologyKindNames);
  topology.kind = name_of(kTopologyKindNames, topology.family);
  switch (topology.family) {
    case K::FatTree:
      r.allow_only({"kind", "tiers", "nodes_per_leaf", "leaves_per_pod", "leaf_oversubscription",
                    "pod_oversubscription", "link_bandwidth_bits_per_s", "link_latency_s", "switch_radix",
                    "failures"});
      read_fat_tree(r, cluster, node, topology);
      break;
    case K::RailOptimized:
      r.allow_only({"kind", "planes", "tiers", "nodes_per_segment", "segments_per_pod",
                    "segment_oversubscription", "pod_oversubscription", "switch_radix",
                    "link_bandwidth_bits_per_s", "link_latency_s", "failures"});
      read_rail_optimized(r, cluster, node, topology);
      break;
    case K::Dragonfly:
      r.allow_only({"kind", "groups", "routers_per_group", "hosts_per_router", "global_links_per_router",
                    "routing", "link_bandwidth_bits_per_s", "link_latency_s", "failures"});
      read_dragonfly(r, cluster, topology);
      break;
    case K::Torus:
      r.allow_only({"kind", "dims", "link_bandwidth_bits_per_s", "link_latency_s", "failures"});
      read_torus(r, cluster, topology);
      break;
  }
  topology.failures = read_failures(r, cluster, topology);
  r.finish();
  return topology;
}

}  // namespace ppusim
