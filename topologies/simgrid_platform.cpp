#include "topologies/simgrid_platform.hpp"

#include <algorithm>
#include <simgrid/s4u.hpp>
#include <string>
#include <vector>

namespace ppusim {

namespace sg4 = simgrid::s4u;

namespace {

using Direction = sg4::LinkInRoute::Direction;
using NetPoint = simgrid::kernel::routing::NetPoint;

// Hosts do no simulated computation (compute is timed by the job model), but SimGrid wants a
// speed: any positive value will do.
constexpr double kUnusedHostSpeed = 1e9;

/// Links carry bandwidth only. SimGrid's CM02 model shares a link between flows in inverse
/// proportion to their routes' latency (TCP's RTT unfairness); RDMA fabrics share by
/// bandwidth alone, so latency is kept out of SimGrid and added by the job model (the α term
/// of each step, docs/models.md).
///
/// Every link is created in the root zone, whichever zone's routes use it. SimGrid checks each
/// new link's name against the link table of every zone of the tree (a miss walks them all), so
/// with links spread over the pods each check costs a search per pod, and the build grows as
/// links × pods: 47 % of a 10,000-node torus build (callgrind, docs/performance.md). With all
/// links in one table, the other zones' tables are empty and the walk is cheap. Where a link is
/// declared changes nothing in routing or sharing: routes hold the links themselves.
sg4::SplitDuplexLink* make_link(sg4::NetZone* root, const std::string& name, double bandwidth) {
  return root->create_split_duplex_link(name, bandwidth);
}

std::vector<sg4::LinkInRoute> upward(std::initializer_list<sg4::SplitDuplexLink*> links) {
  std::vector<sg4::LinkInRoute> route;
  for (auto* link : links) {
    if (link != nullptr) route.emplace_back(link, Direction::UP);
  }
  return route;
}

/// Routes a member zone to the centre of `parent`, through `uplink` when there is one.
void attach(sg4::NetZone* parent, sg4::NetZone* child, NetPoint* gateway, sg4::SplitDuplexLink* uplink) {
  parent->add_route(child->get_netpoint(), nullptr, gateway, gateway, upward({uplink}), true);
}

/// The nodes of one leaf group, each with its NIC and its storage client, and the leaf group's
/// storage port, all routed through the leaf group's uplink.
void add_leaf_group(int leaf, const TopologyLayout& layout, double client_bandwidth, sg4::NetZone* pod,
                    sg4::NetZone* root, SimgridPlatform& platform) {
  const std::string leaf_name = "leaf" + std::to_string(leaf);
  auto* uplink = make_link(root, leaf_name + ".up", layout.leaf_uplink_bandwidth);
  for (int node = layout.first_node_of_leaf(leaf), end = node + layout.nodes_in_leaf(leaf); node < end;
       ++node) {
    const std::string name = "node" + std::to_string(node);
    sg4::Host* host = pod->create_host(name, kUnusedHostSpeed);
    auto* nic = make_link(root, name + ".nic", layout.node_nic_bandwidth);
    pod->add_route(host->get_netpoint(), nullptr, nullptr, nullptr, upward({nic, uplink}), true);
    platform.nodes[node] = host;

    sg4::Host* client = pod->create_host(name + ".storage", kUnusedHostSpeed);
    auto* client_link = make_link(root, name + ".storage.link", client_bandwidth);
    pod->add_route(client->get_netpoint(), nullptr, nullptr, nullptr, upward({client_link, uplink}), true);
    platform.storage_clients[node] = client;
  }
  sg4::Host* port = pod->create_host(leaf_name + ".storage", kUnusedHostSpeed);
  pod->add_route(port->get_netpoint(), nullptr, nullptr, nullptr, upward({uplink}), true);
  platform.leaf_storage_ports[leaf] = port;
}

/// A zone holding a single host or router, used as a gateway or an endpoint.
sg4::Host* make_single_host_zone(const std::string& name, sg4::NetZone* parent,
                                 sg4::SplitDuplexLink* uplink) {
  auto* zone = sg4::create_star_zone(name);
  zone->set_parent(parent);
  sg4::Host* host = zone->create_host(name, kUnusedHostSpeed);
  zone->add_route(host->get_netpoint(), nullptr, nullptr, nullptr, {}, true);
  zone->seal();
  attach(parent, zone, host->get_netpoint(), uplink);
  return host;
}

}  // namespace

SimgridPlatform build_simgrid_platform(const Scenario& scenario, const TopologyLayout& layout) {
  SimgridPlatform platform;
  platform.nodes.resize(layout.nodes);
  platform.storage_clients.resize(layout.nodes);
  platform.leaf_storage_ports.resize(layout.leaves);
  // A client reads no faster than its NICs.
  const double client_bandwidth =
      std::min(scenario.storage.per_client_bandwidth_bytes_per_s, layout.node_nic_bandwidth);
  platform.storage_client_bandwidth = client_bandwidth;

  auto* root = sg4::create_star_zone("datacenter");
  for (int pod = 0; pod < layout.pods; ++pod) {
    const std::string name = "pod" + std::to_string(pod);
    auto* pod_zone = sg4::create_star_zone(name);
    pod_zone->set_parent(root);
    // The pod's gateway lives in a zone of its own, one level down: SimGrid resolves a route
    // to a gateway sitting directly in an ancestor zone as if both ends were local to it.
    auto* spine = sg4::create_star_zone(name + ".spine");
    spine->set_parent(pod_zone);
    NetPoint* gateway = spine->create_router(name + ".spine.gw");
    spine->add_route(gateway, nullptr, nullptr, nullptr, {}, true);
    spine->seal();
    attach(pod_zone, spine, gateway, nullptr);
    for (int leaf = layout.first_leaf_of_pod(pod), end = leaf + layout.leaves_in_pod(pod); leaf < end;
         ++leaf) {
      add_leaf_group(leaf, layout, client_bandwidth, pod_zone, root, platform);
    }
    pod_zone->seal();
    sg4::SplitDuplexLink* uplink =
        layout.has_core ? make_link(root, name + ".up", layout.pod_uplink_bandwidth) : nullptr;
    attach(root, pod_zone, gateway, uplink);
  }

  const StorageSpec& storage = scenario.storage;
  platform.storage = make_single_host_zone(
      "storage", root, make_link(root, "storage.link", storage.aggregate_bandwidth_bytes_per_s));
  if (storage.object_store) {
    platform.object_store = make_single_host_zone(
        "object-store", root,
        make_link(root, "object-store.link", storage.object_store->effective_bandwidth_bytes_per_s()));
  }
  if (scenario.setup.image_bytes > 0 && scenario.setup.registry_bandwidth_bytes_per_s > 0) {
    platform.registry = make_single_host_zone(
        "registry", root, make_link(root, "registry.link", scenario.setup.registry_bandwidth_bytes_per_s));
  }
  platform.controller = make_single_host_zone("controller", root, nullptr);
  root->seal();
  return platform;
}

}  // namespace ppusim
