#include "sim/report/report_builder.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "sim/config/extension_names.hpp"
#include "sim/core/escaping.hpp"
#include "sim/core/statistics.hpp"
#include "sim/economics/cost_breakdown.hpp"
#include "sim/economics/energy_model.hpp"
#include "sim/inference/service_report.hpp"
#include "sim/report/failure_report.hpp"
#include "sim/report/training_speed_report.hpp"

namespace ppusim {

using nlohmann::json;

namespace {

json to_json(const Distribution& d) {
  return {{"count", d.count}, {"mean", d.mean}, {"p50", d.p50},
          {"p90", d.p90},     {"p99", d.p99},   {"max", d.max}};
}

json optional_number(const std::optional<double>& value) { return value ? json(*value) : json(nullptr); }

double ratio(double part, double whole) { return whole > 0 ? part / whole : 0.0; }

json job_section(const RunMetrics& metrics, std::int64_t skipped_rows) {
  long long finished = 0, rejected = 0, running = 0, queued = 0, not_arrived = 0;
  std::map<std::string, long long> reasons;
  std::vector<double> queueing, completion, slowdown;
  for (const JobRecord& job : metrics.jobs()) {
    switch (job.outcome) {
      case JobOutcome::Finished:
        ++finished;
        completion.push_back(job.end_s - job.submit_s);
        break;
      case JobOutcome::Rejected:
        ++rejected;
        ++reasons[job.reject_reason.substr(0, job.reject_reason.find(','))];
        break;
      case JobOutcome::Running:
        ++running;
        break;
      case JobOutcome::Queued:
        ++queued;
        break;
      case JobOutcome::NotArrived:
        ++not_arrived;
        break;
    }
    if (job.start_s >= 0) queueing.push_back(job.start_s - job.submit_s);
  }
  json rejected_reasons = json::object();
  for (const auto& [reason, count] : reasons) rejected_reasons[reason] = count;
  return {{"in_workload", metrics.jobs().size()},
          {"submitted", metrics.jobs().size() - not_arrived},
          {"finished", finished},
          {"rejected", rejected},
          {"running_at_end", running},
          {"queued_at_end", queued},
          {"not_arrived_at_end", not_arrived},
          {"skipped_trace_rows", skipped_rows},
          {"rejected_reasons", rejected_reasons},
          {"queueing_delay_s", to_json(summarize(queueing))},
          {"completion_time_s", to_json(summarize(completion))}};
}

json time_series_section(const Scenario& scenario, const RunMetrics& metrics) {
  const double end = metrics.window_end_s();
  const double width = metrics.allocated_ppu_s().bin_width_s();
  const std::vector<double> allocated = metrics.allocated_ppu_s().bins(end);
  const std::vector<double> busy = metrics.busy_ppu_s().bins(end);
  const std::vector<double> delivered = metrics.delivered_flops().bins(end);
  const std::vector<double> queued = metrics.queued_job_s().bins(end);
  const double ppus = static_cast<double>(scenario.total_ppus());
  const double peak = ppus * scenario.ppu.peak_bf16_flops_per_s;
  json t = json::array(), a = json::array(), b = json::array(), d = json::array(), q = json::array();
  for (std::size_t bin = 0; bin < allocated.size(); ++bin) {
    const double start = bin * width;
    const double span = std::min(end, start + width) - start;
    t.push_back(start);
    a.push_back(ratio(allocated[bin], ppus * span));
    b.push_back(ratio(busy[bin], ppus * span));
    d.push_back(ratio(delivered[bin], peak * span));
    q.push_back(ratio(queued[bin], span));
  }
  json section = {{"interval_s", width},
                  {"start_s", t},
                  {"utilization_allocated", a},
                  {"utilization_busy", b},
                  {"utilization_delivered_flops", d},
                  {"mean_queued_jobs", q}};
  section.update(failure_timeline(metrics, width, allocated.size()));
  return section;
}

const char* outcome_name(JobOutcome outcome) {
  switch (outcome) {
    case JobOutcome::NotArrived:
      return "not-arrived";
    case JobOutcome::Queued:
      return "queued";
    case JobOutcome::Running:
      return "running";
    case JobOutcome::Finished:
      return "finished";
    case JobOutcome::Rejected:
      return "rejected";
  }
  return "unknown";
}

json time_or_null(double t) { return t >= 0 ? json(t) : json(nullptr); }

/// Σ over jobs of allocated PPUs (a fractional job: its share) × allocation time rounded up to the billing
/// granularity.
double billed_ppu_seconds(const RunMetrics& metrics, double granularity_s) {
  double total = 0;
  for (const JobRecord& job : metrics.jobs()) {
    if (job.start_s < 0) continue;
    const double held = job.held_s(metrics.window_end_s());  // every attempt, restarts included
    total += job.allocated_ppus * std::ceil(held / granularity_s - 1e-9) * granularity_s;
  }
  return total;
}

double setup_ppu_seconds(const RunMetrics& metrics) {
  double total = 0;
  for (const JobRecord& job : metrics.jobs()) {
    if (job.setup_done) total += job.allocated_ppus * job.setup.total_s();
  }
  return total;
}

json setup_section(const RunMetrics& metrics, double allocated_ppu_s) {
  std::vector<double> queueing, provisioning, image_pull, staging, checkpoint_load, init, total;
  for (const JobRecord& job : metrics.jobs()) {
    if (job.start_s >= 0) queueing.push_back(job.start_s - job.submit_s);
    if (!job.setup_done) continue;
    provisioning.push_back(job.setup.provisioning_s);
    image_pull.push_back(job.setup.image_pull_s);
    staging.push_back(job.setup.staging_s);
    checkpoint_load.push_back(job.setup.checkpoint_load_s);
    init.push_back(job.setup.init_s);
    total.push_back(job.setup.total_s());
  }
  const double setup_ppu_s = setup_ppu_seconds(metrics);
  return {{"jobs_through_setup", total.size()},
          {"stages_s",
           {{"queueing", to_json(summarize(queueing))},
            {"provisioning", to_json(summarize(provisioning))},
            {"image_pull", to_json(summarize(image_pull))},
            {"dataset_staging", to_json(summarize(staging))},
            {"checkpoint_load", to_json(summarize(checkpoint_load))},
            {"framework_init", to_json(summarize(init))},
            {"total", to_json(summarize(total))}}},
          {"setup_ppu_hours", setup_ppu_s / 3600.0},
          {"share_of_allocated_ppu_time", ratio(setup_ppu_s, allocated_ppu_s)}};
}

}  // namespace

json build_job_row(const JobRecord& job, double window_end_s) {
  json row = {{"id", job.id},
              {"outcome", outcome_name(job.outcome)},
              {"ppus", job.ppus},
              {"held_ppus", job.held_ppus},
              {"leaves_spanned", job.leaves_spanned},
              {"submit_s", job.submit_s},
              {"start_s", time_or_null(job.start_s)},
              {"end_s", time_or_null(job.end_s)},
              {"compute_s", job.compute_s},
              {"reject_reason", job.reject_reason}};
  add_job_failure_fields(job, window_end_s, row);
  add_job_speed_fields(job, row);
  return row;
}

json build_job_table(const SimulationResult& result) {
  json table = json::array();
  for (const JobRecord& job : result.metrics.jobs())
    table.push_back(build_job_row(job, result.metrics.window_end_s()));
  return table;
}

namespace {

constexpr const char* kJobColumns[] = {
    "id", "outcome", "ppus", "held_ppus", "leaves_spanned", "submit_s", "start_s", "end_s", "compute_s",
    "reject_reason",
    // failures (docs/failures.md)
    "interruptions", "lost_work_s", "restart_overhead_s", "checkpoint_write_s", "productive_s",
    "effective_training_time_ratio",
    // speed (docs/models.md, section k)
    kJobSpeedColumns[0], kJobSpeedColumns[1], kJobSpeedColumns[2], kJobSpeedColumns[3], kJobSpeedColumns[4],
    kJobSpeedColumns[5], kJobSpeedColumns[6], kJobSpeedColumns[7], kJobSpeedColumns[8], kJobSpeedColumns[9]};

// A cell of jobs.csv: an empty field for null, a number as JSON writes it, text as csv_field.
std::string csv_cell(const json& value) {
  if (value.is_null()) return std::string();
  if (!value.is_string()) return value.dump();
  return csv_field(value.get<std::string>());
}

void append_csv_header(std::string& csv) {
  for (std::size_t i = 0; i < std::size(kJobColumns); ++i) csv += std::string(i ? "," : "") + kJobColumns[i];
  csv += "\n";
}

void append_csv_row(const json& job, std::string& csv) {
  // A column the row lacks (a table from an older ppusim) is written empty.
  for (std::size_t i = 0; i < std::size(kJobColumns); ++i) {
    csv += (i ? "," : "") + (job.contains(kJobColumns[i]) ? csv_cell(job[kJobColumns[i]]) : std::string());
  }
  csv += "\n";
}

}  // namespace

std::string format_job_table_csv(const json& jobs) {
  std::string csv;
  append_csv_header(csv);
  for (const json& job : jobs) append_csv_row(job, csv);
  return csv;
}

void stream_job_table_csv(const SimulationResult& result,
                          const std::function<void(const std::string&)>& write) {
  constexpr std::size_t kChunkBytes = 1 << 20;
  std::string chunk;
  append_csv_header(chunk);
  for (const JobRecord& job : result.metrics.jobs()) {
    append_csv_row(build_job_row(job, result.metrics.window_end_s()), chunk);
    if (chunk.size() >= kChunkBytes) {
      write(chunk);
      chunk.clear();
    }
  }
  write(chunk);
}

json build_report(const Scenario& scenario, const SimulationResult& result) {
  const RunMetrics& metrics = result.metrics;
  const double window = metrics.window_end_s();
  const double ppus = static_cast<double>(scenario.total_ppus());
  const double allocated = metrics.allocated_ppu_s().total();
  const double busy = metrics.busy_ppu_s().total();
  const InterruptionTotals interrupted = sum_interruptions(metrics);
  // Work lost to failures was computed but is redone: it is not delivered.
  const double delivered = metrics.delivered_flops().total() - interrupted.lost_flops;
  CostInputs inputs;
  inputs.window_s = window;
  inputs.energy = compute_energy(scenario, window, busy);
  inputs.delivered_flops = delivered;
  inputs.allocated_ppu_s = allocated;
  inputs.busy_ppu_s = busy;
  inputs.billed_ppu_s = billed_ppu_seconds(metrics, scenario.economics.billing_granularity_s) +
                        replica_billed_ppu_seconds(result.services, scenario.economics.billing_granularity_s);
  inputs.setup_ppu_s = setup_ppu_seconds(metrics);
  inputs.lost_work_ppu_s = interrupted.lost_work_ppu_s;
  inputs.restart_ppu_s = interrupted.restart_hold_ppu_s + interrupted.restart_setup_ppu_s;
  const EnergyBreakdown& energy = inputs.energy;
  const CostBreakdown cost = compute_cost(scenario, inputs);
  const FatTreeLayout& layout = result.layout;

  json report;
  report["schema_version"] = kReportSchemaVersion;
  report["ppusim_version"] = PPUSIM_VERSION;
  report["scenario"] = {
      {"name", scenario.name},
      {"seed", scenario.simulation.seed},
      {"ppu", scenario.ppu.name},
      {"nodes", scenario.cluster.nodes},
      {"ppus", scenario.total_ppus()},
      {"scheduler", std::string(name_of(kSchedulingPolicyNames, scenario.scheduler.policy))},
      {"placement", std::string(name_of(kPlacementNames, scenario.scheduler.placement))}};
  report["topology"] = {{"kind", scenario.topology.kind},
                        {"leaves", layout.leaves},
                        {"pods", layout.pods},
                        {"leaf_uplinks", layout.leaf_uplinks},
                        {"leaf_uplink_bandwidth_bytes_per_s", layout.leaf_uplink_bandwidth},
                        {"pod_uplinks", layout.pod_uplinks},
                        {"pod_uplink_bandwidth_bytes_per_s", layout.pod_uplink_bandwidth}};
  report["window_s"] = window;
  // An interrupted run is reported in full up to the interruption, and says so.
  report["interrupted_at_s"] = result.interrupted_at_s ? json(*result.interrupted_at_s) : json(nullptr);
  report["jobs"] = job_section(metrics, result.skipped_trace_rows);
  report["training_speed"] = training_speed_section(metrics);
  report["utilization"] = {
      {"allocated", ratio(allocated, ppus * window)},
      {"busy", ratio(busy, ppus * window)},
      {"delivered_flops", ratio(delivered, ppus * scenario.ppu.peak_bf16_flops_per_s * window)}};
  report["work"] = {{"allocated_ppu_hours", allocated / 3600.0},
                    {"busy_ppu_hours", busy / 3600.0},
                    {"delivered_flops", delivered},
                    {"delivered_pflop_days", cost.delivered_pflop_days}};
  report["energy"] = {{"it_kwh", energy.it_joules / kJoulesPerKwh},
                      {"facility_kwh", energy.facility_joules / kJoulesPerKwh},
                      {"host_kwh", energy.host_joules / kJoulesPerKwh},
                      {"ppu_idle_kwh", energy.ppu_idle_joules / kJoulesPerKwh},
                      {"ppu_busy_extra_kwh", energy.ppu_busy_extra_joules / kJoulesPerKwh},
                      {"mean_it_power_w", ratio(energy.it_joules, window)}};
  report["cost"] = {{"model", std::string(name_of(kCostModelNames, scenario.economics.model))},
                    {"total_usd", cost.total_usd},
                    {"breakdown_usd",
                     {{"capex_compute", cost.capex_compute_usd},
                      {"capex_network", cost.capex_network_usd},
                      {"energy", cost.energy_usd},
                      {"colocation", cost.colocation_usd},
                      {"staff", cost.staff_usd},
                      {"cloud_bill", cost.cloud_bill_usd}}},
                    {"spent_on_usd",
                     {{"computing", cost.spent_computing_usd},
                      {"setup", cost.spent_on_setup_usd},
                      {"allocated_not_computing", cost.spent_allocated_other_usd},
                      {"idle", cost.spent_idle_usd},
                      {"lost_work", cost.spent_on_lost_work_usd},
                      {"restarts", cost.spent_on_restarts_usd}}},
                    {"usd_per_delivered_pflop_day", optional_number(cost.usd_per_delivered_pflop_day)},
                    {"usd_per_allocated_ppu_hour", optional_number(cost.usd_per_allocated_ppu_hour)},
                    {"usd_per_available_ppu_hour", optional_number(cost.usd_per_available_ppu_hour)}};
  report["setup"] = setup_section(metrics, allocated);
  report["failures"] = failure_section(scenario, metrics, interrupted, delivered);
  report["engine"] = {{"network_jobs", result.counters.network_jobs},
                      {"local_jobs", result.counters.local_jobs},
                      {"segments", result.counters.segments},
                      {"flows", result.counters.flows},
                      {"scheduling_passes", result.counters.scheduling_passes}};
  report["time_series"] = time_series_section(scenario, metrics);
  // Only with services, so that training-only reports stay as they were.
  if (!result.services.empty()) report["services"] = build_services_section(result.services);
  return report;
}

json build_time_series(const Scenario& scenario, const RunMetrics& metrics) {
  return time_series_section(scenario, metrics);
}

}  // namespace ppusim
