// What one tenant held over the run (docs/tenants.md): its allocated PPU-time and the part of
// it above its guarantee (borrowed), integrated from the engine's reports of each change, up
// to the window's end, in total and per time-series bin (its quota usage over time).
#pragma once

#include <algorithm>

#include "sim/metrics/time_series.hpp"

namespace ppusim {

struct TenantUsageRecord {
  explicit TenantUsageRecord(double bin_width_s = 1) : allocated_by_bin(bin_width_s) {}

  double guaranteed_ppus = 0;
  double allocated_ppus = 0;  // held now
  double since_s = 0;         // ... since then
  double allocated_ppu_s = 0;
  double borrowed_ppu_s = 0;
  BinnedSeries allocated_by_bin;  // allocated PPU-seconds per time-series bin

  /// The tenant holds `ppus` from `now` on; time after `limit_s` is not counted.
  void change(double now, double ppus, double limit_s) {
    const double until = std::min(now, limit_s);
    if (until > since_s) {
      allocated_ppu_s += allocated_ppus * (until - since_s);
      borrowed_ppu_s += std::max(0.0, allocated_ppus - guaranteed_ppus) * (until - since_s);
      allocated_by_bin.add(since_s, until, allocated_ppus, limit_s);
    }
    since_s = std::max(since_s, until);
    allocated_ppus = ppus;
  }
};

}  // namespace ppusim
