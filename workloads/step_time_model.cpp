#include "workloads/step_time_model.hpp"

#include <algorithm>
#include <array>

#include "workloads/job_performance.hpp"

namespace ppusim {

namespace {

/// Time of one operation: the slower of its FLOPs at the size-dependent GEMM efficiency and
/// its HBM bytes at the memory efficiency (a roofline). `gemm_flops` is one GEMM's size, which
/// sets its efficiency; `flops` may be many such GEMMs (attention heads, experts).
double op_time(double flops, double gemm_flops, double bytes, const StepHardware& hw) {
  const ChipFamilyEfficiency& e = *hw.efficiency;
  const double efficiency = e.gemm_efficiency * gemm_flops / (gemm_flops + e.gemm_half_flops);
  return std::max(flops / (hw.peak_flops_per_s * efficiency),
                  bytes / (e.memory_efficiency * hw.hbm_bandwidth_bytes_per_s));
}

/// An (M × K) · (K × N) GEMM in 2-byte elements: 2MKN FLOPs, inputs and output read or written once.
double gemm_time(double m, double k, double n, const StepHardware& hw) {
  const double flops = 2 * m * k * n;
  return op_time(flops, flops, kActivationBytes * (m * k + k * n + m * n), hw);
}

double ring_allreduce_bytes(double bytes, double ranks) {
  return ranks > 1 ? 2.0 * (ranks - 1) / ranks * bytes : 0.0;
}

/// The per-layer forward pieces of one micro-batch on one PPU.
struct LayerTimes {
  double forward = 0;    // every op of the layer's forward pass
  double attention = 0;  // its attention core alone (what selective recomputation repeats)
  /// The GEMMs next to the four tensor-parallel collectives of the forward pass, which an
  /// overlapped collective hides behind: Q/K/V and MLP-in after an all-gather, the output
  /// projection and MLP-out before a reduce-scatter.
  std::array<double, 4> collective_neighbours{};
};

LayerTimes layer_forward(const TransformerShape& shape, const ReplicaLayout& layout, const StepHardware& hw) {
  const double t = layout.tensor;
  const double c = layout.context;
  const double b = layout.micro_batch_sequences;
  const double s = shape.sequence_length;
  const double h = shape.hidden;
  const double h_kv = kv_width(shape);
  const double f = shape.ffn_or_default();
  const double k = shape.top_k;
  const double M = mlp_matrices(shape);
  const double tokens = b * s / c;
  const double heads = shape.heads_or_default();
  LayerTimes times;

  const double qkv = gemm_time(tokens, h, (h + 2 * h_kv) / t, hw);
  // Attention core (flash-style: Q, K, V read, the output written; scores stay on chip):
  // per head two s/c × s × (h/a) products.
  const double head_dim = h / heads;
  const double core_flops = 4 * b * s * s * h / (t * c);
  const double one_head = 4 * (s / c) * s * head_dim;
  const double core_bytes = kActivationBytes * tokens * (2 * h + 2 * h_kv) / t;
  times.attention = op_time(core_flops, one_head, core_bytes, hw);
  const double projection = gemm_time(tokens, h / t, h, hw);
  // Routed MLPs: each of the e expert ranks' E/e experts sees e·T·k/E tokens.
  double mlp_in = 0;
  double mlp_out = 0;
  if (shape.is_mixture_of_experts()) {
    const double local_experts = static_cast<double>(shape.experts) / layout.expert;
    const double per_expert = tokens * k / local_experts;
    mlp_in = local_experts * (M - 1) * gemm_time(per_expert, h, f / t, hw);
    mlp_out = local_experts * gemm_time(per_expert, f / t, h, hw);
  } else {
    mlp_in = (M - 1) * gemm_time(tokens, h, f / t, hw);
    mlp_out = gemm_time(tokens, f / t, h, hw);
  }
  times.collective_neighbours = {qkv, projection, mlp_in, mlp_out};
  // Norms, dropouts and residuals on h-wide rows (10 reads and writes), the activation
  // function on (M − 1) f-wide inputs and one output.
  const double elementwise_bytes = kActivationBytes * tokens * (10 * h + M * k * f) / t;
  const double elementwise =
      elementwise_bytes / (hw.efficiency->memory_efficiency * hw.hbm_bandwidth_bytes_per_s);
  times.forward = qkv + times.attention + projection + mlp_in + mlp_out + elementwise;
  return times;
}

}  // namespace

StepHardware step_hardware(const Scenario& scenario, Precision precision) {
  StepHardware hw;
  hw.peak_flops_per_s = peak_flops_per_s(scenario.ppu, precision);
  hw.hbm_bandwidth_bytes_per_s = scenario.ppu.hbm_bandwidth_bytes_per_s;
  hw.scale_up_bandwidth_bytes_per_s = scenario.node.intra_node_bandwidth_bytes_per_s;
  hw.ppus_per_node = std::max(1, scenario.node.ppus_per_node);
  hw.nic_bandwidth_bytes_per_ppu = scenario.node.node_nic_bandwidth_bytes_per_s() / hw.ppus_per_node;
  hw.scale_up_domain = scenario.node.scale_up_domain();
  hw.link_latency_s = scenario.topology.link_latency_s;
  hw.gradient_bytes_per_parameter = scenario.workload.gradient_bytes_per_parameter;
  hw.efficiency = &chip_family_efficiency(scenario.ppu.family);
  return hw;
}

StepEstimate estimate_step(const TransformerShape& shape, double sequences_per_step,
                           const ReplicaLayout& layout, int ppus, int zero_stage, const StepHardware& hw) {
  StepEstimate estimate;
  StepBreakdown& out = estimate.speed.breakdown_s;
  const double t = layout.tensor;
  const double p = layout.pipeline;
  const double c = layout.context;
  const double d = layout.data;
  const double v = layout.virtual_stages;
  const double m = layout.micro_batches;
  const double b = layout.micro_batch_sequences;
  const double s = shape.sequence_length;
  const double h = shape.hidden;
  const double tokens = b * s / c;
  const double net = hw.efficiency->collective_efficiency;
  const double layers_per_stage = shape.layers / p;
  const bool multi_node = ppus > hw.ppus_per_node;
  // Megatron-LM's rank order (tensor, context, data, pipeline): a stage's t·c·d ranks are
  // consecutive, so stages share a node only when that block is smaller than a node.
  const bool stages_apart = multi_node && t * c * d >= hw.ppus_per_node;
  const double scale_up = net * hw.scale_up_bandwidth_bytes_per_s;
  const double nic = net * hw.nic_bandwidth_bytes_per_ppu;

  // Compute: one micro-batch through the stage, forward and backward.
  const LayerTimes layer = layer_forward(shape, layout, hw);
  double layer_s = 3 * layer.forward;
  if (layout.recomputation == Recomputation::Selective) layer_s += layer.attention;
  if (layout.recomputation == Recomputation::Full) layer_s += layer.forward;
  const double logits_s = 3 * gemm_time(tokens, h, shape.vocabulary / t, hw);
  const double micro_batch_s = layers_per_stage * layer_s + logits_s;
  estimate.micro_batch_s = micro_batch_s;
  out.compute = m * micro_batch_s;

  // Tensor (and sequence) parallelism: per layer, four all-gathers or reduce-scatters of the
  // T·h activations in each forward pass (two with full recomputation) and four in the backward.
  double tensor_mb_s = 0;
  if (t > 1) {
    const double collective_s = (t - 1) / t * kActivationBytes * tokens * h / scale_up;
    const double forward_passes = layout.recomputation == Recomputation::Full ? 2 : 1;
    double per_layer = (4 * forward_passes + 4) * collective_s;
    if (layout.overlap.tensor_parallel) {
      // Each collective runs behind the GEMM next to it: the forward GEMM, or the backward's
      // two GEMMs (data and weight gradients) of twice its time.
      per_layer = 0;
      for (double gemm_s : layer.collective_neighbours) {
        per_layer +=
            forward_passes * std::max(0.0, collective_s - gemm_s) + std::max(0.0, collective_s - 2 * gemm_s);
      }
    }
    tensor_mb_s = layers_per_stage * per_layer;
  }
  out.tensor_parallel = m * tensor_mb_s;

  out.bubble = (p - 1) / v * (micro_batch_s + tensor_mb_s);

  // Pipeline point-to-point: each micro-batch's activations leave each of its v chunks
  // forward, and their gradients come back: 2·v·m transfers of the sequence-parallel shard.
  if (p > 1) {
    const double transfer_s = kActivationBytes * tokens * h / t / (stages_apart ? nic : scale_up);
    const double transfers = 2 * v * m;
    out.pipeline_p2p = transfers * transfer_s;
    if (layout.overlap.pipeline_p2p) {
      // Asynchronous sends hide behind the next chunk's forward (the shorter pass), except on
      // the fill and drain chains, where the receiving stage has nothing else to do: p − 1
      // transfers each way stay exposed.
      const double chunk_forward_s = layers_per_stage / v * layer.forward;
      const double critical = std::min(transfers, 2 * (p - 1));
      out.pipeline_p2p =
          critical * transfer_s + (transfers - critical) * std::max(0.0, transfer_s - chunk_forward_s);
    }
  }

  // Context parallelism: ring attention passes K and V around the c ranks, behind the core.
  if (c > 1) {
    const bool cp_apart = t * c > hw.ppus_per_node;
    const double bytes = (c - 1) * 2 * kActivationBytes * tokens * kv_width(shape) / t;
    const double per_layer = 3 * bytes / (cp_apart ? nic : scale_up);
    out.context_parallel = m * layers_per_stage * std::max(0.0, per_layer - 3 * layer.attention);
  }

  // Expert all-to-all: inside a node when the expert group (t·e PPUs, t apart) fits one.
  if (layout.expert > 1 && shape.is_mixture_of_experts()) {
    const double bytes = expert_all_to_all_bytes_per_ppu_per_step(shape, layout);
    const bool a2a_apart = multi_node && t * layout.expert > hw.ppus_per_node;
    out.expert_all_to_all = bytes / (a2a_apart ? nic : scale_up);
    if (a2a_apart) {
      const double r = std::clamp(static_cast<double>(hw.ppus_per_node) / t, 1.0, double(layout.expert));
      estimate.expert_off_node_bytes_per_ppu = bytes * (layout.expert - r) / (layout.expert - 1);
    }
  }

  // Data parallelism: the ring over d replicas, hidden behind the last micro-batch's backward,
  // and behind the first micro-batch's forward too when weights are gathered before it: with
  // ZeRO-3, or with a sharded optimizer (ZeRO ≥ 1) whose parameter all-gather is prefetched.
  const TransformerParameters n = transformer_parameters(shape);
  const double g = hw.gradient_bytes_per_parameter;
  const double e = layout.expert;
  double dp_bytes = ring_allreduce_bytes(g * n.dense / (t * p), d * c) +
                    ring_allreduce_bytes(g * n.experts / (t * p * e), d * c / e);
  if (zero_stage >= 3) dp_bytes *= 1.5;
  estimate.data_parallel_bytes_per_ppu = dp_bytes;
  if (dp_bytes > 0) {
    estimate.data_parallel_on_network = multi_node && t * c * d > hw.ppus_per_node;
    const int hops = 4;  // across leaf groups: the engine adds the real tiers' contention
    estimate.data_parallel_s =
        dp_bytes / (estimate.data_parallel_on_network ? nic : scale_up) +
        (estimate.data_parallel_on_network ? 2 * (d * c - 1) * hops * hw.link_latency_s : 0);
    const DataParallelOverlap overlap = layout.overlap.data_parallel;
    const bool forward_too =
        zero_stage >= 3 || (zero_stage >= 1 && overlap == DataParallelOverlap::ForwardAndBackward);
    const double window =
        overlap == DataParallelOverlap::None ? 0.0 : (forward_too ? 1.0 : 2.0 / 3.0) * micro_batch_s;
    out.data_parallel = std::max(0.0, estimate.data_parallel_s - window);
  }

  const StepFlops flops = flops_per_step(shape, sequences_per_step, layout.recomputation);
  estimate.model_flops_per_step = flops.model;
  estimate.executed_flops_per_step = flops.executed;
  estimate.speed.source = SpeedSource::StepModel;
  estimate.speed.step_time_s = out.total();
  estimate.speed.mfu = flops.model / (ppus * hw.peak_flops_per_s * estimate.speed.step_time_s);
  return estimate;
}

double batch_tokens(const JobSpec& job, const Scenario& scenario) {
  const double given = job.model ? job.model->global_batch_tokens : 0;
  return given > 0 ? given : scenario.workload.default_global_batch_tokens;
}

CommunicationOverlap job_overlap(const JobSpec& job, const Scenario& scenario) {
  return job.parallelism.overlap.over(scenario.workload.overlap);
}

ReplicaLayout job_replica_layout(const JobSpec& job, const Parallelism& parallelism,
                                 const Scenario& scenario) {
  const double sequences = batch_tokens(job, scenario) / job.model->shape->sequence_length;
  ReplicaLayout layout = replica_layout(parallelism, job.ppus, sequences);
  layout.overlap = job_overlap(job, scenario);
  return layout;
}

StepEstimate estimate_job_step(const JobSpec& job, const Scenario& scenario) {
  const TransformerShape& shape = *job.model->shape;
  const double sequences = batch_tokens(job, scenario) / shape.sequence_length;
  const ReplicaLayout layout = job_replica_layout(job, job.parallelism, scenario);
  return estimate_step(shape, sequences, layout, job.ppus, job.parallelism.zero_stage,
                       step_hardware(scenario, job.precision));
}

}  // namespace ppusim
