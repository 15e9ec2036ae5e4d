#include "sim/engine/uncontended_fabric.hpp"

#include <algorithm>
#include <cmath>

namespace ppusim {

namespace {

/// Condition 1's first half: no uplink can carry less than the NICs below it send.
bool uplinks_carry_every_nic(const TopologyLayout& layout) {
  const double nic = layout.node_nic_bandwidth;
  for (int leaf = 0; leaf < layout.leaves; ++leaf) {
    if (layout.leaf_uplink_bandwidth < layout.nodes_in_leaf(leaf) * nic) return false;
  }
  if (!layout.has_core) return true;
  for (int pod = 0; pod < layout.pods; ++pod) {
    double nodes = 0;
    for (int leaf = layout.first_leaf_of_pod(pod), end = leaf + layout.leaves_in_pod(pod); leaf < end; ++leaf)
      nodes += layout.nodes_in_leaf(leaf);
    if (layout.pod_uplink_bandwidth < nodes * nic) return false;
  }
  return true;
}

/// Whether any job of the trace streams its input: its reads cross the uplinks in the same
/// segments as its ring edges, so its nodes may carry two flows at once across an uplink.
bool trace_streams_input(const JobTrace& trace) {
  return std::any_of(trace.jobs.begin(), trace.jobs.end(),
                     [](const JobSpec& job) { return job.input != nullptr; });
}

}  // namespace

UncontendedFabric::UncontendedFabric(const Scenario& scenario, const JobTrace& trace,
                                     const TopologyLayout& layout)
    : nic_bandwidth_(layout.node_nic_bandwidth) {
  // Topology failures change link capacities or cut nodes off. Interruptions (failures, spot
  // reclaims, tenants' preemptions) do not matter here: an interrupted job's rings have no
  // flows to leave behind.
  holds_ = nic_bandwidth_ > 0 && scenario.topology.failures.empty() && uplinks_carry_every_nic(layout) &&
           !trace_streams_input(trace);
}

bool UncontendedFabric::fold_ring_flows(JobPlan& plan, const Allocation& allocation) const {
  if (!holds_ || !allocation.whole_nodes || plan.cross_leaf_flows.empty()) return false;
  // Reads alongside the ring (none can occur while holds_, but the plan is the authority on
  // what the job does).
  if (plan.input.enabled()) return false;
  // SimGrid is sent the bytes as a whole number (network_job.cpp).
  const double flow_s = std::floor(plan.flow_bytes_per_segment) / nic_bandwidth_;
  plan.private_comm_per_segment_s = std::max(plan.private_comm_per_segment_s, flow_s);
  plan.cross_leaf_flows.clear();
  return true;
}

}  // namespace ppusim
