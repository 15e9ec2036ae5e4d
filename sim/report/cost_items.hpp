// The items of a report's cost, in the order every output lists them: what the money went to
// (report.json's cost.breakdown_usd) and what the paid-for PPU-time did (cost.spent_on_usd).
// One list, so that report.json, compare.json, compare's table, CSV and page name the same items.
#pragma once

#include <vector>

#include "sim/report/report.hpp"

namespace ppusim {

struct CostItem {
  const char* key;  // the item's name in report.json and compare.json
  double usd;
};

/// capex_compute, capex_network, energy, colocation, staff, cloud_bill, and storage when a
/// storage tier has a price.
std::vector<CostItem> cost_breakdown_items(const ReportCost& cost);

/// computing, setup, allocated_not_computing, idle, lost_work, restarts.
std::vector<CostItem> cost_spent_on_items(const ReportCost& cost);

}  // namespace ppusim
