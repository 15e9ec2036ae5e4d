#include "sim/report/html_pools.hpp"

namespace ppusim {

using nlohmann::json;

std::vector<json> pool_charts(const Report& report) {
  if (report.pools.empty()) return {};
  json labels = json::array(), allocated = json::array(), busy = json::array();
  for (const ReportPool& p : report.pools) {
    labels.push_back(p.name + " (" + p.chip + ")");
    allocated.push_back(p.allocated_utilization);
    busy.push_back(p.busy_utilization);
  }
  return {{{"id", "chart-pool-utilization"},
           {"title", "Utilization by node pool"},
           {"caption",
            "Each pool's allocated and busy PPU-time over its PPUs times the window (report.json "
            "pools[].allocated_utilization and busy_utilization); a job counts in the pool it ran in."},
           {"kind", "bar"},
           {"labels", labels},
           {"series", json::array({{{"label", "allocated"}, {"values", allocated}},
                                   {{"label", "busy"}, {"values", busy}}})},
           {"category_label", ""},
           {"value_label", "share of the pool"},
           {"value_format", "percent"}}};
}

}  // namespace ppusim
