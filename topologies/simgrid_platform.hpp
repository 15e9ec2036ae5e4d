// The data center as SimGrid sees it: one host per node, the fat-tree's tiers as links on
// each node's route, and the shared store behind its own link, so that traffic and I/O
// contend in SimGrid's max-min network model.
//
//   root (star) ─┬─ storage zone ── [storage link] ── storage host
//                ├─ object-store zone ── [object-store link] ── object store (with one)
//                ├─ registry zone ── [registry link] ── image registry   (when images are pulled)
//                ├─ pod 0 (star) ── [pod uplink] ── spine gateway        (three tiers only)
//                │    ├─ node 0 ── [node NIC link] ── [leaf 0 uplink]
//                │    ├─ node 0's storage client ── [client link] ── [leaf 0 uplink]
//                │    ├─ leaf 0's storage port ── [leaf 0 uplink]   (aggregated checkpoint I/O)
//                │    └─ ...
//                └─ pod 1 ...
//
// Within a pod, every node's route to the pod's centre is its NIC then its leaf group's
// uplink. A route between two nodes of the same leaf would wrongly cross that uplink twice,
// so the engine never sends one through SimGrid: ring edges inside a leaf group ride only the
// nodes' own NICs and are timed analytically (docs/engine.md). Leaf groups therefore need no
// zone of their own, which matters: SimGrid checks every new host and link name against every
// zone, so build time grows with hosts × zones. (Links are all declared in the root zone, so
// that their checks stay cheap: simgrid_platform.cpp, make_link.)
//
// All links are split-duplex (each direction has its full bandwidth). With two tiers there is
// a single pod and no pod uplink.
#pragma once

#include <vector>

#include "sim/config/scenario.hpp"
#include "topologies/topology_layout.hpp"

namespace simgrid::s4u {
class Host;
}

namespace ppusim {

struct SimgridPlatform {
  std::vector<simgrid::s4u::Host*> nodes;  // index = node id
  // Where a node's reads from the shared store arrive. SimGrid cannot cap the rate of a
  // host-to-host flow, so each node's storage client is an endpoint behind a link of the
  // per-client bandwidth.
  std::vector<simgrid::s4u::Host*> storage_clients;  // index = node id
  // One endpoint per leaf group routed through the leaf uplink only: a job's checkpoint
  // traffic to and from one leaf group travels as a single flow from here (docs/failures.md).
  std::vector<simgrid::s4u::Host*> leaf_storage_ports;  // index = leaf group
  double storage_client_bandwidth = 0;                  // one client link: min(per-client rate, node NICs)
  simgrid::s4u::Host* storage = nullptr;
  /// Behind its own link of the object store's bandwidth (capped by its request rate); only
  /// with `storage.object_store`: the home of datasets the store caches (docs/models.md, c2).
  simgrid::s4u::Host* object_store = nullptr;
  simgrid::s4u::Host* registry = nullptr;    // container images; only when setup pulls images
  simgrid::s4u::Host* controller = nullptr;  // runs the engine's actors; has no links
};

/// Builds the platform into the current SimGrid engine (which must exist and be empty).
SimgridPlatform build_simgrid_platform(const Scenario& scenario, const TopologyLayout& layout);

}  // namespace ppusim
