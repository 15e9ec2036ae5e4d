#include "sim/report/report_json.hpp"

#include <stdexcept>

#include "workloads/job_speed.hpp"

namespace ppusim {

using nlohmann::json;

namespace {

json optional_number(const std::optional<double>& value) { return value ? json(*value) : json(nullptr); }

json jobs_to_json(const ReportJobs& jobs) {
  json section = {{"in_workload", jobs.in_workload},
                  {"submitted", jobs.submitted},
                  {"finished", jobs.finished},
                  {"rejected", jobs.rejected},
                  {"running_at_end", jobs.running_at_end},
                  {"queued_at_end", jobs.queued_at_end},
                  {"not_arrived_at_end", jobs.not_arrived_at_end},
                  {"skipped_trace_rows", jobs.skipped_trace_rows},
                  {"rejected_reasons", json(jobs.rejected_reasons)},
                  {"queueing_delay_s", distribution_to_json(jobs.queueing_delay_s)},
                  {"completion_time_s", distribution_to_json(jobs.completion_time_s)}};
  if (jobs.fixed_duration_jobs) section["fixed_duration_jobs"] = *jobs.fixed_duration_jobs;
  if (jobs.converted_duration_jobs) section["converted_duration_jobs"] = *jobs.converted_duration_jobs;
  return section;
}

json cost_to_json(const ReportCost& cost) {
  json section = {{"model", cost.model},
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
                    {"allocated_not_computing", cost.spent_allocated_not_computing_usd},
                    {"idle", cost.spent_idle_usd},
                    {"lost_work", cost.spent_on_lost_work_usd},
                    {"restarts", cost.spent_on_restarts_usd}}},
                  {"usd_per_delivered_pflop_day", optional_number(cost.usd_per_delivered_pflop_day)},
                  {"usd_per_allocated_ppu_hour", optional_number(cost.usd_per_allocated_ppu_hour)},
                  {"usd_per_available_ppu_hour", optional_number(cost.usd_per_available_ppu_hour)}};
  if (cost.storage_usd) section["breakdown_usd"]["storage"] = *cost.storage_usd;
  return section;
}

json tenants_to_json(const std::vector<ReportTenant>& tenants) {
  json rows = json::array();
  for (const ReportTenant& t : tenants) {
    rows.push_back({{"name", t.name},
                    {"guaranteed_ppus", t.guaranteed_ppus},
                    {"burst_ppus", t.burst_ppus},
                    {"jobs", t.jobs},
                    {"finished", t.finished},
                    {"queueing_delay_s", distribution_to_json(t.queueing_delay_s)},
                    {"completion_time_s", distribution_to_json(t.completion_time_s)},
                    {"allocated_ppu_hours", t.allocated_ppu_hours},
                    {"allocated_share", t.allocated_share},
                    {"mean_allocated_ppus", t.mean_allocated_ppus},
                    {"mean_borrowed_ppus", t.mean_borrowed_ppus},
                    {"preemptions", t.preemptions},
                    {"preempted_lost_ppu_hours", t.preempted_lost_ppu_hours},
                    {"chargeback_usd", t.chargeback_usd}});
  }
  return rows;
}

json setup_to_json(const ReportSetup& setup) {
  return {{"jobs_through_setup", setup.jobs_through_setup},
          {"stages_s",
           {{"queueing", distribution_to_json(setup.queueing_s)},
            {"provisioning", distribution_to_json(setup.provisioning_s)},
            {"image_pull", distribution_to_json(setup.image_pull_s)},
            {"dataset_staging", distribution_to_json(setup.dataset_staging_s)},
            {"checkpoint_load", distribution_to_json(setup.checkpoint_load_s)},
            {"framework_init", distribution_to_json(setup.framework_init_s)},
            {"total", distribution_to_json(setup.total_s)}}},
          {"setup_ppu_hours", setup.setup_ppu_hours},
          {"share_of_allocated_ppu_time", setup.share_of_allocated_ppu_time}};
}

