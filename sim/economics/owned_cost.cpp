#include "sim/economics/owned_cost.hpp"

namespace ppusim {

void add_owned_costs(const Scenario& scenario, const CostInputs& inputs, CostBreakdown& cost) {
  const EconomicsSpec& econ = scenario.economics;
  const double nodes = scenario.cluster.nodes;
  const double amortized_share = inputs.window_s / (econ.amortization_years * kSecondsPerYear);
  double servers = nodes * econ.capex_per_node_usd;
  double peak_it_w =
      nodes * (scenario.node.host_watts + scenario.node.ppus_per_node * scenario.ppu.tdp_watts);
  if (scenario.has_several_pools()) {
    // Each pool's servers at its own price (default: economics.capex_per_node_usd) and power.
    servers = 0;
    peak_it_w = 0;
    for (const PoolSpec& pool : scenario.pools) {
      servers += pool.nodes * pool.capex_per_node_usd.value_or(econ.capex_per_node_usd);
      peak_it_w += pool.nodes * (pool.node.host_watts + pool.node.ppus_per_node * pool.ppu.tdp_watts);
    }
  } else if (!scenario.pools.empty() && scenario.pools.front().capex_per_node_usd) {
    servers = nodes * *scenario.pools.front().capex_per_node_usd;
  }
  const double cluster = servers / (1.0 - econ.network_capex_fraction);
  cost.capex_compute_usd = servers * amortized_share;
  cost.capex_network_usd = (cluster - servers) * amortized_share;
  cost.energy_usd = inputs.energy.facility_joules / kJoulesPerKwh * econ.power_price_usd_per_kwh;
  const double peak_it_kw = peak_it_w / 1000.0;
  cost.colocation_usd = peak_it_kw * econ.colocation_usd_per_kw_month * inputs.window_s / kSecondsPerMonth;
}

}  // namespace ppusim
