// The network as arithmetic (named after the fat-tree, its first kind; every topology kind
// reduces to it, see topology_layout.hpp): which leaf group and pod each node sits in, and how much
// capacity each tier's uplinks have. Pure data, no SimGrid: the platform builder, the
// placement policy and the tests all read it.
//
// Aggregation (docs/models.md section (d)): the parallel uplinks of a leaf group (or of a pod) are
// modelled as one pipe whose capacity is their sum. This is the fluid limit of ideal ECMP or
// adaptive routing; it keeps one SimGrid link per switch group instead of one per cable.
#pragma once

#include "sim/config/scenario.hpp"

namespace ppusim {

struct FatTreeLayout {
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

  int leaf_of_node(int node) const { return node / nodes_per_leaf; }
  int pod_of_leaf(int leaf) const { return leaf / leaves_per_pod; }
  int first_node_of_leaf(int leaf) const { return leaf * nodes_per_leaf; }
  int nodes_in_leaf(int leaf) const;
  int first_leaf_of_pod(int pod) const { return pod * leaves_per_pod; }
  int leaves_in_pod(int pod) const;
};

/// The grouping alone (nodes, leaf groups, pods; no capacities), from the hierarchy fields of
/// the scenario's topology. Every kind's layout starts from it (topology_layout.hpp).
FatTreeLayout make_hierarchy(const Scenario& scenario);

/// Derives the layout of a fat-tree (or rail-optimized fabric) from the scenario. Uplink counts are whole
/// links: the downlink capacity divided by the tier's oversubscription, rounded up to at least one link.
FatTreeLayout make_fat_tree_layout(const Scenario& scenario);

}  // namespace ppusim
