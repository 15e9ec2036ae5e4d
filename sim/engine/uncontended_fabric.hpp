// Ring flows that nothing can slow down, timed by arithmetic instead of as SimGrid flows
// (docs/engine.md, "Ring flows on an uncontended fabric").
//
// A job's cross-leaf ring edges are SimGrid flows because the uplinks they cross are shared:
// another job's flows may take part of their bandwidth. That can never happen when
//   1. the uplinks cannot be saturated: every leaf group's uplink carries at least the NIC
//      bandwidth of all its nodes, and every pod's uplink that of all the pod's nodes (a
//      non-blocking fat-tree); and no flow other than ring edges ever crosses them (no
//      storage, registry or checkpoint traffic in the scenario, whose flows are bounded by no
//      NIC), and no link changes capacity;
//   2. the job's NICs are its own: it holds its nodes whole, and no interrupted job's flows can
//      still be running on them. Under condition 1 that holds whatever interrupts jobs (tenant
//      preemption, spot reclaims): the only flows would be ring edges of jobs spanning several
//      nodes, which hold them whole and are folded here, so no job has a SimGrid flow that
//      could outlive its attempt.
// Then SimGrid's max-min sharing gives each of the job's flows its NIC's full rate: every
// flow's rate is at most that of the one NIC it leaves (it carries no other flow), so the flows
// crossing an uplink sum to at most the NICs below it, which the uplink carries. Under CM02
// with zero-latency links and unit bandwidth factor, a flow of S bytes alone at its bottleneck
// B then takes S / B: a segment's communication takes max(t_private, S / B_nic), exactly what
// the actor waits for, so the job runs as a local job with that time as its private time.
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

  /// Whether condition 1 (and with it condition 2's part about interruptions) holds for the
  /// whole run.
  bool holds() const { return holds_; }
  /// When nothing can slow the job's ring flows, folds them into its private communication
  /// time (t_comm = max(t_private, ⌊S⌋ / B_nic) per segment, ⌊S⌋ the bytes SimGrid would send)
  /// and drops them, so that the plan uses nothing shared; true if it did.
  bool fold_ring_flows(JobPlan& plan, const Allocation& allocation) const;

 private:
  bool holds_ = false;
  double nic_bandwidth_ = 0;
};

}  // namespace ppusim
