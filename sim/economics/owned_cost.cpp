#include "sim/economics/owned_cost.hpp"

namespace ppusim {

void add_owned_costs(const Scenario& scenario, const CostInputs& inputs, CostBreakdown& cost) {
  const EconomicsSpec& econ = scenario.economics;
  const double nodes = scenario.cluster.nodes;
  const double amortized_share = inputs.window_s / (econ.amortization_years * kSecondsPerYear);
  const double servers = nodes * econ.capex_per_node_usd;
  const double cluster = servers / (1.0 - econ.network_capex_fraction);
  cost.capex_compute_usd = servers * amortized_share;
  cost.capex_network_usd = (cluster - servers) * amortized_share;
  cost.energy_usd = inputs.energy.facility_joules / kJoulesPerKwh * econ.power_price_usd_per_kwh;
  const double peak_it_kw =
      nodes * (scenario.node.host_watts + scenario.node.ppus_per_node * scenario.ppu.tdp_watts) / 1000.0;
  cost.colocation_usd = peak_it_kw * econ.colocation_usd_per_kw_month * inputs.window_s / kSecondsPerMonth;
}

}  // namespace ppusim
