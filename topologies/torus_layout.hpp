// The 3D torus (X×Y×Z nodes, each linked to its ±1 neighbours in every dimension with
// wraparound, dimension-order routing) as the simulation's hierarchy (topology_layout.hpp).
//
// Leaf group = the X nodes of one X-line (fixed y, z); pod = the X·Y nodes of one XY-plane
// (fixed z). A job's ring visits its nodes line by line and plane by plane, so each ring edge
// that leaves a line goes to a neighbouring line: dimension-order routing carries it over the
// Y links between the two lines, X of them in parallel (one per x), which is the line's
// uplink. Likewise a ring edge between planes crosses the X·Y links of the Z dimension
// between two neighbouring planes. (With wraparound a line has two neighbours; a ring uses
// one link set each way, which split-duplex links carry in their two directions.)
#pragma once

#include <array>

#include "sim/config/scenario.hpp"
#include "topologies/topology_layout.hpp"

namespace ppusim {

struct TorusLayout : TopologyLayout {
  TorusSpec torus;  // X, Y, Z

  /// Node x + X·(y + Y·z) sits at (x, y, z).
  std::array<int, 3> sizes() const { return {torus.x, torus.y, torus.z}; }
  std::array<int, 3> strides() const { return {1, torus.x, torus.x * torus.y}; }
  int coordinate(int node, int dimension) const { return node / strides()[dimension] % sizes()[dimension]; }
};

TorusLayout make_torus_layout(const Scenario& scenario);

}  // namespace ppusim
