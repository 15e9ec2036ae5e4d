#include "sim/inference/roofline.hpp"

#include <algorithm>

namespace ppusim {

Roofline::Roofline(const ServedModel& model, const PpuSpec& ppu, int ppus,
                   const RooflineEfficiency& efficiency)
    : two_n_(2 * model.parameters),
      attention_per_token_(model.layers * model.hidden_size),
      weight_bytes_(model.weight_bytes()),
      kv_bytes_per_token_(model.kv_bytes_per_token),
      compute_flops_per_s_(ppus * (model.fp8_compute ? ppu.peak_fp8_flops_per_s : ppu.peak_bf16_flops_per_s) *
                           efficiency.compute),
      memory_bytes_per_s_(ppus * ppu.hbm_bandwidth_bytes_per_s * efficiency.memory_bandwidth) {}

double Roofline::flops(const IterationLoad& load) const {
  const double tokens = load.prefill_tokens + load.decode_tokens;
  return two_n_ * tokens + attention_per_token_ * load.prefill_tokens_squared +
         2 * attention_per_token_ * load.decode_context_tokens;
}

double Roofline::bytes(const IterationLoad& load) const {
  return weight_bytes_ + kv_bytes_per_token_ * (load.decode_context_tokens + load.prefill_tokens);
}

double Roofline::iteration_s(const IterationLoad& load) const {
  return std::max(flops(load) / compute_flops_per_s_, bytes(load) / memory_bytes_per_s_);
}

}  // namespace ppusim
