#include "sim/report/report_builder.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "sim/config/extension_names.hpp"
#include "sim/core/escaping.hpp"
#include "sim/core/statistics.hpp"
#include "sim/economics/cost_breakdown.hpp"
#include "sim/economics/energy_model.hpp"
#include "sim/economics/storage_cost.hpp"
#include "sim/inference/service_report.hpp"
#include "sim/report/failure_report.hpp"
#include "sim/report/job_csv.hpp"
#include "sim/report/pool_report.hpp"
#include "sim/report/report_json.hpp"
#include "sim/report/storage_report.hpp"
#include "sim/report/tenant_report.hpp"
#include "sim/report/training_speed_report.hpp"

namespace ppusim {

using nlohmann::json;

namespace {

double ratio(double part, double whole) { return whole > 0 ? part / whole : 0.0; }

ReportJobs job_section(const RunMetrics& metrics, std::int64_t skipped_rows) {
  ReportJobs jobs;
  std::vector<double> queueing, completion;
  for (const JobRecord& job : metrics.jobs()) {
    switch (job.outcome) {
      case JobOutcome::Finished:
        ++jobs.finished;
        completion.push_back(job.end_s - job.submit_s);
        break;
      case JobOutcome::Rejected:
        ++jobs.rejected;
        ++jobs.rejected_reasons[job.reject_reason.str().substr(0, job.reject_reason.str().find(','))];
        break;
      case JobOutcome::Running:
        ++jobs.running_at_end;
        break;
      case JobOutcome::Queued:
        ++jobs.queued_at_end;
        break;
      case JobOutcome::NotArrived:
        ++jobs.not_arrived_at_end;
        break;
    }
    if (job.start_s >= 0) queueing.push_back(job.start_s - job.submit_s);
  }
  jobs.in_workload = static_cast<long long>(metrics.jobs().size());
  jobs.submitted = jobs.in_workload - jobs.not_arrived_at_end;
  jobs.skipped_trace_rows = skipped_rows;
  jobs.queueing_delay_s = summarize(std::move(queueing));
  jobs.completion_time_s = summarize(std::move(completion));
  return jobs;
}

ReportTimeSeries time_series_section(const Scenario& scenario, const RunMetrics& metrics) {
  const double end = metrics.window_end_s();
  const double width = metrics.allocated_ppu_s().bin_width_s();
  const std::vector<double> allocated = metrics.allocated_ppu_s().bins(end);
  const std::vector<double> busy = metrics.busy_ppu_s().bins(end);
  const std::vector<double> delivered = metrics.delivered_flops().bins(end);
  const std::vector<double> queued = metrics.queued_job_s().bins(end);
  const double ppus = static_cast<double>(scenario.total_ppus());
  const double peak = scenario.peak_bf16_flops_per_s();
  ReportTimeSeries series;
  series.interval_s = width;
  for (std::size_t bin = 0; bin < allocated.size(); ++bin) {
    const double start = bin * width;
    const double span = std::min(end, start + width) - start;
    series.start_s.push_back(start);
    series.utilization_allocated.push_back(ratio(allocated[bin], ppus * span));
    series.utilization_busy.push_back(ratio(busy[bin], ppus * span));
    series.utilization_delivered_flops.push_back(ratio(delivered[bin], peak * span));
    series.mean_queued_jobs.push_back(ratio(queued[bin], span));
  }
  add_failure_timeline(metrics, width, allocated.size(), series);
  return series;
}

/// Bytes read from shared storage per bin, over the bin's span (the last bin is cut at the end).
std::vector<double> read_rate_series(const RunMetrics& metrics) {
  const double end = metrics.window_end_s();
  const double width = metrics.storage_read_bytes().bin_width_s();
  std::vector<double> rates = metrics.storage_read_bytes().bins(end);
  for (std::size_t bin = 0; bin < rates.size(); ++bin)
    rates[bin] = ratio(rates[bin], std::min(end, (bin + 1) * width) - bin * width);
  return rates;
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

/// `queueing`: the jobs section's queueing delay, the same distribution under the setup stages'
/// name (one definition, computed once).
ReportSetup setup_section(const RunMetrics& metrics, double allocated_ppu_s, const Distribution& queueing) {
  std::vector<double> provisioning, image_pull, staging, checkpoint_load, init, total;
  for (const JobRecord& job : metrics.jobs()) {
    if (!job.setup_done) continue;
    provisioning.push_back(job.setup.provisioning_s);
    image_pull.push_back(job.setup.image_pull_s);
    staging.push_back(job.setup.staging_s);
    checkpoint_load.push_back(job.setup.checkpoint_load_s);
    init.push_back(job.setup.init_s);
    total.push_back(job.setup.total_s());
  }
  const double setup_ppu_s = setup_ppu_seconds(metrics);
  ReportSetup setup;
  setup.jobs_through_setup = static_cast<long long>(total.size());
  setup.queueing_s = queueing;
  setup.provisioning_s = summarize(std::move(provisioning));
  setup.image_pull_s = summarize(std::move(image_pull));
  setup.dataset_staging_s = summarize(std::move(staging));
  setup.checkpoint_load_s = summarize(std::move(checkpoint_load));
  setup.framework_init_s = summarize(std::move(init));
  setup.total_s = summarize(std::move(total));
  setup.setup_ppu_hours = setup_ppu_s / 3600.0;
  setup.share_of_allocated_ppu_time = ratio(setup_ppu_s, allocated_ppu_s);
  return setup;
}

}  // namespace

json build_job_row(const JobRecord& job, double window_end_s, std::string_view pool) {
  json row = {{"id", job.id},
              {"outcome", job_outcome_name(job.outcome)},
              {"ppus", job.ppus},
              {"held_ppus", job.held_ppus},
              {"leaves_spanned", job.leaves_spanned},
              {"submit_s", job.submit_s},
              {"start_s", time_or_null(job.start_s)},
              {"end_s", time_or_null(job.end_s)},
              {"compute_s", job.compute_s},
              {"reject_reason", job.reject_reason.str()}};
  add_job_failure_fields(job, window_end_s, row);
  add_job_speed_fields(job, row);
  row["pool"] = pool;
  return row;
}

json build_job_table(const SimulationResult& result) {
  json table = json::array();
  const std::vector<JobRecord>& jobs = result.metrics.jobs();
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    table.push_back(build_job_row(jobs[i], result.metrics.window_end_s(),
                                  result.metrics.pool_label(static_cast<int>(i))));
  }
  return table;
}

namespace {

// A cell of jobs.csv: an empty field for null, a number as JSON writes it, text as csv_field.
std::string csv_cell(const json& value) {
  if (value.is_null()) return std::string();
  if (!value.is_string()) return value.dump();
  return csv_field(value.get<std::string>());
}

void append_csv_row(const json& job, std::string& csv) {
  // A column the row lacks (a table from an older ppusim) is written empty.
  for (std::size_t i = 0; i < std::size(kJobCsvColumns); ++i) {
    const char* column = kJobCsvColumns[i];
    csv += (i ? "," : "") + (job.contains(column) ? csv_cell(job[column]) : std::string());
  }
  csv += "\n";
}

}  // namespace

std::string format_job_table_csv(const json& jobs) {
  std::string csv;
  append_job_csv_header(csv);
  for (const json& job : jobs) append_csv_row(job, csv);
  return csv;
}

Report make_report(const Scenario& scenario, const SimulationResult& result) {
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
  inputs.energy = compute_energy(scenario, window, busy, metrics.pool_busy_ppu_s());
  inputs.delivered_flops = delivered;
  inputs.allocated_ppu_s = allocated;
  inputs.busy_ppu_s = busy;
  inputs.billed_ppu_s = billed_ppu_seconds(metrics, scenario.economics.billing_granularity_s) +
                        replica_billed_ppu_seconds(result.services, scenario.economics.billing_granularity_s);
  inputs.setup_ppu_s = setup_ppu_seconds(metrics);
  inputs.lost_work_ppu_s = interrupted.lost_work_ppu_s;
  inputs.restart_ppu_s = interrupted.restart_hold_ppu_s + interrupted.restart_setup_ppu_s;
  const ReportJobs jobs = job_section(metrics, result.skipped_trace_rows);
  inputs.jobs_started = static_cast<long long>(jobs.queueing_delay_s.count);  // one entry per started job
  const EnergyBreakdown& energy = inputs.energy;
  const CostBreakdown cost = compute_cost(scenario, inputs);
  const TopologyLayout& layout = result.layout;

  Report report;
  report.ppusim_version = PPUSIM_VERSION;
  report.scenario = {scenario.name,
                     scenario.simulation.seed,
                     scenario.chip_names(),
                     scenario.cluster.nodes,
                     scenario.total_ppus(),
                     std::string(name_of(kSchedulingPolicyNames, scenario.scheduler.policy)),
                     std::string(name_of(kPlacementNames, scenario.scheduler.placement))};
  report.topology = {scenario.topology.kind,
                     layout.leaves,
                     layout.pods,
                     layout.leaf_uplinks,
                     layout.leaf_uplink_bandwidth,
                     layout.pod_uplinks,
                     layout.pod_uplink_bandwidth};
  report.window_s = window;
  // An interrupted run is reported in full up to the interruption, and says so.
  report.interrupted_at_s = result.interrupted_at_s;
  report.jobs = jobs;
  report.training_speed = training_speed_section(metrics);
  report.utilization = {ratio(allocated, ppus * window), ratio(busy, ppus * window),
                        ratio(delivered, scenario.peak_bf16_flops_per_s() * window)};
  report.work = {allocated / 3600.0, busy / 3600.0, delivered, cost.delivered_pflop_days};
  report.energy = {energy.it_joules / kJoulesPerKwh,
                   energy.facility_joules / kJoulesPerKwh,
                   energy.host_joules / kJoulesPerKwh,
                   energy.ppu_idle_joules / kJoulesPerKwh,
                   energy.ppu_busy_extra_joules / kJoulesPerKwh,
                   ratio(energy.it_joules, window)};
  ReportCost& c = report.cost;
  c.model = std::string(name_of(kCostModelNames, scenario.economics.model));
  c.total_usd = cost.total_usd;
  c.capex_compute_usd = cost.capex_compute_usd;
  c.capex_network_usd = cost.capex_network_usd;
  c.energy_usd = cost.energy_usd;
  c.colocation_usd = cost.colocation_usd;
  if (storage_is_priced(scenario.storage)) c.storage_usd = cost.storage_usd;
  c.staff_usd = cost.staff_usd;
  c.cloud_bill_usd = cost.cloud_bill_usd;
  c.spent_computing_usd = cost.spent_computing_usd;
  c.spent_on_setup_usd = cost.spent_on_setup_usd;
  c.spent_allocated_not_computing_usd = cost.spent_allocated_other_usd;
  c.spent_idle_usd = cost.spent_idle_usd;
  c.spent_on_lost_work_usd = cost.spent_on_lost_work_usd;
  c.spent_on_restarts_usd = cost.spent_on_restarts_usd;
  c.usd_per_delivered_pflop_day = cost.usd_per_delivered_pflop_day;
  c.usd_per_allocated_ppu_hour = cost.usd_per_allocated_ppu_hour;
  c.usd_per_available_ppu_hour = cost.usd_per_available_ppu_hour;
  report.setup = setup_section(metrics, allocated, report.jobs.queueing_delay_s);
  report.failures = failure_section(scenario, metrics, interrupted, delivered);
  report.storage = storage_section(scenario, result, allocated);
  report.engine = result.counters;
  report.time_series = time_series_section(scenario, metrics);
  if (report.storage) report.time_series.storage_read_bytes_per_s = read_rate_series(metrics);
  report.tenants = tenant_section(scenario, metrics, cost.total_usd);
  report.pools = pool_section(scenario, metrics);
  // Only with services, so that training-only reports stay as they were.
  if (!result.services.empty()) report.services = build_service_reports(result.services);
  return report;
}

json build_report(const Scenario& scenario, const SimulationResult& result) {
  return report_to_json(make_report(scenario, result));
}

ReportTimeSeries build_time_series(const Scenario& scenario, const RunMetrics& metrics) {
  return time_series_section(scenario, metrics);
}

}  // namespace ppusim
