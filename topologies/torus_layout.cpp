// 3D torus as the aggregated hierarchy (topology_layout.hpp).
//
// Leaf group = the X nodes of one X-line (fixed y, z); pod = the X·Y nodes of one XY-plane
// (fixed z). A job's ring visits its nodes line by line and plane by plane, so each ring edge
// that leaves a line goes to a neighbouring line: dimension-order routing carries it over the
// Y links between the two lines, X of them in parallel (one per x), which is the line's
// uplink. Likewise a ring edge between planes crosses the X·Y links of the Z dimension
// between two neighbouring planes. (With wraparound a line has two neighbours; a ring uses
// one link set each way, which split-duplex links carry in their two directions.)
#include "topologies/topology_layout.hpp"

namespace ppusim {

FatTreeLayout make_torus_layout(const Scenario& scenario) {
  const TorusSpec& t = scenario.topology.torus;
  const double link_bw = scenario.topology.link_bandwidth_bytes_per_s;
  FatTreeLayout layout = make_hierarchy(scenario);
  layout.leaf_uplinks = t.x;
  layout.leaf_uplink_bandwidth = layout.leaf_uplinks * link_bw;
  if (layout.has_core) {
    layout.pod_uplinks = t.x * t.y;
    layout.pod_uplink_bandwidth = layout.pod_uplinks * link_bw;
  }
  return layout;
}

}  // namespace ppusim
