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

/// Whether any job of the trace moves bytes to or from storage (staging, a base model or
/// checkpoint to load, streaming input).
bool trace_uses_storage(const JobTrace& trace) {
  return std::any_of(trace.jobs.begin(), trace.jobs.end(), [](const JobSpec& job) {
    return job.dataset_bytes > 0 || job.checkpoint_bytes > 0 || job.input != nullptr;
  });
}

}  // namespace

UncontendedFabric::UncontendedFabric(const Scenario& scenario, const JobTrace& trace,
                                     const TopologyLayout& layout)
    : nic_bandwidth_(layout.node_nic_bandwidth) {
  // Condition 1: nothing but ring edges crosses the uplinks, and their capacities never change.
  // Failures write checkpoints (storage traffic); topology failures change link capacities or
  // cut nodes off.
  const bool registry_flows =
      scenario.setup.image_bytes > 0 && scenario.setup.registry_bandwidth_bytes_per_s > 0;
  const bool only_ring_traffic = !scenario.failures.enabled && !registry_flows && !trace_uses_storage(trace);
  const bool capacities_fixed = scenario.topology.failures.empty();
  // Condition 2's part about interruptions, that no interrupted job's flows still run, then
  // holds whatever interrupts jobs (tenant preemption, spot reclaims): every flow left is a ring
  // edge of a job spanning several nodes, which holds them whole (NodePool::allocate) and is
  // folded, so no job has a SimGrid flow that could outlive its attempt (docs/engine.md).
  holds_ = only_ring_traffic && capacities_fixed && nic_bandwidth_ > 0 && uplinks_carry_every_nic(layout);
}

bool UncontendedFabric::fold_ring_flows(JobPlan& plan, const Allocation& allocation) const {
  if (!holds_ || !allocation.whole_nodes || plan.cross_leaf_flows.empty()) return false;
  // Anything else shared keeps the job a SimGrid actor (none can occur while holds_, but the
  // plan is the authority on what the job does).
  if (plan.uses_storage_or_registry()) return false;
  // SimGrid is sent the bytes as a whole number (network_job.cpp).
  const double flow_s = std::floor(plan.flow_bytes_per_segment) / nic_bandwidth_;
  plan.private_comm_per_segment_s = std::max(plan.private_comm_per_segment_s, flow_s);
  plan.cross_leaf_flows.clear();
  return true;
}

}  // namespace ppusim
