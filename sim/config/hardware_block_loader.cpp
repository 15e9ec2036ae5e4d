#include "sim/config/hardware_block_loader.hpp"

#include <string>

#include "sim/config/plausible_bounds.hpp"

namespace ppusim {

namespace {

constexpr double kBitsPerByte = 8.0;

}  // namespace

PpuSpec read_ppu(JsonReader r) {
  r.allow_only({"name", "peak_bf16_flops_per_s", "peak_fp8_flops_per_s", "hbm_bytes",
                "hbm_bandwidth_bytes_per_s", "tdp_watts", "idle_watts", "family"});
  PpuSpec ppu;
  ppu.name = r.string("name");
  ppu.peak_bf16_flops_per_s = r.number("peak_bf16_flops_per_s", plausible::flops_per_s());
  // FP8 tensor cores run at twice the BF16 rate on H100/H200/B200, the common case.
  ppu.peak_fp8_flops_per_s =
      r.number_or("peak_fp8_flops_per_s", 2 * ppu.peak_bf16_flops_per_s, plausible::flops_per_s());
  ppu.hbm_bytes = r.number("hbm_bytes", plausible::hbm_bytes());
  ppu.hbm_bandwidth_bytes_per_s = r.number("hbm_bandwidth_bytes_per_s", plausible::hbm_bytes_per_s());
  ppu.tdp_watts = r.number("tdp_watts", plausible::ppu_watts());
  ppu.idle_watts = r.number("idle_watts", plausible::ppu_idle_watts());
  ppu.family = r.string_or("family", "");
  // The energy model splits power into idle + (tdp - idle) · load; that needs idle < tdp.
  if (ppu.idle_watts >= ppu.tdp_watts) {
    r.fail_found("idle_watts",
                 "a number < /ppu/tdp_watts (" + JsonReader::format_number(ppu.tdp_watts) + ")");
  }
  r.finish();
  return ppu;
}

NodeSpec read_node(JsonReader r) {
  r.allow_only({"ppus_per_node", "intra_node_bandwidth_bytes_per_s", "nics_per_node",
                "nic_bandwidth_bits_per_s", "host_watts", "scale_up_domain_ppus"});
  NodeSpec node;
  node.ppus_per_node = static_cast<int>(r.integer("ppus_per_node", IntegerRange::between(1, 1024)));
  node.intra_node_bandwidth_bytes_per_s =
      r.number("intra_node_bandwidth_bytes_per_s", plausible::link_bytes_per_s());
  node.nics_per_node = static_cast<int>(r.integer("nics_per_node", IntegerRange::between(1, 64)));
  // Network gear is sold in bits per second; everything inside the simulator is bytes.
  node.nic_bandwidth_bytes_per_s =
      r.number("nic_bandwidth_bits_per_s", plausible::link_bits_per_s()) / kBitsPerByte;
  node.host_watts = r.number_or("host_watts", 0, plausible::host_watts());
  node.scale_up_domain_ppus = static_cast<int>(
      r.integer_or("scale_up_domain_ppus", node.ppus_per_node, IntegerRange::between(1, 1 << 20)));
  if (node.scale_up_domain_ppus % node.ppus_per_node != 0) {
    r.fail_found("scale_up_domain_ppus",
                 "a multiple of /node/ppus_per_node (" + std::to_string(node.ppus_per_node) + ")");
  }
  r.finish();
  return node;
}

}  // namespace ppusim
