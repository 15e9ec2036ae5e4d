#include "workloads/chip_family_efficiency.hpp"

#include <array>

#include "sim/core/edit_distance.hpp"
#include "sim/core/input_error.hpp"

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
    // The older NVIDIA parts of Alibaba's traces (V100, T4, P100): no published fit or MFU the
    // model could be calibrated to; they take the generic row's constants, named so that a
    // report says which chip generation a job ran on.
    ChipFamilyEfficiency{"nvidia-volta", 0.60, 2e9, 0.8, 0.7, 0.40,
                         "assumption: the generic row's constants (no fit for Volta)"},
    ChipFamilyEfficiency{"nvidia-turing", 0.60, 2e9, 0.8, 0.7, 0.40,
                         "assumption: the generic row's constants (no fit for Turing)"},
    ChipFamilyEfficiency{"nvidia-pascal", 0.60, 2e9, 0.8, 0.7, 0.40,
                         "assumption: the generic row's constants (no fit for Pascal)"},
};

}  // namespace

const ChipFamilyEfficiency& chip_family_efficiency(const std::string& family, const std::string& json_path) {
  for (const ChipFamilyEfficiency& row : kTable) {
    if (row.family == family) return row;
  }
  // Not found: only now look for the closest name (every job asks for its family; the edit
  // distances cost 6 % of a 10,000-job run's instructions when computed on every look-up).
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
         "google-tpu, nvidia-volta, nvidia-turing, nvidia-pascal";
}

}  // namespace ppusim
