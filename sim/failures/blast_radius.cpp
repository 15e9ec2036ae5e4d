#include "sim/failures/blast_radius.hpp"

namespace ppusim {

BlastRadius blast_radius(const ComponentFailure& failure, const TopologyLayout& layout,
                         const NodeSpec& node) {
  BlastRadius radius;
  switch (failure.component) {
    case ComponentKind::Ppu:
    case ComponentKind::Hbm:
      radius.nodes_down = {failure.index / node.ppus_per_node};
      radius.spare_can_replace = true;
      break;
    case ComponentKind::Nic:
      radius.nodes_down = {failure.index / node.nics_per_node};
      radius.spare_can_replace = true;
      break;
    case ComponentKind::Node:
      radius.nodes_down = {failure.index};
      radius.spare_can_replace = true;
      break;
    case ComponentKind::Preemption:
      radius.nodes_down = {failure.index};
      break;
    case ComponentKind::Switch: {
      const int first = layout.first_node_of_leaf(failure.index);
      for (int n = 0; n < layout.nodes_in_leaf(failure.index); ++n) radius.nodes_down.push_back(first + n);
      break;
    }
    case ComponentKind::Link:
      radius.broken_uplink_leaf = failure.index / layout.leaf_uplinks;
      break;
  }
  return radius;
}

}  // namespace ppusim
