#include "sim/report/failure_report.hpp"

#include <algorithm>
#include <map>
#include <string>

namespace ppusim {

using nlohmann::json;

namespace {

double ratio_or_zero(double a, double b) { return b > 0 ? a / b : 0.0; }

std::map<std::string, long long> by_kind(const std::array<long long, kComponentKinds>& counts) {
  std::map<std::string, long long> out;
  for (std::size_t k = 0; k < kComponentKinds; ++k) {
    out[std::string(component_name(static_cast<ComponentKind>(k)))] = counts[k];
  }
  return out;
}

/// Counts of `events` per bin, for the kinds `select` accepts.
template <typename Select>
std::vector<long long> count_per_bin(const std::vector<FailureEvent>& events, double bin_width_s,
                                     std::size_t bins, Select select) {
  std::vector<long long> counts(bins, 0);
  for (const FailureEvent& event : events) {
    if (bins == 0 || !select(event.kind)) continue;
    const auto bin = static_cast<std::size_t>(std::max(0.0, event.time_s / bin_width_s));
    ++counts[std::min(bin, bins - 1)];
  }
  return counts;
}

bool is_network(ComponentKind kind) { return kind == ComponentKind::Link || kind == ComponentKind::Switch; }

}  // namespace

void add_failure_timeline(const RunMetrics& metrics, double bin_width_s, std::size_t bins,
                          ReportTimeSeries& series) {
  const auto any = [](ComponentKind) { return true; };
  const auto hardware = [](ComponentKind kind) {
    return kind != ComponentKind::Preemption && !is_network(kind);
  };
  const auto preemption = [](ComponentKind kind) { return kind == ComponentKind::Preemption; };
  const std::vector<FailureEvent>& interruptions = metrics.interruption_events();
  series.component_failures = count_per_bin(metrics.failure_events(), bin_width_s, bins, any);
  series.interruptions_hardware = count_per_bin(interruptions, bin_width_s, bins, hardware);
  series.interruptions_network = count_per_bin(interruptions, bin_width_s, bins, is_network);
  series.interruptions_preemption = count_per_bin(interruptions, bin_width_s, bins, preemption);
}

InterruptionTotals sum_interruptions(const RunMetrics& metrics) {
  InterruptionTotals totals;
  const double end = metrics.window_end_s();
  for (const JobRecord& job : metrics.jobs()) {
    if (job.start_s < 0) continue;
    const InterruptionRecord& r = job.interruptions;
    const double ppus = job.held_ppus;
    totals.lost_work_ppu_s += ppus * r.lost_work_s;
    totals.restart_hold_ppu_s += ppus * r.restart_hold_s;
    totals.restart_setup_ppu_s += ppus * r.restart_setup_s;
    totals.checkpoint_write_ppu_s += ppus * r.checkpoint_write_s;
    totals.productive_ppu_s += ppus * r.productive_s;
    totals.wall_ppu_s += ppus * std::max(0.0, (job.end_s >= 0 ? job.end_s : end) - job.start_s);
    totals.lost_flops += r.lost_flops;
    totals.interruptions += r.interruptions;
  }
  return totals;
}

ReportFailures failure_section(const Scenario& scenario, const RunMetrics& metrics,
                               const InterruptionTotals& totals, double useful_flops) {
  ReportFailures failures;
  failures.enabled = scenario.failures.enabled || scenario.economics.billing == CloudBilling::Spot ||
                     !scenario.topology.failures.empty();
  failures.component_failures = by_kind(metrics.failures_by_kind());
  failures.interruptions = totals.interruptions;
  failures.interruptions_by_cause = by_kind(metrics.interruptions_by_cause());
  failures.lost_ppu_hours = {totals.lost_work_ppu_s / 3600.0, totals.restart_hold_ppu_s / 3600.0,
                             totals.restart_setup_ppu_s / 3600.0, totals.lost_ppu_s() / 3600.0};
  failures.checkpoint_write_ppu_hours = totals.checkpoint_write_ppu_s / 3600.0;
  failures.lost_flops = totals.lost_flops;
  failures.effective_training_time_ratio = ratio_or_zero(totals.productive_ppu_s, totals.wall_ppu_s);
  failures.goodput_flops_per_s = ratio_or_zero(useful_flops, metrics.window_end_s());
  return failures;
}

void add_job_failure_fields(const JobRecord& job, double window_end_s, json& row) {
  const InterruptionRecord& r = job.interruptions;
  row["interruptions"] = r.interruptions;
  row["lost_work_s"] = r.lost_work_s;
  row["restart_overhead_s"] = r.restart_overhead_s();
  row["checkpoint_write_s"] = r.checkpoint_write_s;
  row["productive_s"] = r.productive_s;
  const double ettr = job.effective_training_time_ratio(window_end_s);
  row["effective_training_time_ratio"] = ettr >= 0 ? json(ettr) : json(nullptr);
}

}  // namespace ppusim
