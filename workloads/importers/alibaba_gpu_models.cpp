#include "workloads/importers/alibaba_gpu_models.hpp"

#include <array>

#include "sim/hardware/hardware_catalog.hpp"

namespace ppusim {
namespace {

// openb's G2 and G3 are "undisclosed internal GPU codes" (cluster-trace-gpu-v2023 README). Their
// hosts hold 384 GiB (G2) and 768 GiB (G3) of memory for 8 GPUs: 48 and 96 GiB per GPU, which
// sits with the 16-GB V100 hosts' 32-42 GiB and the 32-GB V100 hosts' 96 GiB of the same trace.
// So G2 is taken as a 16-GB and G3 as a 32-GB V100-class card, with the V100 PCIe datasheet's
// figures (no NVLink assumed): 112 TFLOP/s FP16 tensor, 900 GB/s, 250 W, PCIe Gen3 x16.
constexpr AssumedChip kG2{.peak_flops_per_s = 112e12,
                          .memory_bytes = 16e9,
                          .memory_bandwidth_bytes_per_s = 900e9,
                          .tdp_watts = 250,
                          .idle_watts = 36,
                          .scale_up_bandwidth_bytes_per_s = 16e9,
                          .assumption =
                              "undisclosed (openb README: G1, G2, G3 are internal codes); assumed a 16-GB "
                              "V100-class PCIe card (V100 PCIe datasheet figures), as its hosts' 48 GiB of "
                              "memory per GPU sit with the 16-GB V100 hosts' 32-42 GiB; range 65-312 TFLOP/s "
                              "(T4 to A100)"};
constexpr AssumedChip kG3{
    .peak_flops_per_s = 112e12,
    .memory_bytes = 32e9,
    .memory_bandwidth_bytes_per_s = 900e9,
    .tdp_watts = 250,
    .idle_watts = 36,
    .scale_up_bandwidth_bytes_per_s = 16e9,
    .assumption =
        "undisclosed (openb README: G1, G2, G3 are internal codes); assumed a 32-GB "
        "V100-class PCIe card (V100 PCIe datasheet figures), as its hosts' 96 GiB of "
        "memory per GPU equal the 32-GB V100 hosts'; range 65-312 TFLOP/s (T4 to A100)"};
// PAI v2020's MISC groups older GPU models the trace does not break down (Weng et al., NSDI'22).
// Taken as the oldest named model of that trace, the P100 PCIe 16 GB (datasheet figures).
constexpr AssumedChip kMisc{.peak_flops_per_s = 18.7e12,
                            .memory_bytes = 16e9,
                            .memory_bandwidth_bytes_per_s = 732e9,
                            .tdp_watts = 250,
                            .idle_watts = 36,
                            .scale_up_bandwidth_bytes_per_s = 16e9,
                            .assumption =
                                "PAI's mix of older GPU models, not broken down by the trace; assumed the "
                                "trace's oldest named model, the P100 PCIe 16 GB (datasheet figures); range "
                                "10-125 TFLOP/s"};

// Trace names, as the traces spell them, sorted. V100M16 and V100M32 are the SXM2 parts: the
// simulator published with openb (hkust-adsl/kubernetes-scheduler-simulator, GPU memory table)
// lists them as Tesla-V100-SXM2-16GB and -32GB, and P100 as Tesla-P100-PCIE-16GB. PAI v2020's
// "V100" sits on 8-GPU machines beside V100M32: the 16-GB SXM2 part.
constexpr std::array kModels = {
    AlibabaGpuModel{"A10", "a10"},
    AlibabaGpuModel{"G2", "g2", &kG2},
    AlibabaGpuModel{"G3", "g3", &kG3},
    AlibabaGpuModel{"MISC", "misc", &kMisc},
    AlibabaGpuModel{"P100", "p100-pcie-16gb"},
    AlibabaGpuModel{"T4", "t4"},
    AlibabaGpuModel{"V100", "v100-sxm2-16gb"},
    AlibabaGpuModel{"V100M16", "v100-sxm2-16gb"},
    AlibabaGpuModel{"V100M32", "v100-sxm2-32gb"},
};

// Node figures no trace gives (assumptions, docs/workloads.md): one 25 Gb/s Ethernet port per
// node, the VPC port of a cloud GPU server of these generations (no RDMA fabric), and 10 W per
// CPU core of host power besides the GPUs (a two-socket host of 96 cores draws about 1 kW at
// full load with its memory and fans).
constexpr double kNicBitsPerS = 25e9;
constexpr double kHostWattsPerCore = 10;

}  // namespace

const AlibabaGpuModel* find_alibaba_gpu_model(std::string_view trace_name) {
  for (const AlibabaGpuModel& model : kModels) {
    if (model.trace_name == trace_name) return &model;
  }
  return nullptr;
}

std::string alibaba_gpu_model_names() {
  std::string names;
  for (const AlibabaGpuModel& model : kModels)
    names += (names.empty() ? "" : ", ") + std::string(model.trace_name);
  return names;
}

nlohmann::ordered_json alibaba_ppu_json(const AlibabaGpuModel& model) {
  if (model.assumed == nullptr) return std::string(model.ppu_type);
  const AssumedChip& chip = *model.assumed;
  return {{"name", std::string(model.ppu_type)},
          {"peak_bf16_flops_per_s", chip.peak_flops_per_s},
          {"peak_fp8_flops_per_s", chip.peak_flops_per_s},
          {"hbm_bytes", chip.memory_bytes},
          {"hbm_bandwidth_bytes_per_s", chip.memory_bandwidth_bytes_per_s},
          {"tdp_watts", chip.tdp_watts},
          {"idle_watts", chip.idle_watts}};  // no family: the generic chip's constants
}

nlohmann::ordered_json alibaba_node_json(const AlibabaGpuModel& model, int ppus_per_node, double cpu_cores) {
  const double scale_up = model.assumed != nullptr
                              ? model.assumed->scale_up_bandwidth_bytes_per_s
                              : hardware_catalog().find_chip(model.ppu_type)->scale_up_bandwidth_bytes_per_s;
  return {{"ppus_per_node", ppus_per_node},
          {"intra_node_bandwidth_bytes_per_s", scale_up},
          {"nics_per_node", 1},
          {"nic_bandwidth_bits_per_s", kNicBitsPerS},
          {"host_watts", kHostWattsPerCore * cpu_cores},
          {"ppu", alibaba_ppu_json(model)}};
}

nlohmann::ordered_json alibaba_node_assumptions() {
  return {{"intra_node_bandwidth_bytes_per_s", "the chip's scale-up bandwidth (hardware catalog)"},
          {"nics_per_node", "assumption: one port per node (the traces give no network)"},
          {"nic_bandwidth_bits_per_s", "assumption: 25 Gb/s Ethernet, a cloud GPU server's VPC port"},
          {"host_watts", "assumption: 10 W per CPU core (a 96-core host about 1 kW with memory and fans)"}};
}

}  // namespace ppusim
