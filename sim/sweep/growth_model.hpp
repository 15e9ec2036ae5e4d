// The arithmetic of a growth plan (docs/planning.md), free of simulation so that tests can
// check it by hand:
//   demand    d_c(k) = d_c · (1 + g_c)^t_k          t_k = years from the plan's start to period k's
//   sizing    N(k)   = ⌈ Σ_c d_c(k) · 8.64e22 / year / (F · u · U) / n ⌉ · n
//             (F the generation's peak per PPU, u the base's MFU, U the target utilization,
//              n PPUs per node): PPUs that deliver the demand at utilization U
//   burst     B_h    = Σ_bins max(0, allocated_i − base) · bin_h   (hybrid: above the owned base)
//   owned     lots bought per period, never sold; a lot costs capex / (1 − f_network) spread over
//             the amortization years, for the days of each period it is younger than that
#pragma once

#include <cstdint>
#include <vector>

#include "sim/sweep/growth_spec.hpp"

namespace ppusim {

inline constexpr double kDaysPerYear = 365.25;

/// d · (1 + g)^t: a yearly demand after t years of growth at rate g (g ≥ −1).
double grown_demand(double demand_per_year, double growth_per_year, double years);

/// Years from the first period's start to period k's start.
double years_into_plan(const GrowthSpec& spec, std::size_t period);

/// The newest generation available on `day` (the spec guarantees one from the first period on).
std::size_t generation_at(const std::vector<HardwareGeneration>& generations, double day);

/// PPUs, in whole nodes of `ppus_per_node`, that deliver `eflop_days_per_year` of work at
/// `peak_flops_per_s` × `mfu` per PPU while busy `target_utilization` of the time.
std::int64_t ppus_needed(double eflop_days_per_year, double peak_flops_per_s, double mfu,
                         double target_utilization, int ppus_per_node);

/// PPU-hours of allocation above an owned base of `base_ppus`: what a hybrid plan rents,
/// bin by bin, from the allocated PPUs of each time-series bin of `bin_s` seconds.
double burst_ppu_hours(const std::vector<double>& allocated_ppus, double bin_s, double base_ppus);

/// PPUs bought in one period, of one generation.
struct OwnedLot {
  std::size_t period = 0;
  std::size_t generation = 0;
  std::int64_t ppus = 0;
};

/// Hardware owned over the plan: lots bought, never sold.
class OwnedFleet {
 public:
  explicit OwnedFleet(const std::vector<HardwareGeneration>& generations) : generations_(&generations) {}

  /// The fleet's peak, in PPUs of `generation`: Σ lots × the lot's peak / that generation's.
  double equivalent_ppus(std::size_t generation) const;
  /// Buys whole nodes of `generation` in `period` until the fleet is worth `ppus` PPUs of it;
  /// returns the PPUs bought (0 when it already is).
  std::int64_t grow_to(double ppus, std::size_t generation, std::size_t period);
  /// The amortized capital cost of the lots over [start_day, start_day + days), each lot
  /// counted from its period's start (`period_start_days`) for `amortization_years`.
  double amortized_capex_usd(double start_day, double days, const std::vector<double>& period_start_days,
                             double network_capex_fraction, double amortization_years) const;
  std::int64_t owned_ppus() const;
  const std::vector<OwnedLot>& lots() const { return lots_; }

 private:
  const std::vector<HardwareGeneration>* generations_;
  std::vector<OwnedLot> lots_;
};

}  // namespace ppusim
