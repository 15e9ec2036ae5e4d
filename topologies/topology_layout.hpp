// What the simulation reads of the network, whatever its kind: which leaf group and pod each
// node sits in, and how much capacity each tier's aggregated uplinks have. Every kind reduces to
// this one hierarchy (docs/topologies.md, "One hierarchy for every kind"); each derives it from
// its own geometry in its own layout type, which adds what only that kind has:
//
//   kind            type                leaf group             leaf uplink capacity     pod             pod
//   uplink capacity fat-tree        FatTreeLayout       leaf switches          down / leaf oversub.     spine
//   pod       down / pod oversub. rail-optimized  FatTreeLayout       segment (ToR per       same, per
//   segment        pod (agg.)      same, to the core
//                                       rail and plane)
//   dragonfly       DragonflyLayout     router (p nodes)       (a − 1 + h) links: every group (a minimal: the
//   global links
//                                                              fabric port of the router routers) between two
//                                                              groups;
//                                                                                                       Valiant:
//                                                                                                       a·h /
//                                                                                                       2
//                                                                                                       links
//   torus           TorusLayout         X-line (X nodes)       X links: the cut between XY-plane        X·Y
//   links: the cut between
//                                                              two neighbouring lines                   two
//                                                              neighbouring planes
//
// The engine, the placement, the SimGrid platform (one link per leaf group's and per pod's
// uplinks), the failure planner and the report read only TopologyLayout; the physical graphs
// of `ppusim topology` read the kind's own type. topology_kinds.cpp builds the layout of each
// kind, one row per kind.
//
// Aggregation (docs/models.md section (d)): the parallel uplinks of a leaf group (or of a pod)
// are modelled as one pipe whose capacity is their sum. This is the fluid limit of ideal ECMP or
// adaptive routing; it keeps one SimGrid link per switch group instead of one per cable.
//
// Plain data with inline arithmetic rather than virtual functions: the placement asks for the
// leaf group of a node in its innermost loops, and every kind answers that question alike.
#pragma once

#include <algorithm>

#include "sim/config/scenario.hpp"

namespace ppusim {

struct TopologyLayout {
  int nodes = 0;
  int nodes_per_leaf = 0;
  int leaves = 0;
  int leaves_per_pod = 0;  // with two tiers: every leaf, in a single pod
  int pods = 0;
  bool has_core = false;  // three tiers

  double node_nic_bandwidth = 0;     // bytes/s, one direction, all NICs of a node
  int leaf_uplinks = 0;              // switch-to-switch links out of one leaf group
  double leaf_uplink_bandwidth = 0;  // bytes/s, their sum, one direction
  int pod_uplinks = 0;
  double pod_uplink_bandwidth = 0;
  double link_latency_s = 0;
  /// Switches a leaf group's uplinks hang from, which a leaf-switch failure takes out one by
  /// one (link_failures.hpp): a fat-tree's leaf switches, a dragonfly's router, none in a torus.
  int switches_per_leaf_group = 0;

  int leaf_of_node(int node) const { return node / nodes_per_leaf; }
  int pod_of_leaf(int leaf) const { return leaf / leaves_per_pod; }
  int first_node_of_leaf(int leaf) const { return leaf * nodes_per_leaf; }
  int nodes_in_leaf(int leaf) const { return std::min(nodes_per_leaf, nodes - first_node_of_leaf(leaf)); }
  int first_leaf_of_pod(int pod) const { return pod * leaves_per_pod; }
  int leaves_in_pod(int pod) const { return std::min(leaves_per_pod, leaves - first_leaf_of_pod(pod)); }
};

/// The grouping alone (nodes, leaf groups, pods, node NICs and link latency; no uplinks), from
/// the hierarchy fields the loader derives for every kind. Each kind's layout starts from it.
TopologyLayout topology_grouping(const Scenario& scenario);

/// The layout of the scenario's topology, built by its kind's row (topology_kinds.hpp).
TopologyLayout make_topology_layout(const Scenario& scenario);

}  // namespace ppusim
