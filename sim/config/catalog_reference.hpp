// A scenario's `ppu` and `node` blocks may name a hardware catalog entry instead of spelling
// out every figure (docs/config.md, "Naming catalog hardware"):
//
//   "ppu": "h20"                                   the catalog's figures
//   "ppu": {"catalog": "h20", "tdp_watts": 450}    the catalog's figures, one overridden
//   "ppu": {"name": ..., "peak_bf16_flops_per_s": ...}   every figure inline, as before
//
// and likewise "node": "hgx-h20". When `node` names a server and `ppu` is absent, the PPU is
// the server's chip. This file only turns the reference into the equivalent inline block; the
// scenario loader then reads and checks it like any other, so an override gets the same range
// checks and the same error paths (/ppu/tdp_watts) as an inline figure.
#pragma once

#include <nlohmann/json.hpp>

#include "sim/core/json_reader.hpp"

namespace ppusim {

struct InlineHardwareBlocks {
  nlohmann::json ppu;   // a scenario ppu block, every figure inline
  nlohmann::json node;  // a scenario node block, every figure inline
};

/// The root's `ppu` and `node` with catalog references resolved. Throws InputError for an
/// unknown name (with the catalog's names and a "did you mean"), a block of the wrong type, or
/// a missing `ppu` when `node` does not name a server.
InlineHardwareBlocks resolve_hardware_blocks(JsonReader& root);

}  // namespace ppusim
