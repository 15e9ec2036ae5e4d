#include "workloads/chip_family_efficiency.hpp"

#include <array>

#include "sim/config/edit_distance.hpp"
#include "sim/config/input_error.hpp"

namespace ppusim {

namespace {

// F_half = 2 GFLOP for every family: a 1024 × 1024 × 1024 GEMM (2.1 GFLOP) runs at about half
// its large-GEMM speed on current accelerators (an assumption, not fitted). η_mem = 0.8 and
// η_net = 0.7 (NCCL's bus bandwidth of a ring is about 70–80 % of the link rate) are
// assumptions too. η_max is what the MegaScale fit (nvidia-ampere) sets, and for the other
// families what their published MFUs imply; docs/models.md, section (k), shows the sums.
constexpr std::array kTable = {
    ChipFamilyEfficiency{"", 0.60, 2e9, 0.8, 0.7, 0.40,
                         "assumption: a generic accelerator; u_default 0.40 is ppusim's former "
                         "scenario-wide MFU, so unshaped work keeps its speed"},
    ChipFamilyEfficiency{"nvidia-ampere", 0.70, 2e9, 0.8, 0.7, 0.45,
                         "fitted: eta_max to MegaScale (NSDI'24) Table 2, Megatron-LM column, 175B on "
                         "A100 (docs/models.md k); u_default = OPT-175B's ~47 % rounded down"},
    ChipFamilyEfficiency{"nvidia-hopper", 0.66, 2e9, 0.8, 0.7, 0.40,
                         "derived: eta_max so that Llama 3.1 405B on 16,384 H100 gives ~40 % MFU "
                         "(published 38-43 %, FS section 5); u_default 0.40 the same figure"},
    ChipFamilyEfficiency{"nvidia-blackwell", 0.55, 2e9, 0.8, 0.7, 0.38,
                         "assumption: hopper's eta_max a little lower (younger software, twice the "
                         "peak against 2.4x the HBM bandwidth); no public fit"},
    ChipFamilyEfficiency{"alibaba-zhenwu", 0.50, 2e9, 0.75, 0.65, 0.35,
                         "assumption: no published MFU; below hopper for a younger software stack"},
    ChipFamilyEfficiency{"huawei-ascend", 0.50, 2e9, 0.75, 0.65, 0.35,
                         "assumption: published Ascend MFUs (30-45 %) sit below Hopper's"},
    ChipFamilyEfficiency{"aws-trainium", 0.50, 2e9, 0.75, 0.65, 0.35,
                         "assumption: no published large-model MFU; as ascend"},
    ChipFamilyEfficiency{"google-tpu", 0.62, 2e9, 0.8, 0.7, 0.45,
                         "assumption: PaLM reached 46 % MFU on TPU v4 (Chowdhery et al. 2022)"},
};

}  // namespace

const ChipFamilyEfficiency& chip_family_efficiency(const std::string& family, const std::string& json_path) {
  // Every job's speed asks for its family (twice per job, a million jobs in a month run):
  // the exact match first, and the edit distances only for the error message.
  for (const ChipFamilyEfficiency& row : kTable) {
    if (row.family == family) return row;
  }
  const ChipFamilyEfficiency* closest = nullptr;
  std::size_t best = 0;
  for (const ChipFamilyEfficiency& row : kTable) {
    const std::size_t distance = edit_distance(row.family, family);
    if (!row.family.empty() && (closest == nullptr || distance < best)) {
      closest = &row;
      best = distance;
    }
  }
  std::string message = json_path + ": found \"" + family +
                        "\", expected a chip family: " + std::string(chip_family_names()) +
                        " (or \"\" for a generic chip)";
  if (closest != nullptr && best <= 4) message += "; did you mean \"" + std::string(closest->family) + "\"?";
  throw InputError(message);
}

std::string_view chip_family_names() {
  return "nvidia-ampere, nvidia-hopper, nvidia-blackwell, alibaba-zhenwu, huawei-ascend, aws-trainium, "
         "google-tpu";
}

}  // namespace ppusim
