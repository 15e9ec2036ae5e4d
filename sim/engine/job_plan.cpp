#include "sim/engine/job_plan.hpp"

#include <algorithm>
#include <cmath>

namespace ppusim {

namespace {

/// PPUs of the job per node (k), and its per-step private communication time.
struct RingShape {
  double ppus_per_node;
  double private_comm_per_step_s;
};

RingShape ring_shape(const JobSpec& job, const JobWork& work, int nodes, const Scenario& scenario) {
  const double v = work.allreduce_bytes_per_ppu_per_step;
  const double k = static_cast<double>(job.ppus) / nodes;
  double t = v / scenario.node.intra_node_bandwidth_bytes_per_s;
  if (nodes > 1) t = std::max(t, k * v / scenario.node.node_nic_bandwidth_bytes_per_s());
  return {k, work.has_gradient_traffic() ? t : 0.0};
}

int nodes_for(int ppus, int ppus_per_node) { return std::max(1, (ppus + ppus_per_node - 1) / ppus_per_node); }

double staging_rate(int nodes, const Scenario& scenario) {
  const double per_node = std::min(scenario.storage.per_client_bandwidth_bytes_per_s,
                                   scenario.node.node_nic_bandwidth_bytes_per_s());
  return std::min(per_node * nodes, scenario.storage.aggregate_bandwidth_bytes_per_s);
}

}  // namespace

double estimate_runtime_s(const JobSpec& job, const JobWork& work, const Scenario& scenario) {
  const int nodes = nodes_for(job.ppus, scenario.node.ppus_per_node);
  const RingShape shape = ring_shape(job, work, nodes, scenario);
  double staging = job.dataset_bytes > 0 ? job.dataset_bytes / staging_rate(nodes, scenario) : 0.0;
  return staging + work.compute_s + work.steps * shape.private_comm_per_step_s;
}

JobPlan make_job_plan(const JobSpec& job, const JobWork& work, const Allocation& allocation,
                      const FatTreeLayout& layout, const Scenario& scenario) {
  JobPlan plan;
  const int nodes = static_cast<int>(allocation.nodes.size());
  const RingShape shape = ring_shape(job, work, nodes, scenario);

  // Leaf groups in ring order, with the first and last node of the job in each.
  struct LeafRun {
    int leaf, first, last, count;
  };
  std::vector<LeafRun> runs;
  for (int node : allocation.nodes) {
    const int leaf = layout.leaf_of_node(node);
    if (runs.empty() || runs.back().leaf != leaf) runs.push_back({leaf, node, node, 0});
    runs.back().last = node;
    ++runs.back().count;
  }
  plan.leaves_spanned = static_cast<int>(runs.size());
  plan.delivered_flops_per_s = work.total_flops / work.compute_s;

  // Segments of about segment_s, never more than there are steps.
  const double estimate = work.compute_s + work.steps * shape.private_comm_per_step_s;
  const double wanted = std::ceil(estimate / scenario.simulation.segment_s);
  const double most = work.has_gradient_traffic() ? std::max(1.0, std::floor(work.steps)) : 1.0;
  const bool crosses_uplinks = work.has_gradient_traffic() && runs.size() > 1;
  plan.segments = crosses_uplinks ? static_cast<int>(std::clamp(wanted, 1.0, most)) : 1;
  plan.compute_per_segment_s = work.compute_s / plan.segments;
  const double steps_per_segment = work.steps / plan.segments;
  plan.private_comm_per_segment_s = steps_per_segment * shape.private_comm_per_step_s;

  if (crosses_uplinks) {
    plan.flow_bytes_per_segment = steps_per_segment * shape.ppus_per_node * work.allreduce_bytes_per_ppu_per_step;
    for (std::size_t i = 0; i < runs.size(); ++i) {
      plan.cross_leaf_flows.push_back({runs[i].last, runs[(i + 1) % runs.size()].first});
    }
  }
  if (job.dataset_bytes > 0) {
    for (int node : allocation.nodes) plan.staging.push_back({node, job.dataset_bytes / nodes});
  }
  return plan;
}

}  // namespace ppusim
