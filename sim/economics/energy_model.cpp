#include "sim/economics/energy_model.hpp"

namespace ppusim {

EnergyBreakdown compute_energy(const Scenario& scenario, double window_s, double busy_ppu_s,
                               const std::vector<double>& busy_ppu_s_by_pool) {
  EnergyBreakdown e;
  if (scenario.has_several_pools() && busy_ppu_s_by_pool.size() == scenario.pools.size()) {
    for (std::size_t k = 0; k < scenario.pools.size(); ++k) {
      const PoolSpec& pool = scenario.pools[k];
      e.host_joules += pool.nodes * pool.node.host_watts * window_s;
      e.ppu_idle_joules += static_cast<double>(pool.ppus()) * pool.ppu.idle_watts * window_s;
      e.ppu_busy_extra_joules += (pool.ppu.tdp_watts - pool.ppu.idle_watts) * busy_ppu_s_by_pool[k];
    }
  } else {
    e.host_joules = scenario.cluster.nodes * scenario.node.host_watts * window_s;
    e.ppu_idle_joules = static_cast<double>(scenario.total_ppus()) * scenario.ppu.idle_watts * window_s;
    e.ppu_busy_extra_joules = (scenario.ppu.tdp_watts - scenario.ppu.idle_watts) * busy_ppu_s;
  }
  e.it_joules = e.host_joules + e.ppu_idle_joules + e.ppu_busy_extra_joules;
  e.facility_joules = e.it_joules * scenario.economics.pue;
  return e;
}

}  // namespace ppusim
