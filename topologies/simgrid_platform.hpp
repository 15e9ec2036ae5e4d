// The data center as SimGrid sees it: one host per node, the fat-tree as nested star zones,
// and the shared store behind its own link, so that traffic and I/O contend in SimGrid's
// max-min network model.
//
//   root (star) ── storage zone ── [storage link] ── storage host
//    ├─ pod 0 (star) ── [pod uplink] ── spine router      (three tiers only)
//    │   ├─ leaf 0 (star) ── [leaf uplink] ── leaf router
//    │   │   ├─ node 0 ── [node NIC link]
//    │   │   └─ node 0's storage client ── [client link, per-client storage bandwidth]
//    │   └─ leaf 1 ...
//    └─ pod 1 ...
//
// All links are split-duplex (each direction has its full bandwidth). Zones are nested only
// per leaf and per pod, never per node: sealing nested zones walks their hosts, so one zone
// per node would be quadratic (docs/performance.md).
#pragma once

#include <vector>

#include "sim/config/scenario.hpp"
#include "topologies/fat_tree_layout.hpp"

namespace simgrid::s4u {
class Host;
}

namespace ppusim {

struct SimgridPlatform {
  std::vector<simgrid::s4u::Host*> nodes;         // index = node id
  // Where a node's reads from the shared store arrive. SimGrid cannot cap the rate of a
  // host-to-host flow, so each node's storage client is an endpoint behind a link of the
  // per-client bandwidth.
  std::vector<simgrid::s4u::Host*> storage_clients;  // index = node id
  simgrid::s4u::Host* storage = nullptr;
  simgrid::s4u::Host* controller = nullptr;  // runs the engine's actors; has no links
};

/// Builds the platform into the current SimGrid engine (which must exist and be empty).
SimgridPlatform build_simgrid_platform(const Scenario& scenario, const FatTreeLayout& layout);

}  // namespace ppusim
