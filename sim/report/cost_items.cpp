#include "sim/report/cost_items.hpp"

namespace ppusim {

std::vector<CostItem> cost_breakdown_items(const ReportCost& cost) {
  std::vector<CostItem> items = {{"capex_compute", cost.capex_compute_usd},
                                 {"capex_network", cost.capex_network_usd},
                                 {"energy", cost.energy_usd},
                                 {"colocation", cost.colocation_usd},
                                 {"staff", cost.staff_usd},
                                 {"cloud_bill", cost.cloud_bill_usd}};
  if (cost.storage_usd) items.push_back({"storage", *cost.storage_usd});
  return items;
}

std::vector<CostItem> cost_spent_on_items(const ReportCost& cost) {
  return {{"computing", cost.spent_computing_usd},
          {"setup", cost.spent_on_setup_usd},
          {"allocated_not_computing", cost.spent_allocated_not_computing_usd},
          {"idle", cost.spent_idle_usd},
          {"lost_work", cost.spent_on_lost_work_usd},
          {"restarts", cost.spent_on_restarts_usd}};
}

}  // namespace ppusim
