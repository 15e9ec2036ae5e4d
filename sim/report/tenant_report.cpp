#include "sim/report/tenant_report.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace ppusim {

namespace {

constexpr double kCentsPerUsd = 100;

/// Per tenant (and one more for work without a tenant): the samples and sums over its jobs.
struct TenantJobs {
  long long jobs = 0;
  long long finished = 0;
  long long preemptions = 0;
  double preempted_lost_ppu_s = 0;
  std::vector<double> queueing;
  std::vector<double> completion;
};

/// Mean PPUs per time-series bin from PPU-seconds per bin; the last bin is cut at `end_s`.
std::vector<double> mean_per_bin(const std::vector<double>& ppu_s, double width_s, double end_s) {
  std::vector<double> mean(ppu_s.size(), 0.0);
  for (std::size_t bin = 0; bin < ppu_s.size(); ++bin) {
    const double start = static_cast<double>(bin) * width_s;
    const double span = std::min(end_s, start + width_s) - start;
    mean[bin] = span > 0 ? ppu_s[bin] / span : 0.0;
  }
  return mean;
}

/// Per tenant and one more row (the rest of the run's allocation: replicas, jobs without a
/// tenant), its allocated PPU-seconds in each time-series bin.
std::vector<std::vector<double>> allocated_by_bin(const RunMetrics& metrics) {
  const double end = metrics.window_end_s();
  std::vector<std::vector<double>> rows;
  std::vector<double> rest = metrics.allocated_ppu_s().bins(end);
  for (const TenantUsageRecord& usage : metrics.tenants()) {
    rows.push_back(usage.allocated_by_bin.bins(end));
    for (std::size_t bin = 0; bin < rest.size(); ++bin) rest[bin] -= rows.back()[bin];
  }
  for (double& ppu_s : rest) ppu_s = std::max(0.0, ppu_s);
  rows.push_back(std::move(rest));
  return rows;
}

}  // namespace

std::vector<std::int64_t> chargeback_cents(double total_usd, const std::vector<double>& allocated_ppu_s,
                                           const std::vector<double>& fallback_weights) {
  const std::int64_t total_cents = std::llround(total_usd * kCentsPerUsd);
  const double allocated = std::accumulate(allocated_ppu_s.begin(), allocated_ppu_s.end(), 0.0);
  const std::vector<double>& basis = allocated > 0 ? allocated_ppu_s : fallback_weights;
  const double basis_total = std::accumulate(basis.begin(), basis.end(), 0.0);
  std::vector<std::int64_t> cents(basis.size(), 0);
  if (basis.empty() || !(basis_total > 0)) return cents;
  std::vector<double> remainder(basis.size());
  std::int64_t given = 0;
  for (std::size_t i = 0; i < basis.size(); ++i) {
    const double exact = static_cast<double>(total_cents) * (basis[i] / basis_total);
    cents[i] = static_cast<std::int64_t>(std::floor(exact));
    remainder[i] = exact - static_cast<double>(cents[i]);
    given += cents[i];
  }
  std::vector<std::size_t> order(basis.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&remainder](std::size_t a, std::size_t b) { return remainder[a] > remainder[b]; });
  // Rounding may leave the floors a cent above or below the total: settle the difference.
  for (std::size_t k = 0; given < total_cents; k = (k + 1) % order.size(), ++given) ++cents[order[k]];
  for (std::size_t k = order.size(); given > total_cents; --given) {
    k = (k + order.size() - 1) % order.size();
    --cents[order[k]];
  }
  return cents;
}

std::vector<ReportTenant> tenant_section(const Scenario& scenario, const RunMetrics& metrics,
                                         double total_usd) {
  std::vector<ReportTenant> section;
  const int tenants = scenario.tenants.count();
  if (tenants == 0) return section;
  const double window = metrics.window_end_s();
  std::vector<TenantJobs> by_tenant(tenants + 1);  // the last: no tenant
  for (const JobRecord& job : metrics.jobs()) {
    TenantJobs& t = by_tenant[job.tenant >= 0 ? job.tenant : tenants];
    ++t.jobs;
    if (job.start_s >= 0) t.queueing.push_back(job.start_s - job.submit_s);
    if (job.outcome == JobOutcome::Finished) {
      ++t.finished;
      t.completion.push_back(job.end_s - job.submit_s);
    }
    t.preemptions += job.preemptions;
    t.preempted_lost_ppu_s += job.preempted_lost_work_s * job.allocated_ppus;
  }

  // Allocated PPU-time: each tenant's as the engine reported it; the rest of the run's
  // (replicas, jobs without a tenant) goes to the last row.
  std::vector<double> allocated(tenants + 1, 0.0);
  std::vector<double> weights(tenants + 1, 0.0);
  double tenants_total = 0;
  for (int t = 0; t < tenants; ++t) {
    allocated[t] = metrics.tenants()[t].allocated_ppu_s;
    weights[t] = scenario.tenants.tenants[t].weight;
    tenants_total += allocated[t];
  }
  // Work without a tenant is a job without one or an inference replica; the row is there
  // exactly when the run has such work. Its allocation is what the tenants' leave of the run's
  // total, a difference of sums that can be a few 1e-12 PPU-s off zero even when no such work
  // held anything, so it cannot decide whether the row exists.
  const bool untenanted = by_tenant[tenants].jobs > 0 || !scenario.services.empty();
  allocated[tenants] = std::max(0.0, metrics.allocated_ppu_s().total() - tenants_total);
  if (!untenanted) {
    allocated.pop_back();
    weights.pop_back();
  }
  const std::vector<std::int64_t> cents = chargeback_cents(total_usd, allocated, weights);
  const std::vector<std::vector<double>> by_bin = allocated_by_bin(metrics);
  const double width = metrics.allocated_ppu_s().bin_width_s();
  const double all_allocated = std::accumulate(allocated.begin(), allocated.end(), 0.0);

  for (std::size_t t = 0; t < allocated.size(); ++t) {
    TenantJobs& jobs = by_tenant[t];
    ReportTenant row;
    if (static_cast<int>(t) < tenants) {
      const TenantSpec& spec = scenario.tenants.tenants[t];
      const TenantUsageRecord& usage = metrics.tenants()[t];
      row.name = spec.name;
      row.guaranteed_ppus = spec.guaranteed_ppus;
      row.burst_ppus = spec.burst_ppus;
      row.mean_borrowed_ppus = window > 0 ? usage.borrowed_ppu_s / window : 0.0;
    } else {
      row.name = "(no tenant)";
    }
    row.jobs = jobs.jobs;
    row.finished = jobs.finished;
    row.queueing_delay_s = summarize(std::move(jobs.queueing));
    row.completion_time_s = summarize(std::move(jobs.completion));
    row.allocated_ppu_hours = allocated[t] / 3600.0;
    row.allocated_share = all_allocated > 0 ? allocated[t] / all_allocated : 0.0;
    row.mean_allocated_ppus = window > 0 ? allocated[t] / window : 0.0;
    row.preemptions = jobs.preemptions;
    row.preempted_lost_ppu_hours = jobs.preempted_lost_ppu_s / 3600.0;
    row.chargeback_usd = static_cast<double>(cents[t]) / kCentsPerUsd;
    row.mean_allocated_ppus_by_bin = mean_per_bin(by_bin[t], width, window);
    section.push_back(std::move(row));
  }
  return section;
}

}  // namespace ppusim
