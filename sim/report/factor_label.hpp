// The words for the cost factors of compare.json, for pages and the terminal: raw identifiers
// such as price_per_available_ppu_hour are for files, not for readers (issue #16).
#pragma once

#include <string>

namespace ppusim {

inline std::string factor_label(const std::string& factor) {
  if (factor == "price_per_available_ppu_hour") return "price of capacity";
  if (factor == "peak_per_ppu_inverse") return "peak FLOP/s per PPU";
  if (factor == "delivered_utilization_inverse") return "delivered utilization";
  return factor;  // "none", or a factor added without a label: still shown
}

}  // namespace ppusim
