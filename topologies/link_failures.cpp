#include "topologies/link_failures.hpp"

#include <algorithm>

#include "sim/core/input_error.hpp"

namespace ppusim {

namespace {

using Component = TopologyFailureEvent::Component;

/// One failure or one repair of the config's list, applied in time order.
struct Step {
  double time_s;
  std::size_t event;  // index in topology.failures
  bool repair;
};

/// An aggregated uplink (a leaf group's or a pod's): what of it has failed so far, and the
/// disconnection it is in, if it is cut off.
struct UplinkState {
  int failed_cables = 0;
  int failed_switches = 0;
  int open_disconnection = -1;  // index in TopologyFailurePlan::disconnections
};

/// Opens or closes the uplink's disconnection after a step, and records its new capacity
/// while it is connected. `capacity` is only called when the uplink still has cables and
/// switches left.
template <typename Capacity>
void update_uplink(UplinkState& state, bool cut_before, bool cut_now, ComponentKind cause, double now,
                   const std::string& link, int first_node, int node_count, Capacity capacity,
                   TopologyFailurePlan& plan) {
  if (!cut_before && cut_now) {
    state.open_disconnection = static_cast<int>(plan.disconnections.size());
    NodeDisconnection cut;
    cut.from_s = now;
    cut.first_node = first_node;
    cut.node_count = node_count;
    cut.cause = cause;
    plan.disconnections.push_back(cut);
  } else if (cut_before && !cut_now) {
    plan.disconnections[state.open_disconnection].until_s = now;
    state.open_disconnection = -1;
  }
  // While cut, the link keeps its last capacity: nothing new is placed behind it, and the
  // flows of interrupted attempts drain (docs/failures.md, "What it does not model").
  if (!cut_now) plan.capacity_changes.push_back({now, link, capacity()});
}

}  // namespace

TopologyFailurePlan plan_topology_failures(const Scenario& scenario, const TopologyLayout& layout) {
  const TopologySpec& topo = scenario.topology;
  const int switches_per_leaf = layout.switches_per_leaf_group;
  std::vector<Step> steps;
  for (std::size_t i = 0; i < topo.failures.size(); ++i) {
    const TopologyFailureEvent& event = topo.failures[i];
    if (event.component == Component::LeafSwitch && switches_per_leaf == 0) {
      throw InputError(scenario.source_path + ": /topology/failures/" + std::to_string(i) +
                       ": found \"leaf-switch\" on a " + topo.kind +
                       ", expected \"leaf-uplink\" or \"pod-uplink\": a torus line has no switch of its own");
    }
    steps.push_back({event.time_s, i, false});
  }
  for (std::size_t i = 0; i < topo.failures.size(); ++i) {
    const TopologyFailureEvent& event = topo.failures[i];
    if (event.repair_after_s) steps.push_back({event.time_s + *event.repair_after_s, i, true});
  }
  // Time order; at equal times failures before repairs, each in the config's order.
  std::stable_sort(steps.begin(), steps.end(),
                   [](const Step& a, const Step& b) { return a.time_s < b.time_s; });

  TopologyFailurePlan plan;
  std::vector<UplinkState> leaves(layout.leaves), pods(layout.pods);
  auto leaf_cut = [&](const UplinkState& s) {
    return s.failed_cables >= layout.leaf_uplinks || s.failed_switches >= switches_per_leaf;
  };
  for (const Step& step : steps) {
    const TopologyFailureEvent& event = topo.failures[step.event];
    const int sign = step.repair ? -1 : 1;
    if (event.component == Component::PodUplink) {
      UplinkState& pod = pods[event.index];
      const bool cut_before = pod.failed_cables >= layout.pod_uplinks;
      pod.failed_cables += sign * event.count;
      const int first_leaf = layout.first_leaf_of_pod(event.index);
      const int last_leaf = first_leaf + layout.leaves_in_pod(event.index) - 1;
      const int first_node = layout.first_node_of_leaf(first_leaf);
      const int nodes = layout.first_node_of_leaf(last_leaf) + layout.nodes_in_leaf(last_leaf) - first_node;
      update_uplink(
          pod, cut_before, pod.failed_cables >= layout.pod_uplinks, ComponentKind::Link, step.time_s,
          "pod" + std::to_string(event.index) + ".up", first_node, nodes,
          [&] {
            return layout.pod_uplink_bandwidth * (layout.pod_uplinks - pod.failed_cables) /
                   layout.pod_uplinks;
          },
          plan);
      continue;
    }
    UplinkState& leaf = leaves[event.index];
    const bool cut_before = leaf_cut(leaf);
    if (event.component == Component::LeafSwitch) {
      leaf.failed_switches += sign;
    } else {
      leaf.failed_cables += sign * event.count;
    }
    const ComponentKind cause =
        leaf.failed_switches >= switches_per_leaf ? ComponentKind::Switch : ComponentKind::Link;
    update_uplink(
        leaf, cut_before, leaf_cut(leaf), cause, step.time_s, "leaf" + std::to_string(event.index) + ".up",
        layout.first_node_of_leaf(event.index), layout.nodes_in_leaf(event.index),
        [&] {
          return layout.leaf_uplink_bandwidth * (layout.leaf_uplinks - leaf.failed_cables) /
                 layout.leaf_uplinks * (switches_per_leaf - leaf.failed_switches) / switches_per_leaf;
        },
        plan);
  }
  return plan;
}

}  // namespace ppusim
