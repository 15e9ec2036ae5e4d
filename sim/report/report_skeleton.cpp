#include "sim/report/report_skeleton.hpp"

#include <limits>
#include <optional>

#include "sim/report/report_builder.hpp"
#include "topologies/topology_layout.hpp"

namespace ppusim {

nlohmann::json report_skeleton(const Scenario& scenario) {
  SimulationResult empty{
      RunMetrics({}, scenario.simulation.time_series_interval_s, std::numeric_limits<double>::infinity()),
      make_topology_layout(scenario),
      {},
      {},
      0,
      std::nullopt,
      {}};
  // One outcome per service, as a run has, so that /services/<i>/... pointers are there.
  for (const ServiceSpec& service : scenario.services) {
    ServiceOutcome outcome;
    outcome.spec = &service;
    outcome.serving_replicas = {{0.0, 0}};
    empty.services.push_back(std::move(outcome));
  }
  empty.metrics.close(0);
  return build_report(scenario, empty);
}

}  // namespace ppusim
