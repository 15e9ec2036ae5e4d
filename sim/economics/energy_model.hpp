// Energy: a linear power model per PPU, as SimGrid's host-energy plugin uses for CPUs,
//   P_ppu(t) = P_idle + (P_tdp − P_idle) · busy(t),    busy(t) ∈ [0, 1]
// plus each node's host power (CPUs, memory, fans) whenever the cluster is on. So over a
// window of T seconds, with B PPU-seconds spent computing:
//   E_IT = N_nodes · P_host · T + N_ppu · P_idle · T + (P_tdp − P_idle) · B
//   E_facility = PUE · E_IT
// PPUs that are allocated but communicating or waiting are counted at idle power.
#pragma once

#include "sim/config/scenario.hpp"

namespace ppusim {

struct EnergyBreakdown {
  double it_joules = 0;
  double facility_joules = 0;
  double host_joules = 0;
  double ppu_idle_joules = 0;
  double ppu_busy_extra_joules = 0;
};

EnergyBreakdown compute_energy(const Scenario& scenario, double window_s, double busy_ppu_s);

constexpr double kJoulesPerKwh = 3.6e6;

}  // namespace ppusim