json failures_to_json(const ReportFailures& failures) {
  const ReportLostPpuHours& lost = failures.lost_ppu_hours;
  return {{"enabled", failures.enabled},
          {"component_failures", json(failures.component_failures)},
          {"interruptions", failures.interruptions},
          {"interruptions_by_cause", json(failures.interruptions_by_cause)},
          {"lost_ppu_hours",
           {{"lost_work", lost.lost_work},
            {"restart_hold", lost.restart_hold},
            {"restart_setup", lost.restart_setup},
            {"total", lost.total}}},
          {"checkpoint_write_ppu_hours", failures.checkpoint_write_ppu_hours},
          {"lost_flops", failures.lost_flops},
          {"effective_training_time_ratio", failures.effective_training_time_ratio},
          {"goodput_flops_per_s", failures.goodput_flops_per_s}};
}

json storage_to_json(const ReportStorage& storage) {
  return {{"streaming_jobs", storage.streaming_jobs},
          {"input_wait_ppu_hours", storage.input_wait_ppu_hours},
          {"input_wait_share_of_allocated_ppu_time", storage.input_wait_share_of_allocated_ppu_time},
          {"bytes_read",
           {{"store", storage.store_bytes_read},
            {"object_store", storage.object_store_bytes_read},
            {"node_cache", storage.node_cache_bytes_read}}},
          {"cache_hit_ratio", optional_number(storage.cache_hit_ratio)},
          {"datasets_evicted", storage.datasets_evicted}};
}

}  // namespace

json distribution_to_json(const Distribution& d) {
  return {{"count", d.count}, {"mean", d.mean}, {"p50", d.p50},
          {"p90", d.p90},     {"p99", d.p99},   {"max", d.max}};
}

json time_series_to_json(const ReportTimeSeries& series) {
  return {{"interval_s", series.interval_s},
          {"start_s", series.start_s},
          {"utilization_allocated", series.utilization_allocated},
          {"utilization_busy", series.utilization_busy},
          {"utilization_delivered_flops", series.utilization_delivered_flops},
          {"mean_queued_jobs", series.mean_queued_jobs},
          {"component_failures", series.component_failures},
          {"interruptions_hardware", series.interruptions_hardware},
          {"interruptions_network", series.interruptions_network},
          {"interruptions_preemption", series.interruptions_preemption}};
}

json report_to_json(const Report& r) {
  json report;
  report["schema_version"] = r.schema_version;
  report["ppusim_version"] = r.ppusim_version;
  report["scenario"] = {
      {"name", r.scenario.name},          {"seed", r.scenario.seed}, {"ppu", r.scenario.ppu},
      {"nodes", r.scenario.nodes},        {"ppus", r.scenario.ppus}, {"scheduler", r.scenario.scheduler},
      {"placement", r.scenario.placement}};
  report["topology"] = {{"kind", r.topology.kind},
                        {"leaves", r.topology.leaves},
                        {"pods", r.topology.pods},
                        {"leaf_uplinks", r.topology.leaf_uplinks},
                        {"leaf_uplink_bandwidth_bytes_per_s", r.topology.leaf_uplink_bandwidth_bytes_per_s},
                        {"pod_uplinks", r.topology.pod_uplinks},
                        {"pod_uplink_bandwidth_bytes_per_s", r.topology.pod_uplink_bandwidth_bytes_per_s}};
  report["window_s"] = r.window_s;
  report["interrupted_at_s"] = optional_number(r.interrupted_at_s);
  report["jobs"] = jobs_to_json(r.jobs);
  report["training_speed"] = {{"jobs_by_speed_source",
                               {{"step-model", r.training_speed.jobs_from_step_model},
                                {"mfu-override", r.training_speed.jobs_from_mfu_override},
                                {"family-default", r.training_speed.jobs_from_family_default}}},
                              {"mfu_weighted_by_ppu_hours",
                               {{"mean", r.training_speed.mfu_mean}, {"p50", r.training_speed.mfu_p50}}}};
  report["utilization"] = {{"allocated", r.utilization.allocated},
                           {"busy", r.utilization.busy},
                           {"delivered_flops", r.utilization.delivered_flops}};
  report["work"] = {{"allocated_ppu_hours", r.work.allocated_ppu_hours},
                    {"busy_ppu_hours", r.work.busy_ppu_hours},
                    {"delivered_flops", r.work.delivered_flops},
                    {"delivered_pflop_days", r.work.delivered_pflop_days}};
  report["energy"] = {{"it_kwh", r.energy.it_kwh},
                      {"facility_kwh", r.energy.facility_kwh},
                      {"host_kwh", r.energy.host_kwh},
                      {"ppu_idle_kwh", r.energy.ppu_idle_kwh},
                      {"ppu_busy_extra_kwh", r.energy.ppu_busy_extra_kwh},
                      {"mean_it_power_w", r.energy.mean_it_power_w}};
  report["cost"] = cost_to_json(r.cost);
  report["setup"] = setup_to_json(r.setup);
  report["failures"] = failures_to_json(r.failures);
  report["engine"] = {{"network_jobs", r.engine.network_jobs},
                      {"local_jobs", r.engine.local_jobs},
                      {"segments", r.engine.segments},
                      {"flows", r.engine.flows},
                      {"scheduling_passes", r.engine.scheduling_passes}};
  report["time_series"] = time_series_to_json(r.time_series);
  if (r.storage) report["storage"] = storage_to_json(*r.storage);
  // Only with tenants, so that reports of scenarios without them stay as they were.
  if (!r.tenants.empty()) report["tenants"] = tenants_to_json(r.tenants);
  if (!r.services.is_null()) report["services"] = r.services;
  return report;
}

