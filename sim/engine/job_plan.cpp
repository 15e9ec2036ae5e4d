#include "sim/engine/job_plan.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "workloads/streaming_input.hpp"

namespace ppusim {

namespace {

/// PPUs of the job per node (k), and its per-step private communication time.
struct RingShape {
  double ppus_per_node;
  double private_comm_per_step_s;
};

/// Switch hops between two nodes of the job: 2 inside a leaf group (NIC up, NIC down), 4
/// across leaf groups of a pod, 6 across pods.
int path_hops(int leaves_spanned, int pods_spanned) {
  return pods_spanned > 1 ? 6 : leaves_spanned > 1 ? 4 : 2;
}

/// Bandwidth term: max(k·v / B_nic, v / B_intra); latency term (α): a ring all-reduce takes
/// 2(d − 1) sequential hops of the ring, each crossing `hops` links of the fabric.
/// A transformer shape's own per-step terms (bubble, tensor and expert traffic) come on top.
RingShape ring_shape(const JobSpec& job, const JobWork& work, int nodes, int hops, const Scenario& scenario) {
  const double k = static_cast<double>(job.ppus) / nodes;
  if (!work.has_gradient_traffic()) return {k, work.step_overhead_s()};
  const double v = work.allreduce_bytes_per_ppu_per_step;
  double t = v / scenario.node.intra_node_bandwidth_bytes_per_s;
  if (nodes > 1) {
    t = std::max(t, k * v / scenario.node.node_nic_bandwidth_bytes_per_s());
    t += 2.0 * (work.data_parallel_degree - 1) * hops * scenario.topology.link_latency_s;
  }
  return {k, t + work.step_overhead_s()};
}

/// Bytes per step that one leaf boundary's flow carries: the ring edge's k·v, and the expert
/// all-to-all bytes that leave the leaf group's nodes for other leaf groups, with the job's
/// nodes assumed spread evenly over its leaf groups and all-to-all peers spread evenly over
/// the job's other nodes (an upper bound when expert groups are smaller than the job).
double leaf_boundary_bytes_per_step(const JobWork& work, double ppus_per_node, int nodes, int leaves) {
  double bytes = ppus_per_node * work.allreduce_bytes_per_ppu_per_step;
  if (work.expert_off_node_bytes_per_ppu_per_step > 0 && nodes > 1) {
    const double nodes_per_leaf = static_cast<double>(nodes) / leaves;
    const double outside_leaf = (nodes - nodes_per_leaf) / (nodes - 1);
    bytes += nodes_per_leaf * ppus_per_node * work.expert_off_node_bytes_per_ppu_per_step * outside_leaf;
  }
  return bytes;
}

/// ⌈a / b⌉ for a ≥ 0, b > 0, without the overflow of (a + b − 1) / b near INT_MAX.
int divide_rounding_up(int a, int b) { return a <= 0 ? 0 : (a - 1) / b + 1; }

int nodes_for(int ppus, int ppus_per_node) { return std::max(1, divide_rounding_up(ppus, ppus_per_node)); }

double staging_rate(int nodes, const Scenario& scenario) {
  const double per_node = std::min(scenario.storage.per_client_bandwidth_bytes_per_s,
                                   scenario.node.node_nic_bandwidth_bytes_per_s());
  return std::min(per_node * nodes, scenario.storage.aggregate_bandwidth_bytes_per_s);
}

}  // namespace

double mean_of(const DurationDistribution& d) {
  switch (d.kind) {
    case DurationDistribution::Kind::Fixed:
      return d.a;
    case DurationDistribution::Kind::Uniform:
      return (d.a + d.b) / 2;
    case DurationDistribution::Kind::LogNormal:
      return d.a * std::exp(d.b * d.b / 2);
  }
  return d.a;
}

namespace {

/// The job's nodes per leaf group, in leaf order.
std::vector<LeafShare> leaf_shares_of(const Allocation& allocation, const TopologyLayout& layout) {
  std::vector<int> leaves;
  leaves.reserve(allocation.nodes.size());
  for (int node : allocation.nodes) leaves.push_back(layout.leaf_of_node(node));
  std::sort(leaves.begin(), leaves.end());
  std::vector<LeafShare> shares;
  for (int leaf : leaves) {
    if (shares.empty() || shares.back().leaf != leaf) shares.push_back({leaf, 0});
    ++shares.back().nodes;
  }
  return shares;
}

/// Consecutive nodes of the same leaf group, in the order given.
struct LeafRun {
  int leaf, first, last, count;
};

std::vector<LeafRun> leaf_runs(const std::vector<int>& nodes, const TopologyLayout& layout) {
  std::vector<LeafRun> runs;
  for (int node : nodes) {
    const int leaf = layout.leaf_of_node(node);
    if (runs.empty() || runs.back().leaf != leaf) runs.push_back({leaf, node, node, 0});
    runs.back().last = node;
    ++runs.back().count;
  }
  return runs;
}

/// How many separate data-parallel rings the job's nodes form. Megatron-LM orders ranks
/// tensor, context, data, then pipeline, so with p stages of t·c·d ≥ k_node consecutive PPUs
/// each stage's replicas hold a block of n/p consecutive nodes, and its gradient ring stays
/// in that block: p rings. Otherwise (one stage, stages sharing nodes, expert traffic, which
/// spreads over the whole job) one ring over all the job's nodes.
int ring_groups(const JobSpec& job, const JobWork& work, int nodes, int ppus_per_node) {
  const Parallelism& l = job.parallelism;
  const int p = l.pipeline;
  if (p <= 1 || nodes % p != 0 || work.expert_off_node_bytes_per_ppu_per_step > 0) return 1;
  const long long stage_ppus = static_cast<long long>(job.ppus) / p;  // t·c·d
  return stage_ppus >= ppus_per_node ? p : 1;
}

double framework_init_s(int nodes, const SetupSpec& setup) {
  return setup.framework_init_base_s + setup.framework_init_per_node_s * nodes;
}

}  // namespace

double estimate_runtime_s(const JobSpec& job, const JobWork& work, const Scenario& scenario) {
  const int nodes = nodes_for(job.ppus, scenario.node.ppus_per_node);
  const SetupSpec& setup = scenario.setup;
  double setup_s = mean_of(setup.provisioning_s) + framework_init_s(nodes, setup);
  if (setup.image_bytes > 0) {
    double pull_s = 0;
    if (setup.registry_bandwidth_bytes_per_s > 0)
      pull_s = setup.image_bytes * nodes / setup.registry_bandwidth_bytes_per_s;
    if (setup.image_pull_node_bandwidth_bytes_per_s > 0) {
      pull_s = std::max(pull_s, setup.image_bytes / setup.image_pull_node_bandwidth_bytes_per_s);
    }
    setup_s += pull_s;
  }
  if (job.checkpoint_bytes > 0) setup_s += job.checkpoint_bytes / staging_rate(nodes, scenario);
  // Before placement: assume the job is packed into as few leaf groups as it needs.
  const int leaves = divide_rounding_up(nodes, scenario.topology.nodes_per_leaf);
  const int pods = scenario.topology.tiers >= 3
                       ? divide_rounding_up(leaves, std::max(1, scenario.topology.leaves_per_pod))
                       : 1;
  const RingShape shape = ring_shape(job, work, nodes, path_hops(leaves, pods), scenario);
  double staging = job.dataset_bytes > 0
                       ? scenario.storage.latency_s + job.dataset_bytes / staging_rate(nodes, scenario)
                       : 0.0;
  const double steps_s = work.compute_s + work.steps * shape.private_comm_per_step_s;
  const double input_bytes = streaming_input_bytes(job, work);
  const double input_s = input_bytes > 0 ? input_bytes / staging_rate(nodes, scenario) : 0.0;
  return setup_s + staging + std::max(steps_s, input_s);
}

double checkpoint_state_bytes(const JobSpec& job, const Scenario& scenario) {
  if (job.checkpoint_bytes > 0) return job.checkpoint_bytes;
  if (job.model) return job.model->parameters * scenario.failures.checkpoint.bytes_per_parameter;
  return 0;
}

JobPlan make_job_plan(const JobSpec& job, const JobWork& work, const Allocation& allocation,
                      const TopologyLayout& layout, const Scenario& scenario, StartDraws draws) {
  JobPlan plan;
  const int nodes = static_cast<int>(allocation.nodes.size());
  plan.setup.provisioning_s = draws.provisioning_s;
  if (scenario.setup.image_bytes > 0 && !draws.image_pull_nodes.empty()) {
    plan.setup.image_pull_nodes = std::move(draws.image_pull_nodes);
    plan.setup.image_bytes = scenario.setup.image_bytes;
    plan.setup.image_pull_flows = scenario.setup.registry_bandwidth_bytes_per_s > 0;
    if (scenario.setup.image_pull_node_bandwidth_bytes_per_s > 0) {
      plan.setup.image_pull_private_s =
          scenario.setup.image_bytes / scenario.setup.image_pull_node_bandwidth_bytes_per_s;
    }
  }
  plan.setup.checkpoint_bytes_per_node = job.checkpoint_bytes / nodes;
  plan.setup.init_s = framework_init_s(nodes, scenario.setup);
  if (scenario.failures.enabled) {
    plan.checkpoint.interval_s = scenario.failures.checkpoint.interval_s;
    plan.checkpoint.bytes_per_node = checkpoint_state_bytes(job, scenario) / nodes;
  }

  // Leaf groups in placement order, with the first and last node of the job in each.
  const std::vector<LeafRun> runs = leaf_runs(allocation.nodes, layout);
  plan.leaves_spanned = static_cast<int>(runs.size());
  plan.leaf_shares = leaf_shares_of(allocation, layout);
  const int first_pod = layout.pod_of_leaf(runs.front().leaf);
  const bool crosses_pods = std::any_of(runs.begin(), runs.end(), [&](const LeafRun& run) {
    return layout.pod_of_leaf(run.leaf) != first_pod;
  });
  // Across servers of different sizes `scenario` is the weakest server's view, and the ring is
  // timed as on the nodes of it that the job would fill (docs/models.md, section f).
  const int timed_nodes =
      allocation.spans_several_node_sizes() ? nodes_for(job.ppus, scenario.node.ppus_per_node) : nodes;
  const RingShape shape =
      ring_shape(job, work, timed_nodes, path_hops(plan.leaves_spanned, crosses_pods ? 2 : 1), scenario);
  plan.delivered_flops_per_s = work.total_flops / work.compute_s;

  // The data-parallel rings in placement order: one per pipeline stage when the stages sit on
  // separate blocks of nodes (ring_groups), each crossing the leaf (and pod) boundaries of
  // its own block, and its wrap-around edge those from its last node back to its first.
  std::vector<RingFlow> edges;
  if (work.has_gradient_traffic() || work.expert_off_node_bytes_per_ppu_per_step > 0) {
    const int groups = ring_groups(job, work, nodes, scenario.node.ppus_per_node);
    const std::size_t block = allocation.nodes.size() / groups;
    for (int g = 0; g < groups; ++g) {
      const std::vector<int> members(allocation.nodes.begin() + g * block,
                                     allocation.nodes.begin() + (g + 1) * block);
      const std::vector<LeafRun> ring = leaf_runs(members, layout);
      if (ring.size() < 2) continue;
      for (std::size_t i = 0; i < ring.size(); ++i)
        edges.push_back({ring[i].last, ring[(i + 1) % ring.size()].first});
    }
  }

  // Segments of about segment_s, never more than there are steps (a job whose steps are not
  // known, one described by FLOPs or a duration, is cut by time alone when it streams input).
  const double estimate = work.compute_s + work.steps * shape.private_comm_per_step_s;
  const double wanted = std::ceil(estimate / scenario.simulation.segment_s);
  const double input_bytes = streaming_input_bytes(job, work);
  const bool streams = input_bytes > 0;
  const double most = work.has_step_traffic() ? std::max(1.0, std::floor(work.steps))
                      : streams               ? std::max(1.0, wanted)
                                              : 1.0;
  const bool crosses_uplinks = !edges.empty();
  plan.segments = crosses_uplinks || streams ? static_cast<int>(std::clamp(wanted, 1.0, most)) : 1;
  plan.compute_per_segment_s = work.compute_s / plan.segments;
  const double steps_per_segment = work.steps / plan.segments;
  plan.private_comm_per_segment_s = steps_per_segment * shape.private_comm_per_step_s;

  if (crosses_uplinks) {
    plan.flow_bytes_per_segment =
        steps_per_segment *
        leaf_boundary_bytes_per_step(work, shape.ppus_per_node, nodes, plan.leaves_spanned);
    plan.cross_leaf_flows = std::move(edges);
  }
  if (streams) {
    InputPlan& input = plan.input;
    input.bytes_per_node_per_segment = input_bytes / plan.segments / nodes;
    input.nodes = nodes;
    input.dataset = scenario.storage.dataset_index(job.input->dataset);
    input.node_cache_after_bytes = std::numeric_limits<double>::infinity();
    const std::optional<NodeCacheSpec>& node_cache = scenario.storage.node_cache;
    if (input.dataset >= 0 && node_cache) {
      const double share = scenario.storage.datasets[input.dataset].bytes / nodes;
      if (share <= node_cache->capacity_bytes) input.node_cache_after_bytes = share;
      input.node_cache_bandwidth = node_cache->bandwidth_bytes_per_s;
    }
  }
  if (job.dataset_bytes > 0) {
    for (int node : allocation.nodes) plan.staging.push_back({node, job.dataset_bytes / nodes});
    plan.staging_latency_s = scenario.storage.latency_s;
  }
  return plan;
}

}  // namespace ppusim
