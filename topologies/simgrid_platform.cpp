#include "topologies/simgrid_platform.hpp"

#include <algorithm>
#include <simgrid/s4u.hpp>
#include <string>
#include <vector>

namespace ppusim {

namespace sg4 = simgrid::s4u;

namespace {

using Direction = sg4::LinkInRoute::Direction;

// Hosts do no simulated computation (compute is timed by the job model), but SimGrid wants a
// speed: any positive value will do.
constexpr double kUnusedHostSpeed = 1e9;

sg4::SplitDuplexLink* make_link(sg4::NetZone* zone, const std::string& name, double bandwidth,
                                double latency) {
  auto* link = zone->create_split_duplex_link(name, bandwidth);
  link->set_latency(latency);
  return link;
}

/// A star zone whose centre reaches its parent through `uplink`. The gateway router sits at the
/// centre with no links of its own, so a route leaving the zone is: the member's own links up,
/// then the uplink.
struct StarWithGateway {
  sg4::NetZone* zone;
  simgrid::kernel::routing::NetPoint* gateway;
};

StarWithGateway make_star(const std::string& name, sg4::NetZone* parent) {
  auto* zone = sg4::create_star_zone(name);
  zone->set_parent(parent);
  auto* gateway = zone->create_router(name + ".gw");
  zone->add_route(gateway, nullptr, nullptr, nullptr, {}, true);
  return {zone, gateway};
}

/// Routes `child` to the centre of `parent`, through `uplink` when there is one.
void attach(sg4::NetZone* parent, sg4::NetZone* child, simgrid::kernel::routing::NetPoint* gateway,
            sg4::SplitDuplexLink* uplink) {
  std::vector<sg4::LinkInRoute> links;
  if (uplink != nullptr) links.emplace_back(uplink, Direction::UP);
  parent->add_route(child->get_netpoint(), nullptr, gateway, gateway, links, true);
}

void build_leaf(int leaf, const FatTreeLayout& layout, double storage_client_bandwidth, sg4::NetZone* parent,
                SimgridPlatform& platform) {
  const std::string name = "leaf" + std::to_string(leaf);
  StarWithGateway star = make_star(name, parent);
  for (int node = layout.first_node_of_leaf(leaf), end = node + layout.nodes_in_leaf(leaf); node < end; ++node) {
    const std::string host_name = "node" + std::to_string(node);
    sg4::Host* host = star.zone->create_host(host_name, kUnusedHostSpeed);
    auto* nic = make_link(star.zone, host_name + ".nic", layout.node_nic_bandwidth, layout.link_latency_s);
    star.zone->add_route(host->get_netpoint(), nullptr, nullptr, nullptr, {{nic, Direction::UP}}, true);
    platform.nodes[node] = host;

    sg4::Host* client = star.zone->create_host(host_name + ".storage", kUnusedHostSpeed);
    auto* client_link = make_link(star.zone, host_name + ".storage.link", storage_client_bandwidth, 0);
    star.zone->add_route(client->get_netpoint(), nullptr, nullptr, nullptr, {{client_link, Direction::UP}}, true);
    platform.storage_clients[node] = client;
  }
  star.zone->seal();
  attach(parent, star.zone, star.gateway,
         make_link(parent, name + ".up", layout.leaf_uplink_bandwidth, layout.link_latency_s));
}

/// A zone holding a single host: SimGrid makes that host the zone's gateway.
sg4::Host* make_single_host_zone(const std::string& name, sg4::NetZone* parent, sg4::SplitDuplexLink* uplink) {
  auto* zone = sg4::create_star_zone(name);
  zone->set_parent(parent);
  sg4::Host* host = zone->create_host(name, kUnusedHostSpeed);
  zone->add_route(host->get_netpoint(), nullptr, nullptr, nullptr, {}, true);
  zone->seal();
  attach(parent, zone, host->get_netpoint(), uplink);
  return host;
}

}  // namespace

SimgridPlatform build_simgrid_platform(const Scenario& scenario, const FatTreeLayout& layout) {
  SimgridPlatform platform;
  platform.nodes.resize(layout.nodes);
  platform.storage_clients.resize(layout.nodes);
  // A client reads no faster than its NICs.
  const double client_bandwidth =
      std::min(scenario.storage.per_client_bandwidth_bytes_per_s, layout.node_nic_bandwidth);

  auto* root = sg4::create_star_zone("datacenter");
  if (layout.has_core) {
    for (int pod = 0; pod < layout.pods; ++pod) {
      const std::string name = "pod" + std::to_string(pod);
      // The pod's gateway must live one level down, in a zone of its own: SimGrid resolves a
      // route to a gateway that sits directly in an ancestor zone as if both ends were local.
      auto* pod_zone = sg4::create_star_zone(name);
      pod_zone->set_parent(root);
      StarWithGateway spine = make_star(name + ".spine", pod_zone);
      spine.zone->seal();
      attach(pod_zone, spine.zone, spine.gateway, nullptr);
      for (int leaf = layout.first_leaf_of_pod(pod), end = leaf + layout.leaves_in_pod(pod); leaf < end; ++leaf) {
        build_leaf(leaf, layout, client_bandwidth, pod_zone, platform);
      }
      pod_zone->seal();
      auto* uplink = make_link(root, name + ".up", layout.pod_uplink_bandwidth, layout.link_latency_s);
      attach(root, pod_zone, spine.gateway, uplink);
    }
  } else {
    for (int leaf = 0; leaf < layout.leaves; ++leaf) build_leaf(leaf, layout, client_bandwidth, root, platform);
  }

  const StorageSpec& storage = scenario.storage;
  platform.storage = make_single_host_zone(
      "storage", root, make_link(root, "storage.link", storage.aggregate_bandwidth_bytes_per_s, storage.latency_s));
  platform.controller = make_single_host_zone("controller", root, nullptr);
  root->seal();
  return platform;
}

}  // namespace ppusim
