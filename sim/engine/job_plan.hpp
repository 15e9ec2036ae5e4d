// How a started job will run on its allocation: the job model's work (JobWork) cut into
// segments, with the communication split into what only the job's own links carry (timed
// analytically) and what crosses shared switch uplinks (carried by SimGrid flows).
//
// Ring all-reduce over the job's nodes in placement order (grouped by leaf group; with p
// pipeline stages on separate blocks of nodes, one ring per stage's block, as Megatron-LM's
// rank order puts them, docs/models.md section b): every node sends
// k·v bytes per step to the next one over its NICs (k rail rings of v bytes each, k = PPUs of
// the job per node); every PPU also moves v bytes over the node's internal fabric. So a step's
// communication takes at least
//     t_private = max(k·v / B_nic_node, v / B_intra) + 2 (d − 1) · h · λ
// where the last term is the ring's latency (h switch hops per ring edge, λ per link).
// and the ring edges that leave a leaf group (one per leaf boundary) also cross the leaf (and
// pod) uplinks that other jobs use. Those edges become one SimGrid flow each per segment; the
// segment's communication ends when both the private time and the flows are done.
// A transformer shape adds its per-step bubble, tensor and expert time (JobWork) to the
// private time, and each leaf group's expert all-to-all bytes bound for other leaf groups to
// its boundary flow.
#pragma once

#include <vector>

#include "sim/config/scenario.hpp"
#include "sim/scheduler/resource_pool.hpp"
#include "topologies/topology_layout.hpp"
#include "workloads/job_performance.hpp"
#include "workloads/job_spec.hpp"

namespace ppusim {

struct RingFlow {
  int from_node;
  int to_node;
};

/// One node's share of the dataset, read from the shared store before the first step.
struct StagingFlow {
  int node;
  double bytes;
};

/// How many of the job's nodes sit in one leaf group. Checkpoint writes and loads travel as one
/// flow per (job, leaf group) carrying the group's share (docs/failures.md).
struct LeafShare {
  int leaf;
  int nodes;
};

/// The job's setup stages before its first step (docs/setup.md), drawn when it starts.
struct SetupPlan {
  double provisioning_s = 0;
  std::vector<int> image_pull_nodes;  // the job's nodes that do not hold its image
  double image_bytes = 0;
  bool image_pull_flows = false;         // through the shared registry (SimGrid flows)
  double image_pull_private_s = 0;       // at least this long, at the per-node pull rate
  double checkpoint_bytes_per_node = 0;  // read from shared storage by each node
  double init_s = 0;
};

/// What the engine decided when the job started, that the plan depends on.
struct StartDraws {
  double provisioning_s = 0;
  std::vector<int> image_pull_nodes;
};

/// Periodic checkpoints (docs/failures.md): every interval_s of training progress, each node
/// writes its share of the job's state to shared storage while the job's compute pauses.
struct CheckpointPlan {
  double interval_s = 0;  // 0: no checkpoints
  double bytes_per_node = 0;
  bool enabled() const { return interval_s > 0 && bytes_per_node > 0; }
};

/// Input read throughout the run (docs/models.md, section c2): each segment, every node reads
/// its share of the segment's input while the segment computes and communicates; the segment
/// ends only when both are done, so a job waits on input only when storage is the slower.
struct InputPlan {
  double bytes_per_node_per_segment = 0;
  int nodes = 0;
  int dataset = -1;  // index in scenario.storage.datasets; -1: none named
  /// A node reads from its local cache once it has read this much (its share of the dataset,
  /// when a node cache holds it; else never: infinity), at `node_cache_bandwidth`.
  double node_cache_after_bytes = 0;
  double node_cache_bandwidth = 0;
  bool enabled() const { return bytes_per_node_per_segment > 0; }
};

struct JobPlan {
  SetupPlan setup;
  CheckpointPlan checkpoint;
  InputPlan input;
  int segments = 1;
  double compute_per_segment_s = 0;
  double private_comm_per_segment_s = 0;
  double flow_bytes_per_segment = 0;
  std::vector<RingFlow> cross_leaf_flows;
  std::vector<LeafShare> leaf_shares;  // in leaf order
  std::vector<StagingFlow> staging;
  double staging_latency_s = 0;  // the store's access latency, once, after the transfer
  int leaves_spanned = 1;
  double delivered_flops_per_s = 0;  // while computing

  /// Whether the job uses anything shared (uplinks, storage, registry) and so needs SimGrid
  /// activities.
  bool uses_shared_resources() const { return !cross_leaf_flows.empty() || uses_storage_or_registry(); }
  /// Whether the job moves bytes to or from storage or the image registry.
  bool uses_storage_or_registry() const {
    return !staging.empty() || setup.image_pull_flows || setup.checkpoint_bytes_per_node > 0 ||
           checkpoint.enabled() || input.enabled();
  }
  /// Setup time owed to nothing shared: provisioning, the per-node pull rate, framework init.
  double private_setup_s() const { return setup.provisioning_s + setup.image_pull_private_s + setup.init_s; }
  /// Wall time when nothing shared slows it down (exact for jobs that use nothing shared).
  double private_runtime_s() const {
    return private_setup_s() + segments * (compute_per_segment_s + private_comm_per_segment_s);
  }
};

/// The scheduler's runtime estimate before placement: mean setup (every node pulling the
/// image), compute, NIC-bound communication, and staging at the per-client storage rate; the
/// steps take no less than their streaming input at that rate.
double estimate_runtime_s(const JobSpec& job, const JobWork& work, const Scenario& scenario);

/// The job's plan on `allocation`, timed with `scenario`'s chip and server. A job spanning
/// servers of different shapes is given their weakest server's view (weakest_server_view,
/// cluster_resources.hpp); where their PPUs per node differ
/// (Allocation::spans_several_node_sizes), its ring is timed as on the nodes of that server it
/// would fill (docs/models.md, section f).
JobPlan make_job_plan(const JobSpec& job, const JobWork& work, const Allocation& allocation,
                      const TopologyLayout& layout, const Scenario& scenario, StartDraws draws);

/// The state a checkpoint of the job saves: its `checkpoint_bytes`, else for a model job
/// parameters × failures.checkpoint.bytes_per_parameter; 0 when neither is known.
double checkpoint_state_bytes(const JobSpec& job, const Scenario& scenario);

/// The mean of a duration distribution.
double mean_of(const DurationDistribution& distribution);

}  // namespace ppusim
