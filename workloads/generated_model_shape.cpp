#include "workloads/generated_model_shape.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>
#include <numeric>

#include "workloads/layout_check.hpp"
#include "workloads/ppu_memory.hpp"
#include "workloads/transformer_model.hpp"

namespace ppusim {

namespace {

/// A dense decoder: TransformerShape's field order is layers, hidden, heads, sequence,
/// vocabulary, experts, top_k, kv_heads, ffn_hidden, gated_mlp.
constexpr TransformerShape dense(int layers, int hidden, int heads, int sequence, int vocabulary,
                                 int kv_heads, int ffn_hidden, bool gated) {
  return TransformerShape{layers, hidden, heads, sequence, vocabulary, 1, 1, kv_heads, ffn_hidden, gated};
}

// Every figure is in docs/workloads.md, "Model jobs", with its source. GPT-3 used GPT-2's
// 50,257-token vocabulary, padded here to 51,200 as Megatron-LM does; GPT-3 13B's d_model is
// printed 5140 in Table 2.1, 40 heads of 128 = 5120. Llama 3 405B is left out: its 126 layers
// admit no pipeline depth above 2 that divides a power-of-two job, and at p ≤ 2 its weights
// and gradients alone exceed an 80 GB PPU.
constexpr std::array kShapes{
    PublishedShape{"gpt3-xl", dense(24, 2048, 24, 2048, 51200, 24, 8192, false),
                   "Brown et al. 2020, Table 2.1"},
    PublishedShape{"gpt3-2.7b", dense(32, 2560, 32, 2048, 51200, 32, 10240, false),
                   "Brown et al. 2020, Table 2.1"},
    PublishedShape{"gpt3-6.7b", dense(32, 4096, 32, 2048, 51200, 32, 16384, false),
                   "Brown et al. 2020, Table 2.1"},
    PublishedShape{"llama3-8b", dense(32, 4096, 32, 8192, 128256, 8, 14336, true),
                   "Dubey et al. 2024, Table 3"},
    PublishedShape{"llama2-13b", dense(40, 5120, 40, 4096, 32000, 40, 13824, true),
                   "Touvron et al. 2023, Table 1; Meta's released params (ffn 13824)"},
    PublishedShape{"llama3-70b", dense(80, 8192, 64, 8192, 128256, 8, 28672, true),
                   "Dubey et al. 2024, Table 3"},
    PublishedShape{"gpt3-175b", dense(96, 12288, 96, 2048, 51200, 96, 49152, false),
                   "Brown et al. 2020, Table 2.1"},
};

/// Megatron-LM keeps tensor parallelism at most 8 wide (Narayanan et al. 2021, §3.3): wider, the
/// per-PPU GEMMs shrink and the all-reduces grow.
constexpr int kMaxTensor = 8;

/// Tokens per step per PPU of the largest published runs: MegaScale's 175B model, 6,144
/// sequences of 2,048 on 12,288 GPUs (Jiang et al. 2024, Table 2), and Llama 3 405B, 16M tokens
/// on 16,384 GPUs (Dubey et al. 2024, §3.4.1). A fixed batch spread over ever more replicas
/// would leave each a fraction of a micro-batch.
constexpr double kBatchTokensPerPpu = 1024;

double parameters_of(const TransformerShape& shape) { return transformer_parameters(shape).total(); }

/// The index of the shape whose N is nearest 1e9·√P in ratio: the former heuristic's size, so
/// that gradient volumes and step counts stay of the same order as before shapes.
std::size_t nearest_shape(int ppus) {
  const double target = 1e9 * std::sqrt(static_cast<double>(ppus));
  std::size_t best = 0;
  double best_distance = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < kShapes.size(); ++i) {
    // max(N/t, t/N) orders as |ln(N/t)| does, without a libm call that may round differently
    // on another platform (the generator's determinism note).
    const double n = parameters_of(kShapes[i].shape);
    const double distance = std::max(n / target, target / n);
    if (distance < best_distance) {
      best_distance = distance;
      best = i;
    }
  }
  return best;
}

/// The deterministic layout of the header comment, or nothing when no pipeline depth fits.
std::optional<Parallelism> fitting_layout(const TransformerShape& shape, int ppus, double batch,
                                          const Scenario& scenario) {
  const int heads = std::gcd(shape.heads_or_default(), shape.kv_heads_or_default());
  int tensor = static_cast<int>(
      std::bit_floor(static_cast<unsigned>(std::min({kMaxTensor, scenario.node.scale_up_domain(), ppus}))));
  while (tensor > 1 && (heads % tensor != 0 || ppus % tensor != 0)) tensor /= 2;

  JobSpec trial;
  trial.ppus = ppus;
  trial.model = ModelDescription{parameters_of(shape), 0, batch, shape};
  for (int pipeline = 1; pipeline <= shape.layers; ++pipeline) {
    if (shape.layers % pipeline != 0 || ppus % (tensor * pipeline) != 0) continue;
    // ZeRO-2 also shards the gradients at no extra traffic, but DeepSpeed does not combine it
    // with pipeline parallelism: only a job without a pipeline may use it.
    for (int zero_stage = 1; zero_stage <= (pipeline == 1 ? 2 : 1); ++zero_stage) {
      Parallelism& l = trial.parallelism;
      l.tensor = tensor;
      l.pipeline = pipeline;
      l.micro_batches = 0;  // micro-batches of one sequence: the smallest activations and bubble
      l.zero_stage = zero_stage;
      l.recomputation = Recomputation::Selective;
      if (find_layout_problem(trial, scenario)) break;  // the ZeRO stage does not change it
      if (!why_job_cannot_fit(trial, scenario)) return l;
    }
  }
  return std::nullopt;
}

}  // namespace

std::span<const PublishedShape> published_shapes() { return kShapes; }

std::optional<GeneratedModel> choose_generated_model(int ppus, double default_batch_tokens,
                                                     const Scenario& scenario,
                                                     std::string_view largest_shape) {
  const double batch = std::max(default_batch_tokens, kBatchTokensPerPpu * ppus);
  std::size_t first = nearest_shape(ppus);
  for (std::size_t i = 0; i < kShapes.size(); ++i)
    if (!largest_shape.empty() && kShapes[i].name == largest_shape) first = i;
  for (std::size_t i = first + 1; i-- > 0;) {
    const TransformerShape& shape = kShapes[i].shape;
    if (const std::optional<Parallelism> layout = fitting_layout(shape, ppus, batch, scenario)) {
      const double sequence = shape.sequence_length;
      return GeneratedModel{&kShapes[i], *layout, parameters_of(shape),
                            flops_per_step(shape, 1.0, Recomputation::Selective).model / sequence, batch};
    }
  }
  return std::nullopt;
}

}  // namespace ppusim
