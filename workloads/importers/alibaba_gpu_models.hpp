// The GPU models Alibaba's cluster traces name (openb v2023 node and pod lists, PAI v2020
// machine list) as PPUs ppusim simulates: a chip of the hardware catalog where the model is
// public, else a chip written inline from a labelled assumption (docs/workloads.md, "GPU models
// of the Alibaba traces"). The machine-list importers build their node pools from it, and the
// pod importer turns a pod's GPU-model request into the `ppu_type` names these pools carry.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace ppusim {

/// A chip no datasheet describes, with the figures assumed for it.
struct AssumedChip {
  double peak_flops_per_s = 0;  // dense 16-bit tensor rate, used as the BF16 and the FP8 peak
  double memory_bytes = 0;
  double memory_bandwidth_bytes_per_s = 0;
  double tdp_watts = 0;
  double idle_watts = 0;
  double scale_up_bandwidth_bytes_per_s = 0;  // per PPU, one direction
  std::string_view assumption;                // what is assumed and how it was derived
};

struct AlibabaGpuModel {
  std::string_view trace_name;  // as the trace writes it: "V100M16"
  /// The name a job's `ppu_type` uses for it: a hardware-catalog chip ("v100-sxm2-16gb"), or
  /// the inline chip's name ("g2") when `assumed` is set.
  std::string_view ppu_type;
  const AssumedChip* assumed = nullptr;
};

/// The model a trace names (case-sensitive, as the traces write them); nullptr if unknown.
const AlibabaGpuModel* find_alibaba_gpu_model(std::string_view trace_name);

/// "A10, G2, ...": the names find_alibaba_gpu_model knows, for messages.
std::string alibaba_gpu_model_names();

/// A scenario's `ppu` for the model: the catalog chip's name, or the inline block.
nlohmann::ordered_json alibaba_ppu_json(const AlibabaGpuModel& model);

/// A scenario's inline `node` for a machine of `ppus_per_node` such GPUs and `cpu_cores` cores
/// (the intra-node bandwidth is the chip's scale-up bandwidth; NICs and host power are the
/// assumptions alibaba_node_assumptions() states).
nlohmann::ordered_json alibaba_node_json(const AlibabaGpuModel& model, int ppus_per_node, double cpu_cores);

/// The assumptions behind alibaba_node_json's figures, one sentence per figure.
nlohmann::ordered_json alibaba_node_assumptions();

}  // namespace ppusim