// ---- reading back ----------------------------------------------------------------------

namespace {

Distribution distribution_from_json(const json& d) {
  Distribution out;
  out.count = d.at("count").get<std::size_t>();
  out.mean = d.at("mean").get<double>();
  out.p50 = d.at("p50").get<double>();
  out.p90 = d.at("p90").get<double>();
  out.p99 = d.at("p99").get<double>();
  out.max = d.at("max").get<double>();
  return out;
}

std::optional<double> optional_from_json(const json& value) {
  return value.is_null() ? std::nullopt : std::optional<double>(value.get<double>());
}

ReportStorage storage_from_json(const json& j) {
  ReportStorage storage;
  storage.streaming_jobs = j.at("streaming_jobs").get<long long>();
  storage.input_wait_ppu_hours = j.at("input_wait_ppu_hours").get<double>();
  storage.input_wait_share_of_allocated_ppu_time =
      j.at("input_wait_share_of_allocated_ppu_time").get<double>();
  const json& bytes = j.at("bytes_read");
  storage.store_bytes_read = bytes.at("store").get<double>();
  storage.object_store_bytes_read = bytes.at("object_store").get<double>();
  storage.node_cache_bytes_read = bytes.at("node_cache").get<double>();
  storage.cache_hit_ratio = optional_from_json(j.at("cache_hit_ratio"));
  storage.datasets_evicted = j.at("datasets_evicted").get<long long>();
  return storage;
}

ReportJobs jobs_from_json(const json& j) {
  ReportJobs jobs;
  jobs.in_workload = j.at("in_workload").get<long long>();
  jobs.submitted = j.at("submitted").get<long long>();
  jobs.finished = j.at("finished").get<long long>();
  jobs.rejected = j.at("rejected").get<long long>();
  jobs.running_at_end = j.at("running_at_end").get<long long>();
  jobs.queued_at_end = j.at("queued_at_end").get<long long>();
  jobs.not_arrived_at_end = j.at("not_arrived_at_end").get<long long>();
  jobs.skipped_trace_rows = j.at("skipped_trace_rows").get<long long>();
  jobs.rejected_reasons = j.at("rejected_reasons").get<std::map<std::string, long long>>();
  jobs.queueing_delay_s = distribution_from_json(j.at("queueing_delay_s"));
  jobs.completion_time_s = distribution_from_json(j.at("completion_time_s"));
  if (j.contains("fixed_duration_jobs")) jobs.fixed_duration_jobs = j["fixed_duration_jobs"].get<long long>();
  if (j.contains("converted_duration_jobs"))
    jobs.converted_duration_jobs = j["converted_duration_jobs"].get<long long>();
  return jobs;
}

ReportCost cost_from_json(const json& j) {
  const json& items = j.at("breakdown_usd");
  const json& spent = j.at("spent_on_usd");
  ReportCost cost;
  cost.model = j.at("model").get<std::string>();
  cost.total_usd = j.at("total_usd").get<double>();
  cost.capex_compute_usd = items.at("capex_compute").get<double>();
  cost.capex_network_usd = items.at("capex_network").get<double>();
  cost.energy_usd = items.at("energy").get<double>();
  cost.colocation_usd = items.at("colocation").get<double>();
  cost.staff_usd = items.at("staff").get<double>();
  cost.cloud_bill_usd = items.at("cloud_bill").get<double>();
  if (items.contains("storage")) cost.storage_usd = items.at("storage").get<double>();
  cost.spent_computing_usd = spent.at("computing").get<double>();
  cost.spent_on_setup_usd = spent.at("setup").get<double>();
  cost.spent_allocated_not_computing_usd = spent.at("allocated_not_computing").get<double>();
  cost.spent_idle_usd = spent.at("idle").get<double>();
  cost.spent_on_lost_work_usd = spent.at("lost_work").get<double>();
  cost.spent_on_restarts_usd = spent.at("restarts").get<double>();
  cost.usd_per_delivered_pflop_day = optional_from_json(j.at("usd_per_delivered_pflop_day"));
  cost.usd_per_allocated_ppu_hour = optional_from_json(j.at("usd_per_allocated_ppu_hour"));
  cost.usd_per_available_ppu_hour = optional_from_json(j.at("usd_per_available_ppu_hour"));
  return cost;
}

ReportSetup setup_from_json(const json& j) {
  const json& stages = j.at("stages_s");
  ReportSetup setup;
  setup.jobs_through_setup = j.at("jobs_through_setup").get<long long>();
  setup.queueing_s = distribution_from_json(stages.at("queueing"));
  setup.provisioning_s = distribution_from_json(stages.at("provisioning"));
  setup.image_pull_s = distribution_from_json(stages.at("image_pull"));
  setup.dataset_staging_s = distribution_from_json(stages.at("dataset_staging"));
  setup.checkpoint_load_s = distribution_from_json(stages.at("checkpoint_load"));
  setup.framework_init_s = distribution_from_json(stages.at("framework_init"));
  setup.total_s = distribution_from_json(stages.at("total"));
  setup.setup_ppu_hours = j.at("setup_ppu_hours").get<double>();
  setup.share_of_allocated_ppu_time = j.at("share_of_allocated_ppu_time").get<double>();
  return setup;
}

std::vector<ReportTenant> tenants_from_json(const json& rows) {
  std::vector<ReportTenant> tenants;
  for (const json& row : rows) {
    ReportTenant t;
    t.name = row.at("name").get<std::string>();
    t.guaranteed_ppus = row.at("guaranteed_ppus").get<long long>();
    t.burst_ppus = row.at("burst_ppus").get<long long>();
    t.jobs = row.at("jobs").get<long long>();
    t.finished = row.at("finished").get<long long>();
    t.queueing_delay_s = distribution_from_json(row.at("queueing_delay_s"));
    t.completion_time_s = distribution_from_json(row.at("completion_time_s"));
    t.allocated_ppu_hours = row.at("allocated_ppu_hours").get<double>();
    t.allocated_share = row.at("allocated_share").get<double>();
    t.mean_allocated_ppus = row.at("mean_allocated_ppus").get<double>();
    t.mean_borrowed_ppus = row.at("mean_borrowed_ppus").get<double>();
    t.preemptions = row.at("preemptions").get<long long>();
    t.preempted_lost_ppu_hours = row.at("preempted_lost_ppu_hours").get<double>();
    t.chargeback_usd = row.at("chargeback_usd").get<double>();
    tenants.push_back(std::move(t));
  }
  return tenants;
}

ReportFailures failures_from_json(const json& j) {
  const json& lost = j.at("lost_ppu_hours");
  ReportFailures failures;
  failures.enabled = j.at("enabled").get<bool>();
  failures.component_failures = j.at("component_failures").get<std::map<std::string, long long>>();
  failures.interruptions = j.at("interruptions").get<long long>();
  failures.interruptions_by_cause = j.at("interruptions_by_cause").get<std::map<std::string, long long>>();
  failures.lost_ppu_hours = {lost.at("lost_work").get<double>(), lost.at("restart_hold").get<double>(),
                             lost.at("restart_setup").get<double>(), lost.at("total").get<double>()};
  failures.checkpoint_write_ppu_hours = j.at("checkpoint_write_ppu_hours").get<double>();
  failures.lost_flops = j.at("lost_flops").get<double>();
  failures.effective_training_time_ratio = j.at("effective_training_time_ratio").get<double>();
  failures.goodput_flops_per_s = j.at("goodput_flops_per_s").get<double>();
  return failures;
}

ReportTimeSeries time_series_from_json(const json& j) {
  ReportTimeSeries series;
  series.interval_s = j.at("interval_s").get<double>();
  series.start_s = j.at("start_s").get<std::vector<double>>();
  series.utilization_allocated = j.at("utilization_allocated").get<std::vector<double>>();
  series.utilization_busy = j.at("utilization_busy").get<std::vector<double>>();
  series.utilization_delivered_flops = j.at("utilization_delivered_flops").get<std::vector<double>>();
  series.mean_queued_jobs = j.at("mean_queued_jobs").get<std::vector<double>>();
  series.component_failures = j.at("component_failures").get<std::vector<long long>>();
  series.interruptions_hardware = j.at("interruptions_hardware").get<std::vector<long long>>();
  series.interruptions_network = j.at("interruptions_network").get<std::vector<long long>>();
  series.interruptions_preemption = j.at("interruptions_preemption").get<std::vector<long long>>();
  return series;
}

}  // namespace

