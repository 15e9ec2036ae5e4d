#include "sim/sweep/metric_validation.hpp"

#include "sim/core/input_error.hpp"
#include "sim/report/report_metrics.hpp"
#include "sim/report/report_skeleton.hpp"

namespace ppusim {

void require_report_metric(const nlohmann::json& skeleton, const std::string& pointer,
                           const std::string& where) {
  const auto problem = metric_pointer_problem(skeleton, pointer);
  if (!problem) return;
  std::string message = where + ": \"" + pointer + "\" is not a metric of report.json: " + *problem;
  const std::vector<std::string> closest = closest_metric_pointers(skeleton, pointer, 3);
  for (std::size_t i = 0; i < closest.size(); ++i) message += (i ? ", " : "; close metrics: ") + closest[i];
  throw InputError(message);
}

void check_sweep_metrics(const SweepSpec& spec, const std::vector<SweepPoint>& points,
                         const std::vector<std::string>& where_of) {
  for (const SweepPoint& point : points) {
    const nlohmann::json skeleton = report_skeleton(scenario_of(spec, point, spec.seeds.front()));
    for (std::size_t i = 0; i < spec.metrics.size(); ++i) {
      const std::string where =
          points.size() > 1 ? where_of[i] + " (grid point " + point.id + ")" : where_of[i];
      require_report_metric(skeleton, spec.metrics[i], where);
    }
  }
}

}  // namespace ppusim
