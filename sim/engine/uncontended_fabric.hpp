// Ring flows that nothing can slow down, timed by arithmetic instead of as SimGrid flows
// (docs/engine.md, "Ring flows on an uncontended fabric").
//
// A job's cross-leaf ring edges are SimGrid flows because the uplinks they cross are shared:
// another job's flows may take part of their bandwidth. That cannot happen when
//   1. the uplinks cannot be saturated below a NIC's rate: every leaf group's uplink carries at
//      least the NIC bandwidth of all its nodes, and every pod's uplink that of all the pod's
//      nodes (a non-blocking fat-tree); no link changes capacity (no topology failures); and
//      no job has flows crossing an uplink alongside its ring (streaming input: its reads run
//      while its ring does). Then every job holding whole nodes has, at any instant, at most
//      one flow per node of it below an uplink crossing that uplink in each direction (its
//      setup's pulls and staging, then its ring edges, checkpoints in between: one phase at a
//      time), so the uplink saturates before each flow reaches a NIC's rate only if more
//      flows cross it than it has nodes below;
//   2. the job's NICs are its own: it holds its nodes whole, and none of its ring edges shares a
//      NIC with another flow (the registry's pulls enter a node only in its holder's setup;
//      storage traffic uses the nodes' storage clients and leaf ports, not their NICs).
// Then SimGrid's max-min sharing gives each of the job's ring flows its NIC's full rate. Under
// CM02 with zero-latency links and unit bandwidth factor a flow of S bytes alone at its
// bottleneck B takes S / B: a segment's communication takes max(t_private, S / B_nic), exactly
// what the actor waits for, so the ring needs no flow. A job that also moves bytes to or from
// storage or the registry keeps its actor for those; its segments only sleep.
//
// What the arithmetic leaves out, stated and measured in docs/engine.md and docs/performance.md:
// storage flows through a leaf group's port (checkpoints) are bounded by no NIC, so they no
// longer meet the ring edges on an uplink they would have saturated; jobs on shared nodes and
// flows of an interrupted attempt that outlive its nodes may break the count of condition 1.
#pragma once

#include "sim/config/scenario.hpp"
#include "sim/engine/job_plan.hpp"
#include "sim/scheduler/node_pool.hpp"
#include "topologies/topology_layout.hpp"
#include "workloads/job_spec.hpp"

namespace ppusim {

class UncontendedFabric {
 public:
  UncontendedFabric(const Scenario& scenario, const JobTrace& trace, const TopologyLayout& layout);

  /// Whether condition 1 holds for the whole run.
  bool holds() const { return holds_; }
  /// When nothing can slow the job's ring flows, folds them into its private communication
  /// time (t_comm = max(t_private, ⌊S⌋ / B_nic) per segment, ⌊S⌋ the bytes SimGrid would send)
  /// and drops them, so that the plan's only shared traffic is storage and registry traffic
  /// (if any); true if it did.
  bool fold_ring_flows(JobPlan& plan, const Allocation& allocation) const;

 private:
  bool holds_ = false;
  double nic_bandwidth_ = 0;
};

}  // namespace ppusim
