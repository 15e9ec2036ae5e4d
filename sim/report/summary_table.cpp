#include "sim/report/summary_table.hpp"

#include <algorithm>
#include <cstdio>
#include <iomanip>
#include <sstream>

#include "sim/core/escaping.hpp"
#include "sim/report/measured_duration_note.hpp"
#include "sim/report/number_format.hpp"

namespace ppusim {

namespace {

void row(std::ostringstream& out, const std::string& label, const std::string& value) {
  out << "  " << std::left << std::setw(40) << label << " " << value << "\n";
}

/// "mean / p50 / p90 / p99 0.11 / 0.00 / 0.40 / 0.71 h": one unit for the four.
std::string distribution(const Distribution& d) {
  return "mean / p50 / p90 / p99 " + format_time_spans({d.mean, d.p50, d.p90, d.p99});
}

/// "p50 25.0 ms, p99 1.43 s": each latency in the unit its size calls for, never "1.43e+03 ms".
std::string latency(const Distribution& d) {
  return "p50 " + format_time_span(d.p50) + ", p99 " + format_time_span(d.p99);
}

std::string service_line(const ServiceReport& service) {
  std::string line = format_count(service.requests.completed) + " / " +
                     format_count(service.requests.arrived) + " requests, TTFT " + latency(service.ttft_s) +
                     ", TPOT " + latency(service.tpot_s) + ", " +
                     format_significant(service.throughput.output_tokens_per_s, 3) + " tokens/s";
  if (service.slo.attainment) line += ", SLO met " + format_percent(*service.slo.attainment);
  return line + ", " + format_significant(service.replicas.ppu_hours, 3) + " PPU-hours";
}

/// The cost items this cost model has, in words and a fixed order: "capex compute $270.15, ...".
/// "41 jobs, wait p50 / p90 0.10 / 2.3 h, 12.5 % of PPU-hours, borrowed 3.20 PPUs, 2
/// preempted (1.50 PPU-h lost), $1,234": one tenant's line (docs/tenants.md).
std::string tenant_line(const ReportTenant& t) {
  return format_count(t.jobs) + " jobs, wait p50 / p90 " +
         format_time_spans({t.queueing_delay_s.p50, t.queueing_delay_s.p90}) + ", " +
         format_percent(t.allocated_share) + " of PPU-hours, borrowed " +
         format_significant(t.mean_borrowed_ppus, 3) + " PPUs, " + format_count(t.preemptions) +
         " preempted (" + format_significant(t.preempted_lost_ppu_hours, 3) + " PPU-h lost), " +
         format_usd(t.chargeback_usd);
}

/// "H20, 4,000 PPUs, 812 jobs, allocated 71.2 %, busy 60.3 %, wait p50 / p90 / p99 0.10 / 2.3 /
/// 5.0 h": one pool's line (docs/config.md, "Node pools").
std::string pool_line(const ReportPool& p) {
  return p.chip + ", " + format_count(p.ppus) + " PPUs, " + format_count(p.jobs) + " jobs, allocated " +
         format_percent(p.allocated_utilization) + ", busy " + format_percent(p.busy_utilization) +
         ", wait p50 / p90 / p99 " +
         format_time_spans({p.queueing_delay_s.p50, p.queueing_delay_s.p90, p.queueing_delay_s.p99});
}

std::string cost_items(const ReportCost& cost) {
  const std::pair<const char*, double> items[] = {{"capex compute", cost.capex_compute_usd},
                                                  {"capex network", cost.capex_network_usd},
                                                  {"energy", cost.energy_usd},
                                                  {"colocation", cost.colocation_usd},
                                                  {"staff", cost.staff_usd},
                                                  {"cloud bill", cost.cloud_bill_usd},
                                                  {"storage", cost.storage_usd.value_or(0)}};
  std::string text;
  for (const auto& [label, value] : items) {
    if (value != 0) text += (text.empty() ? "" : ", ") + std::string(label) + " " + format_usd(value);
  }
  return text;
}

}  // namespace

std::string format_summary_table(const Report& report) {
  std::ostringstream out;
  const ReportScenario& scenario = report.scenario;
  const ReportJobs& jobs = report.jobs;
  const ReportCost& cost = report.cost;
  out << "ppusim " << report.ppusim_version << " — " << scenario.name << ": " << format_count(scenario.ppus)
      << " PPUs (" << scenario.ppu << "), " << format_count(scenario.nodes) << " nodes, "
      << scenario.scheduler << "\n";
  if (report.interrupted_at_s) {
    row(out, "INTERRUPTED",
        "at simulated " + format_time_span(*report.interrupted_at_s) + ": figures cover the run so far");
  }
  row(out, "simulated window", format_time_span(report.window_s));
  row(out, "jobs submitted / finished", format_count(jobs.submitted) + " / " + format_count(jobs.finished));
  row(out, "jobs rejected / running / queued at end",
      format_count(jobs.rejected) + " / " + format_count(jobs.running_at_end) + " / " +
          format_count(jobs.queued_at_end));
  const ReportTrainingSpeed& speed = report.training_speed;
  row(out, "job speed from step model / MFU override / family default",
      format_count(speed.jobs_from_step_model) + " / " + format_count(speed.jobs_from_mfu_override) + " / " +
          format_count(speed.jobs_from_family_default) + " jobs, MFU " + format_percent(speed.mfu_mean) +
          " (PPU-hour weighted mean)");
  if (const std::string warning = measured_duration_warning(jobs); !warning.empty())
    row(out, "WARNING", warning);
  row(out, "utilization: allocated", format_percent(report.utilization.allocated));
  row(out, "utilization: busy (computing)", format_percent(report.utilization.busy));
  row(out, "utilization: delivered FLOPs / peak", format_percent(report.utilization.delivered_flops));
  row(out, "queueing delay", distribution(jobs.queueing_delay_s));
  row(out, "job completion time", distribution(jobs.completion_time_s));
  row(out, "delivered compute", format_significant(report.work.delivered_pflop_days, 3) + " PF-days");
  row(out, "facility energy", format_significant(report.energy.facility_kwh / 1000.0, 3) + " MWh");
  row(out, "cost of the window (" + cost.model + ")", format_usd(cost.total_usd));
  if (const std::string items = cost_items(cost); !items.empty()) row(out, "  of which", items);
  if (report.setup.jobs_through_setup > 0 && report.setup.total_s.max > 0)
    row(out, "setup time (allocation to first step)", distribution(report.setup.total_s));
  const ReportFailures& failures = report.failures;
  if (failures.enabled) {
    const ReportLostPpuHours& lost = failures.lost_ppu_hours;
    row(out, "interruptions (failures, preemptions)", format_count(failures.interruptions));
    row(out, "PPU-hours lost to interruptions",
        format_significant(lost.total, 3) + " (lost work " + format_significant(lost.lost_work, 3) +
            ", restarts " + format_significant(lost.restart_hold + lost.restart_setup, 3) + ")");
    row(out, "effective training time ratio", format_percent(failures.effective_training_time_ratio));
  }
  if (report.storage && report.storage->streaming_jobs > 0) {
    const ReportStorage& storage = *report.storage;
    row(out, "PPU-hours waiting on input",
        format_significant(storage.input_wait_ppu_hours, 3) + " (" +
            format_percent(storage.input_wait_share_of_allocated_ppu_time) + " of allocated)");
    if (storage.cache_hit_ratio)
      row(out, "storage cache hit ratio", format_percent(*storage.cache_hit_ratio));
  }
  row(out, "cost per delivered PF-day", format_usd(cost.usd_per_delivered_pflop_day));
  row(out, "cost per allocated PPU-hour", format_usd(cost.usd_per_allocated_ppu_hour));
  // One line per tenant (docs/tenants.md).
  for (const ReportTenant& tenant : report.tenants) row(out, "tenant " + tenant.name, tenant_line(tenant));
  // One line per pool, with several pools.
  for (const ReportPool& pool : report.pools) row(out, "pool " + pool.name, pool_line(pool));
  // One line per inference service (docs/inference.md).
  for (const ServiceReport& service : report.services)
    row(out, "service " + service.name, service_line(service));
  return out.str();
}

namespace {

/// A number in a CSV file: the shortest text that reads back as the same double is not
/// needed, only that it reads back exactly (17 significant digits).
std::string exact_number(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return std::string(buffer);
}

}  // namespace

std::string format_time_series_csv(const ReportTimeSeries& series) {
  const std::pair<const char*, const std::vector<double>*> fractions[] = {
      {"utilization_allocated", &series.utilization_allocated},
      {"utilization_busy", &series.utilization_busy},
      {"utilization_delivered_flops", &series.utilization_delivered_flops},
      {"mean_queued_jobs", &series.mean_queued_jobs}};
  const std::pair<const char*, const std::vector<long long>*> counts[] = {
      {"component_failures", &series.component_failures},
      {"interruptions_hardware", &series.interruptions_hardware},
      {"interruptions_network", &series.interruptions_network},
      {"interruptions_preemption", &series.interruptions_preemption}};
  const auto exact = exact_number;
  const bool reads = !series.storage_read_bytes_per_s.empty();  // a run with a storage section
  std::ostringstream out;
  out << "start_s";
  for (const auto& column : fractions) out << ',' << column.first;
  for (const auto& column : counts) out << ',' << column.first;
  if (reads) out << ",storage_read_bytes_per_s";
  out << '\n';
  for (std::size_t i = 0; i < series.start_s.size(); ++i) {
    out << exact(series.start_s[i]);
    for (const auto& column : fractions) out << ',' << exact((*column.second)[i]);
    for (const auto& column : counts) out << ',' << (*column.second)[i];
    if (reads) out << ',' << exact(series.storage_read_bytes_per_s[i]);
    out << '\n';
  }
  return out.str();
}

std::string format_tenant_time_series_csv(const ReportTimeSeries& series,
                                          const std::vector<ReportTenant>& tenants) {
  std::string csv = "start_s,tenant,mean_allocated_ppus,guaranteed_ppus\n";
  for (const ReportTenant& tenant : tenants) {
    const std::size_t bins = std::min(tenant.mean_allocated_ppus_by_bin.size(), series.start_s.size());
    for (std::size_t bin = 0; bin < bins; ++bin) {
      csv += exact_number(series.start_s[bin]) + ',' + csv_field(tenant.name) + ',' +
             exact_number(tenant.mean_allocated_ppus_by_bin[bin]) + ',' +
             std::to_string(tenant.guaranteed_ppus) + '\n';
    }
  }
  return csv;
}

}  // namespace ppusim