Report report_from_json(const json& j) {
  if (j.at("schema_version").get<int>() != kReportSchemaVersion) {
    throw std::runtime_error("report schema " + j["schema_version"].dump() + ", expected " +
                             std::to_string(kReportSchemaVersion));
  }
  Report r;
  r.ppusim_version = j.at("ppusim_version").get<std::string>();
  const json& scenario = j.at("scenario");
  r.scenario = {scenario.at("name").get<std::string>(),     scenario.at("seed").get<std::uint64_t>(),
                scenario.at("ppu").get<std::string>(),      scenario.at("nodes").get<long long>(),
                scenario.at("ppus").get<long long>(),       scenario.at("scheduler").get<std::string>(),
                scenario.at("placement").get<std::string>()};
  const json& topology = j.at("topology");
  r.topology = {topology.at("kind").get<std::string>(),
                topology.at("leaves").get<long long>(),
                topology.at("pods").get<long long>(),
                topology.at("leaf_uplinks").get<long long>(),
                topology.at("leaf_uplink_bandwidth_bytes_per_s").get<double>(),
                topology.at("pod_uplinks").get<long long>(),
                topology.at("pod_uplink_bandwidth_bytes_per_s").get<double>()};
  r.window_s = j.at("window_s").get<double>();
  r.interrupted_at_s = optional_from_json(j.at("interrupted_at_s"));
  r.jobs = jobs_from_json(j.at("jobs"));
  const json& speed = j.at("training_speed");
  const json& sources = speed.at("jobs_by_speed_source");
  r.training_speed = {sources.at(speed_source_name(SpeedSource::StepModel)).get<long long>(),
                      sources.at(speed_source_name(SpeedSource::MfuOverride)).get<long long>(),
                      sources.at(speed_source_name(SpeedSource::FamilyDefault)).get<long long>(),
                      speed.at("mfu_weighted_by_ppu_hours").at("mean").get<double>(),
                      speed.at("mfu_weighted_by_ppu_hours").at("p50").get<double>()};
  const json& util = j.at("utilization");
  r.utilization = {util.at("allocated").get<double>(), util.at("busy").get<double>(),
                   util.at("delivered_flops").get<double>()};
  const json& work = j.at("work");
  r.work = {work.at("allocated_ppu_hours").get<double>(), work.at("busy_ppu_hours").get<double>(),
            work.at("delivered_flops").get<double>(), work.at("delivered_pflop_days").get<double>()};
  const json& energy = j.at("energy");
  r.energy = {energy.at("it_kwh").get<double>(),
              energy.at("facility_kwh").get<double>(),
              energy.at("host_kwh").get<double>(),
              energy.at("ppu_idle_kwh").get<double>(),
              energy.at("ppu_busy_extra_kwh").get<double>(),
              energy.at("mean_it_power_w").get<double>()};
  r.cost = cost_from_json(j.at("cost"));
  r.setup = setup_from_json(j.at("setup"));
  r.failures = failures_from_json(j.at("failures"));
  const json& engine = j.at("engine");
  r.engine = {engine.at("network_jobs").get<long long>(), engine.at("local_jobs").get<long long>(),
              engine.at("segments").get<long long>(), engine.at("flows").get<long long>(),
              engine.at("scheduling_passes").get<long long>()};
  r.time_series = time_series_from_json(j.at("time_series"));
  if (j.contains("storage")) r.storage = storage_from_json(j.at("storage"));
  if (j.contains("tenants")) r.tenants = tenants_from_json(j.at("tenants"));
  if (j.contains("services")) r.services = j["services"];
  return r;
}

}  // namespace ppusim
