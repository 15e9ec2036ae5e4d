// The step-time model's fitted constants, one row per chip family (PpuSpec::family), in one
// table (chip_family_efficiency.cpp). They are what a chip achieves of its datasheet figures
// with a mature software stack; nothing in them is per job.
//
//   GEMM efficiency     η(F) = η_max · F / (F + F_half)       F = the GEMM's FLOPs
//                       (a large GEMM reaches η_max; one of F_half FLOPs half of it)
//   memory-bound ops    bytes / (η_mem · HBM bandwidth)
//   collectives         bytes / (η_net · link bandwidth)   (ring all-reduce, all-gather, p2p)
//   unshaped work       a job given by FLOPs, parameters or a duration runs at u_default of peak
//
// Which rows are fitted to measurements and which are assumptions is stated row by row in
// the table and in docs/models.md, section (k).
#pragma once

#include <string>
#include <string_view>

namespace ppusim {

struct ChipFamilyEfficiency {
  std::string_view family;           // PpuSpec::family; "" = generic
  double gemm_efficiency = 0;        // η_max
  double gemm_half_flops = 0;        // F_half
  double memory_efficiency = 0;      // η_mem
  double collective_efficiency = 0;  // η_net
  double unshaped_mfu = 0;           // u_default
  std::string_view basis;            // "fitted: ..." or "assumption: ..."
};

/// The row of `family`; InputError naming `json_path` (with a did-you-mean) when there is none.
const ChipFamilyEfficiency& chip_family_efficiency(const std::string& family,
                                                   const std::string& json_path = "/ppu/family");

/// Every row, for documentation and tests.
std::string_view chip_family_names();

}  // namespace ppusim
