#include "sim/sweep/growth_infrastructure.hpp"

#include "sim/sweep/growth_model.hpp"
#include "topologies/scenario_topology_analysis.hpp"

namespace ppusim {

std::vector<double> grown_dataset_bytes(const GrowthSpec& spec, std::size_t period) {
  const double years = years_into_plan(spec, period);
  std::vector<double> bytes;
  for (const GrowthDataset& dataset : spec.datasets) {
    double base = 0;
    double grown = 0;
    for (std::size_t c : dataset.readers) {
      const GrowthClass& reader = spec.classes[c];
      base += reader.demand_eflop_days_per_year;
      grown += grown_demand(reader.demand_eflop_days_per_year, reader.growth_per_year, years);
    }
    bytes.push_back(base > 0 ? dataset.bytes * (grown / base) : dataset.bytes);
  }
  return bytes;
}

PeriodStorage period_storage(const std::vector<double>& dataset_bytes, double input_bytes_read,
                             double peak_read_bytes_per_s, double window_s) {
  PeriodStorage storage;
  for (double bytes : dataset_bytes) storage.capacity_bytes += bytes;
  storage.read_bytes_per_s = window_s > 0 ? input_bytes_read / window_s : 0;
  storage.peak_read_bytes_per_s = peak_read_bytes_per_s;
  storage.bandwidth_bytes_per_s = peak_read_bytes_per_s;
  return storage;
}

PeriodNetwork period_network(const Scenario& window_scenario) {
  AnalysisOptions options;
  options.sample_sources = 1;  // the plan needs the counts, not the hop statistics
  const TopologyAnalysis a = analyse_scenario_topology(window_scenario, std::nullopt, options);
  return {a.leaf_switches, a.spine_switches, a.core_switches, a.switches, a.cables, a.transceivers};
}

}  // namespace ppusim
