#include "workloads/transformer_model.hpp"

#include <algorithm>

namespace ppusim {

namespace {

/// All-reduces (tensor parallel) or all-to-alls (expert parallel) per layer and micro-batch:
/// two in the forward pass, two in the backward pass, and the forward ones once more when the
/// backward pass recomputes the whole forward pass.
double collectives_per_layer(Recomputation recomputation) {
  return recomputation == Recomputation::Full ? 6.0 : 4.0;
}

}  // namespace

double mlp_matrices(const TransformerShape& shape) { return shape.gated_mlp ? 3.0 : 2.0; }

double kv_width(const TransformerShape& shape) {
  return static_cast<double>(shape.hidden) * shape.kv_heads_or_default() / shape.heads_or_default();
}

TransformerParameters transformer_parameters(const TransformerShape& shape) {
  const double l = shape.layers;
  const double h = shape.hidden;
  const double e = shape.experts;
  const double f = shape.ffn_or_default();
  TransformerParameters n;
  // Per layer: Q and output projections 2h², K and V 2h·h_kv, biases 4h, two layer norms 4h;
  // embeddings (V + s)·h.
  n.dense = l * (2 * h * h + 2 * h * kv_width(shape) + 8 * h) +
            (static_cast<double>(shape.vocabulary) + shape.sequence_length) * h;
  if (shape.is_mixture_of_experts()) n.dense += l * h * e;  // the router
  // Per expert MLP: M matrices of h × f, biases f + h (8h² + 5h at f = 4h, M = 2).
  n.experts = l * e * (mlp_matrices(shape) * h * f + f + h);
  return n;
}

ReplicaLayout replica_layout(const Parallelism& parallelism, int ppus, double sequences_per_step) {
  ReplicaLayout layout;
  layout.tensor = parallelism.tensor;
  layout.pipeline = parallelism.pipeline;
  layout.context = parallelism.context;
  layout.virtual_stages = parallelism.virtual_stages;
  layout.data = std::max(1, ppus / (parallelism.tensor * parallelism.pipeline * parallelism.context));
  layout.expert = parallelism.expert;
  layout.recomputation = parallelism.recomputation;
  const double per_replica = sequences_per_step / layout.data;
  if (parallelism.micro_batches > 0) {
    layout.micro_batches = parallelism.micro_batches;
  } else {
    layout.micro_batches = std::max(1.0, per_replica);
  }
  layout.micro_batch_sequences = per_replica / layout.micro_batches;
  return layout;
}

StepFlops flops_per_step(const TransformerShape& shape, double sequences_per_step,
                         Recomputation recomputation) {
  const double B = sequences_per_step;
  const double s = shape.sequence_length;
  const double h = shape.hidden;
  const double l = shape.layers;
  const double k = shape.top_k;
  // Q and output projections, K and V (narrower with grouped-query attention).
  const double projections = 4 * B * s * h * h + 4 * B * s * h * kv_width(shape);
  // M matrices of h × f, per routed expert (16Bsh²k at f = 4h, M = 2).
  const double mlp = 2 * mlp_matrices(shape) * B * s * h * shape.ffn_or_default() * k;
  const double attention = 4 * B * s * s * h;  // scores Q·Kᵀ and their product with V
  const double logits = 2 * B * s * h * shape.vocabulary;
  const double layer_forward = projections + mlp + attention;
  StepFlops flops;
  // Backward costs twice the forward pass (gradients of inputs and of weights).
  flops.model = 3 * (l * layer_forward + logits);
  flops.executed = flops.model;
  if (recomputation == Recomputation::Selective) flops.executed += l * attention;
  if (recomputation == Recomputation::Full) flops.executed += l * layer_forward;
  return flops;
}

double tensor_parallel_bytes_per_ppu_per_step(const TransformerShape& shape, const ReplicaLayout& layout) {
  const double t = layout.tensor;
  if (t <= 1) return 0;
  const double layers_per_stage = static_cast<double>(shape.layers) / layout.pipeline;
  const double activation =
      layout.micro_batch_sequences * shape.sequence_length * shape.hidden * kActivationBytes;
  const double ring_share = 2 * (t - 1) / t;  // a ring all-reduce sends this many times its size
  return layout.micro_batches * layers_per_stage * collectives_per_layer(layout.recomputation) * ring_share *
         activation;
}

double expert_all_to_all_bytes_per_ppu_per_step(const TransformerShape& shape, const ReplicaLayout& layout) {
  const double e = layout.expert;
  if (e <= 1 || !shape.is_mixture_of_experts()) return 0;
  const double layers_per_stage = static_cast<double>(shape.layers) / layout.pipeline;
  // Sequence parallelism splits a micro-batch's tokens over the tensor-parallel ranks.
  const double tokens = layout.micro_batch_sequences * shape.sequence_length / layout.tensor;
  const double leaving = (e - 1) / e;  // the share of routed tokens whose expert is elsewhere
  return layout.micro_batches * layers_per_stage * collectives_per_layer(layout.recomputation) * tokens *
         shape.top_k * shape.hidden * kActivationBytes * leaving;
}

double activation_bytes_per_ppu(const TransformerShape& shape, const ReplicaLayout& layout) {
  const double s = shape.sequence_length;
  const double b = layout.micro_batch_sequences;
  const double h = shape.hidden;
  const double a = shape.heads_or_default();
  const double t = layout.tensor;
  const double c = layout.context;  // each PPU holds s/c of every sequence
  // Korthikanti et al. (2022), eq. 2 with sequence parallelism: attention 11sbh + 5as²b,
  // MLP 19sbh at f = 4h (×k routed experts), layer norms 4sbh, all split over t.
  const double mlp = 3 + 2 * mlp_matrices(shape) * shape.ffn_or_default() / h;
  double per_layer = 0;
  switch (layout.recomputation) {
    case Recomputation::None:
      per_layer = s * b * h * (15 + mlp * shape.top_k + 5 * a * s / h) / (t * c);
      break;
    case Recomputation::Selective:
      per_layer = s * b * h * (15 + mlp * shape.top_k) / (t * c);
      break;
    case Recomputation::Full:
      per_layer = 2 * s * b * h / c;  // only each layer's input is kept
      break;
  }
  // 1F1B schedule: the first stage holds up to p micro-batches in flight (Korthikanti, §4.2);
  // interleaving holds (1 + (p − 1)/(p·v)) times as much.
  const double p = layout.pipeline;
  const double in_flight = std::min(layout.micro_batches, p);
  const double interleaving = layout.virtual_stages > 1 ? 1 + (p - 1) / (p * layout.virtual_stages) : 1.0;
  const double layers_per_stage = static_cast<double>(shape.layers) / layout.pipeline;
  return layers_per_stage * in_flight * per_layer * interleaving;
}

}  // namespace ppusim
