// The report of one run as a typed value: everything the run measured, built once from its
// metrics (report_builder.hpp) and read by the terminal summary. report.json is this value
// written out by report_to_json() (report_json.hpp); each field there has the name and the
// definition given in docs/report.md, and the same name here.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/statistics.hpp"
#include "sim/engine/engine_counters.hpp"
#include "sim/inference/service_report.hpp"

namespace ppusim {

/// 2: failures, setup and services sections, the failure columns of jobs.csv, and the
/// failures timeline in time_series (docs/report.md, "Schema changelog").
constexpr int kReportSchemaVersion = 2;

struct ReportScenario {
  std::string name;
  std::uint64_t seed = 0;
  std::string ppu;
  long long nodes = 0;
  long long ppus = 0;
  std::string scheduler;  // "fifo", "easy-backfill"
  std::string placement;  // "pack", "spread", "fragmentation-aware"
};

struct ReportTopology {
  std::string kind;
  long long leaves = 0;
  long long pods = 0;
  long long leaf_uplinks = 0;
  double leaf_uplink_bandwidth_bytes_per_s = 0;
  long long pod_uplinks = 0;
  double pod_uplink_bandwidth_bytes_per_s = 0;
};

struct ReportJobs {
  long long in_workload = 0;
  long long submitted = 0;
  long long finished = 0;
  long long rejected = 0;
  long long running_at_end = 0;
  long long queued_at_end = 0;
  long long not_arrived_at_end = 0;
  long long skipped_trace_rows = 0;
  std::map<std::string, long long> rejected_reasons;  // by the reason's first clause
  Distribution queueing_delay_s;                      // started jobs
  Distribution completion_time_s;                     // finished jobs, submission to end
  // Jobs given only by a measured duration, and those converted to work (docs/workloads.md);
  // known only where the trace was read, so absent from a report built without it.
  std::optional<long long> fixed_duration_jobs;
  std::optional<long long> converted_duration_jobs;
};

struct ReportTrainingSpeed {
  long long jobs_from_step_model = 0;
  long long jobs_from_mfu_override = 0;
  long long jobs_from_family_default = 0;
  double mfu_mean = 0;  // each job weighted by the PPU-hours it computed
  double mfu_p50 = 0;
};

/// Fractions of the cluster's PPU-time (delivered_flops: of its BF16 peak) over the window.
struct ReportUtilization {
  double allocated = 0;
  double busy = 0;
  double delivered_flops = 0;
};

struct ReportWork {
  double allocated_ppu_hours = 0;
  double busy_ppu_hours = 0;
  double delivered_flops = 0;  // work lost to failures excluded
  double delivered_pflop_days = 0;
};

struct ReportEnergy {
  double it_kwh = 0;
  double facility_kwh = 0;
  double host_kwh = 0;
  double ppu_idle_kwh = 0;
  double ppu_busy_extra_kwh = 0;
  double mean_it_power_w = 0;
};

struct ReportCost {
  std::string model;  // "owned", "cloud"
  double total_usd = 0;
  // Where the money went, by item.
  double capex_compute_usd = 0;
  double capex_network_usd = 0;
  double energy_usd = 0;
  double colocation_usd = 0;
  double staff_usd = 0;
  double cloud_bill_usd = 0;
  std::optional<double> storage_usd;  // only when a storage tier has a price
  // What it bought, by what the paid-for PPU-time did.
  double spent_computing_usd = 0;
  double spent_on_setup_usd = 0;
  double spent_allocated_not_computing_usd = 0;
  double spent_idle_usd = 0;
  double spent_on_lost_work_usd = 0;
  double spent_on_restarts_usd = 0;
  std::optional<double> usd_per_delivered_pflop_day;  // none when nothing was delivered
  std::optional<double> usd_per_allocated_ppu_hour;   // none when nothing was allocated
  std::optional<double> usd_per_available_ppu_hour;   // cost over every PPU-hour of the window
};

struct ReportSetup {
  long long jobs_through_setup = 0;
  Distribution queueing_s;
  Distribution provisioning_s;
  Distribution image_pull_s;
  Distribution dataset_staging_s;
  Distribution checkpoint_load_s;
  Distribution framework_init_s;
  Distribution total_s;
  double setup_ppu_hours = 0;
  double share_of_allocated_ppu_time = 0;
};

struct ReportLostPpuHours {
  double lost_work = 0;
  double restart_hold = 0;
  double restart_setup = 0;
  double total = 0;
};

struct ReportFailures {
  bool enabled = false;  // a failures block, spot billing or scheduled topology failures
  std::map<std::string, long long> component_failures;  // by component kind
  long long interruptions = 0;
  std::map<std::string, long long> interruptions_by_cause;  // by component kind
  ReportLostPpuHours lost_ppu_hours;
  double checkpoint_write_ppu_hours = 0;
  double lost_flops = 0;
  // Σ held PPUs × productive time / Σ held PPUs × (end − first start) over started jobs.
  double effective_training_time_ratio = 0;
  double goodput_flops_per_s = 0;
};

/// Streaming input and the storage tiers (docs/report.md, "storage"): present when a job
/// streams input or the scenario gives storage tiers, datasets or a capacity.
struct ReportStorage {
  long long streaming_jobs = 0;
  double input_wait_ppu_hours = 0;  // allocated PPUs idle while their steps waited for input
  double input_wait_share_of_allocated_ppu_time = 0;
  double store_bytes_read = 0;  // streaming input only: staging and checkpoints are not counted
  double object_store_bytes_read = 0;
  double node_cache_bytes_read = 0;
  std::optional<double> cache_hit_ratio;  // store / (store + object store); with an object store
  long long datasets_evicted = 0;
};

/// The engine's own counters, reported as they are (one definition: engine_counters.hpp).
using ReportEngine = EngineCounters;

/// Per time bin of interval_s, from start_s: means over the bin (utilizations, queued jobs)
/// and counts in the bin (the failures timeline).
struct ReportTimeSeries {
  double interval_s = 0;
  std::vector<double> start_s;
  std::vector<double> utilization_allocated;
  std::vector<double> utilization_busy;
  std::vector<double> utilization_delivered_flops;
  std::vector<double> mean_queued_jobs;
  /// Bytes of streaming input read from shared storage in the bin, over its span: only when the
  /// report has a storage section (empty otherwise, and absent from report.json and the CSV).
  std::vector<double> storage_read_bytes_per_s;
  std::vector<long long> component_failures;
  std::vector<long long> interruptions_hardware;
  std::vector<long long> interruptions_network;
  std::vector<long long> interruptions_preemption;
};

/// One tenant's share of the run (docs/report.md, "tenants"; docs/tenants.md). The last row
/// may be "(no tenant)": work no tenant submitted (inference replicas, trace jobs without a
/// tenant), so that the chargeback sums to the whole cost.
struct ReportTenant {
  std::string name;
  long long guaranteed_ppus = 0;
  long long burst_ppus = 0;
  long long jobs = 0;  // in the workload
  long long finished = 0;
  Distribution queueing_delay_s;   // started jobs
  Distribution completion_time_s;  // finished jobs, submission to end
  double allocated_ppu_hours = 0;
  double allocated_share = 0;      // of every allocated PPU-hour of the run
  double mean_allocated_ppus = 0;  // over the window
  double mean_borrowed_ppus = 0;   // above the guarantee, over the window
  long long preemptions = 0;       // of its jobs, for other tenants' guarantees
  double preempted_lost_ppu_hours = 0;
  double chargeback_usd = 0;  // its share of cost.total_usd, in whole cents
  /// Its quota usage over time: mean allocated PPUs in each time_series bin (same bins).
  std::vector<double> mean_allocated_ppus_by_bin;
};

/// One node pool's share of the run (docs/report.md, "pools"; docs/config.md, "Node pools"):
/// only for a cluster of several pools. A job counts in the pool its last attempt ran in.
struct ReportPool {
  std::string name;
  std::string chip;  // the pool's PPU name
  long long nodes = 0;
  long long ppus = 0;
  long long jobs = 0;                // started there
  double allocated_utilization = 0;  // allocated PPU-time / (its PPUs x window)
  double busy_utilization = 0;       // busy PPU-time / (its PPUs x window)
  Distribution queueing_delay_s;     // of the jobs that ran there, submission to first start
};

/// Which sections the report has. A report this ppusim builds has all of them; one read back
/// from an older report.json (report_from_json) may lack those that came later: a schema-1
/// report those that came with schema 2 (docs/report.md, "Schema changelog"), any report
/// written before training_speed was added that section. report_to_json leaves them out again.
struct ReportSections {
  bool training_speed = true;
  bool setup = true;
  bool failures = true;
  bool failures_timeline = true;  // the four count columns of time_series
};

struct Report {
  int schema_version = kReportSchemaVersion;
  std::string ppusim_version;
  ReportScenario scenario;
  ReportTopology topology;
  double window_s = 0;
  std::optional<double> interrupted_at_s;  // set when a signal stopped the run early
  ReportJobs jobs;
  ReportTrainingSpeed training_speed;
  ReportUtilization utilization;
  ReportWork work;
  ReportEnergy energy;
  ReportCost cost;
  ReportSetup setup;
  ReportFailures failures;
  std::optional<ReportStorage> storage;  // absent from report.json when not used
  ReportEngine engine;
  ReportTimeSeries time_series;
  std::vector<ReportTenant> tenants;  // empty without tenants: report.json then has no key
  std::vector<ReportPool> pools;      // empty with one pool: report.json then has no key
  ReportSections sections;
  // The inference services (docs/inference.md, sim/inference/service_report.hpp); empty for a
  // training-only run, whose report.json then has no "services" key.
  std::vector<ServiceReport> services;
};

}  // namespace ppusim
