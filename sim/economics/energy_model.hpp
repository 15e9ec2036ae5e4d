// Energy: a linear power model per PPU, as SimGrid's host-energy plugin uses for CPUs,
//   P_ppu(t) = P_idle + (P_tdp − P_idle) · busy(t),    busy(t) ∈ [0, 1]
// plus each node's host power (CPUs, memory, fans) whenever the cluster is on. So over a
// window of T seconds, with B PPU-seconds spent computing:
//   E_IT = N_nodes · P_host · T + N_ppu · P_idle · T + (P_tdp − P_idle) · B
//   E_facility = PUE · E_IT
// PPUs that are allocated but communicating or waiting are counted at idle power.
// With several node pools each pool's terms use its own server and chip, and B its own busy
// PPU-seconds (docs/config.md, "Node pools"): E_IT = sum over pools k of the same three terms.
#pragma once

#include <vector>

#include "sim/config/scenario.hpp"

namespace ppusim {

struct EnergyBreakdown {
  double it_joules = 0;
  double facility_joules = 0;
  double host_joules = 0;
  double ppu_idle_joules = 0;
  double ppu_busy_extra_joules = 0;
};

/// `busy_ppu_s_by_pool`: with several pools, each pool's busy PPU-seconds (in pool order); else
/// empty and `busy_ppu_s` is the cluster's.
EnergyBreakdown compute_energy(const Scenario& scenario, double window_s, double busy_ppu_s,
                               const std::vector<double>& busy_ppu_s_by_pool = {});

constexpr double kJoulesPerKwh = 3.6e6;

}  // namespace ppusim
