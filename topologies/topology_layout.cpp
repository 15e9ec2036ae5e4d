#include "topologies/topology_layout.hpp"

namespace ppusim {

FatTreeLayout make_topology_layout(const Scenario& scenario) {
  switch (scenario.topology.family) {
    case TopologySpec::Kind::FatTree:
    case TopologySpec::Kind::RailOptimized:
      // A rail-optimized fabric is a fat-tree whose leaf groups are segments: planes and rails
      // change which switch a cable lands on, not the capacities of the tiers.
      return make_fat_tree_layout(scenario);
    case TopologySpec::Kind::Dragonfly:
      return make_dragonfly_layout(scenario);
    case TopologySpec::Kind::Torus:
      return make_torus_layout(scenario);
  }
  return make_fat_tree_layout(scenario);
}

}  // namespace ppusim
