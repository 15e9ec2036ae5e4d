#include "sim/compare/comparison_json.hpp"

#include "sim/report/report_json.hpp"

namespace ppusim {

using nlohmann::json;

namespace {

json optional_number(const std::optional<double>& value) { return value ? json(*value) : json(nullptr); }

json figures_to_json(const ScenarioFigures& figures) {
  const Report& r = figures.report;
  json f;
  f["name"] = r.scenario.name;
  f["path"] = figures.path;
  f["cost_model"] = r.cost.model;
  f["jobs_finished"] = r.jobs.finished;
  f["queueing_p50_s"] = r.setup.queueing_s.p50;
  f["queueing_p90_s"] = r.setup.queueing_s.p90;
  f["setup_p50_s"] = r.setup.total_s.p50;
  f["setup_p90_s"] = r.setup.total_s.p90;
  f["utilization_allocated"] = r.utilization.allocated;
  f["utilization_busy"] = r.utilization.busy;
  f["utilization_delivered_flops"] = r.utilization.delivered_flops;
  f["busy_share_of_allocated"] = optional_number(figures.busy_share_of_allocated);
  f["total_usd"] = r.cost.total_usd;
  f["usd_per_delivered_pflop_day"] = optional_number(r.cost.usd_per_delivered_pflop_day);
  f["usd_per_available_ppu_hour"] = optional_number(r.cost.usd_per_available_ppu_hour);
  // The report's own item names, so that compare.json names them as report.json does.
  f["breakdown_usd"] = cost_items_to_json(cost_breakdown_items(r.cost));
  f["spent_on_usd"] = cost_items_to_json(cost_spent_on_items(r.cost));
  f["failures_enabled"] = r.failures.enabled;
  f["effective_training_time_ratio"] = r.failures.effective_training_time_ratio;
  f["interruptions"] = r.failures.interruptions;
  f["lost_ppu_hours"] = r.failures.lost_ppu_hours.total;
  // Streaming input (docs/models.md, section c2): allocated PPU-time that waited on storage.
  f["input_wait_ppu_hours"] = r.storage ? json(r.storage->input_wait_ppu_hours) : json(nullptr);
  f["interruptions_by_cause"] = {{"hardware", figures.interruptions_by_cause.hardware},
                                 {"network", figures.interruptions_by_cause.network},
                                 {"preemption", figures.interruptions_by_cause.preemption}};
  f["peak_pflops_per_ppu"] = optional_number(figures.peak_pflops_per_ppu);
  return f;
}

json difference_to_json(const ScenarioDifference& difference) {
  json d;
  d["name"] = difference.name;
  d["versus"] = difference.versus;
  d["cost_per_pflop_day_ratio"] = optional_number(difference.cost_per_pflop_day_ratio);
  d["factors"] = json::object();
  for (CostFactor factor : kCostFactors) {
    d["factors"][cost_factor_key(factor)] = optional_number(difference.factors.of(factor));
  }
  d["main_cause"] = difference.main_cause ? cost_factor_key(*difference.main_cause) : "none";
  d["breakdown_change_usd"] = cost_items_to_json(difference.breakdown_change_usd);
  return d;
}

}  // namespace

json comparison_to_json(const Comparison& comparison) {
  json document;
  document["schema_version"] = kComparisonSchemaVersion;
  document["scenarios"] = json::array();
  for (const ScenarioFigures& figures : comparison.scenarios)
    document["scenarios"].push_back(figures_to_json(figures));
  document["differences"] = json::array();
  for (const ScenarioDifference& difference : comparison.differences) {
    document["differences"].push_back(difference_to_json(difference));
  }
  return document;
}

}  // namespace ppusim
