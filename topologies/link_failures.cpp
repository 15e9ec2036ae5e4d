#include "topologies/link_failures.hpp"

#include <algorithm>

#include "sim/config/input_error.hpp"

namespace ppusim {

namespace {

using Component = TopologyFailureEvent::Component;

/// Where each aggregated link stands: cables and leaf switches failed so far.
struct FailedShares {
  std::vector<int> leaf_cables, leaf_switches, pod_cables;
};

}  // namespace

std::vector<LinkCapacityChange> plan_link_failures(const Scenario& scenario, const FatTreeLayout& layout) {
  const TopologySpec& topo = scenario.topology;
  std::vector<LinkCapacityChange> changes;
  FailedShares failed{std::vector<int>(layout.leaves, 0), std::vector<int>(layout.leaves, 0),
                      std::vector<int>(layout.pods, 0)};
  // Leaf switches per leaf group exist only in the switched fabrics; a dragonfly's "leaf
  // group" is one router and a torus's is a line of nodes' own routers.
  const bool switched =
      topo.family == TopologySpec::Kind::FatTree || topo.family == TopologySpec::Kind::RailOptimized;
  const int switches_per_leaf = scenario.node.nics_per_node * topo.planes;

  for (std::size_t i = 0; i < topo.failures.size(); ++i) {
    const TopologyFailureEvent& event = topo.failures[i];
    const std::string where = scenario.source_path + ": /topology/failures/" + std::to_string(i) + ": ";
    auto leaf_capacity = [&](int leaf) {
      return layout.leaf_uplink_bandwidth * (layout.leaf_uplinks - failed.leaf_cables[leaf]) /
             layout.leaf_uplinks * (switches_per_leaf - failed.leaf_switches[leaf]) / switches_per_leaf;
    };
    switch (event.component) {
      case Component::LeafUplink: {
        int& cables = failed.leaf_cables[event.index];
        cables += event.count;
        if (cables >= layout.leaf_uplinks) {
          throw InputError(
              where + "found " + std::to_string(cables) + " failed uplink cables of leaf group " +
              std::to_string(event.index) + " by then, expected fewer than its " +
              std::to_string(layout.leaf_uplinks) +
              ": losing them all disconnects its nodes, which the simulation does not model yet");
        }
        changes.push_back(
            {event.time_s, "leaf" + std::to_string(event.index) + ".up", leaf_capacity(event.index)});
        break;
      }
      case Component::LeafSwitch: {
        if (!switched) {
          throw InputError(
              where + "found \"leaf-switch\" on a " + topo.kind +
              ", expected \"leaf-uplink\" or \"pod-uplink\": its leaf group has no separate switches, "
              "and losing its router disconnects nodes");
        }
        int& switches = failed.leaf_switches[event.index];
        if (++switches >= switches_per_leaf) {
          throw InputError(
              where + "found all " + std::to_string(switches_per_leaf) + " leaf switches of leaf group " +
              std::to_string(event.index) +
              " failed by then, expected at least one left: its nodes would be disconnected, which "
              "the simulation does not model yet");
        }
        changes.push_back(
            {event.time_s, "leaf" + std::to_string(event.index) + ".up", leaf_capacity(event.index)});
        break;
      }
      case Component::PodUplink: {
        int& cables = failed.pod_cables[event.index];
        cables += event.count;
        if (cables >= layout.pod_uplinks) {
          throw InputError(where + "found " + std::to_string(cables) + " failed uplink cables of pod " +
                           std::to_string(event.index) + " by then, expected fewer than its " +
                           std::to_string(layout.pod_uplinks) +
                           ": losing them all disconnects the pod, which the simulation does not model yet");
        }
        const double share = static_cast<double>(layout.pod_uplinks - cables) / layout.pod_uplinks;
        changes.push_back(
            {event.time_s, "pod" + std::to_string(event.index) + ".up", layout.pod_uplink_bandwidth * share});
        break;
      }
    }
  }
  return changes;
}

}  // namespace ppusim
