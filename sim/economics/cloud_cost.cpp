#include "sim/economics/cloud_cost.hpp"

namespace ppusim {

void add_cloud_costs(const Scenario& scenario, const CostInputs& inputs, CostBreakdown& cost) {
  const EconomicsSpec& econ = scenario.economics;
  const double paid_ppu_s = econ.billing == CloudBilling::Reserved
                                ? static_cast<double>(scenario.total_ppus()) * inputs.window_s
                                : inputs.billed_ppu_s;
  cost.cloud_bill_usd = econ.usd_per_ppu_hour * paid_ppu_s / 3600.0;
}

}  // namespace ppusim
