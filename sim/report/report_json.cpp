#include "sim/report/report_json.hpp"

#include <string_view>
#include <type_traits>

#include "sim/core/json_reader.hpp"
#include "sim/report/cost_items.hpp"
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
  return {{"model", cost.model},
          {"total_usd", cost.total_usd},
          {"breakdown_usd", cost_items_to_json(cost_breakdown_items(cost))},
          {"spent_on_usd", cost_items_to_json(cost_spent_on_items(cost))},
          {"usd_per_delivered_pflop_day", optional_number(cost.usd_per_delivered_pflop_day)},
          {"usd_per_allocated_ppu_hour", optional_number(cost.usd_per_allocated_ppu_hour)},
          {"usd_per_available_ppu_hour", optional_number(cost.usd_per_available_ppu_hour)}};
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
                    {"chargeback_usd", t.chargeback_usd},
                    {"mean_allocated_ppus_by_bin", t.mean_allocated_ppus_by_bin}});
  }
  return rows;
}

json pools_to_json(const std::vector<ReportPool>& pools) {
  json rows = json::array();
  for (const ReportPool& p : pools) {
    rows.push_back({{"name", p.name},
                    {"chip", p.chip},
                    {"nodes", p.nodes},
                    {"ppus", p.ppus},
                    {"jobs", p.jobs},
                    {"allocated_utilization", p.allocated_utilization},
                    {"busy_utilization", p.busy_utilization},
                    {"queueing_delay_s", distribution_to_json(p.queueing_delay_s)}});
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

json service_to_json(const ServiceReport& s) {
  const ServiceRequestCounts& requests = s.requests;
  const ServiceReplicasReport& replicas = s.replicas;
  return {{"name", s.name},
          {"ppus_per_replica", s.ppus_per_replica},
          {"routing", s.routing},
          {"autoscaling", s.autoscaling},
          {"requests",
           {{"in_source", requests.in_source},
            {"arrived", requests.arrived},
            {"completed", requests.completed},
            {"dropped", requests.dropped},
            {"unfinished_at_end", requests.unfinished_at_end},
            {"retried_after_interruption", requests.retried_after_interruption}}},
          {"ttft_s", distribution_to_json(s.ttft_s)},
          {"tpot_s", distribution_to_json(s.tpot_s)},
          {"latency_s", distribution_to_json(s.latency_s)},
          {"throughput",
           {{"output_tokens_per_s", s.throughput.output_tokens_per_s},
            {"prompt_tokens_per_s", s.throughput.prompt_tokens_per_s},
            {"completed_requests_per_s", s.throughput.completed_requests_per_s}}},
          {"slo",
           {{"ttft_s", optional_number(s.slo.ttft_s)},
            {"tpot_s", optional_number(s.slo.tpot_s)},
            {"ttft_attainment", optional_number(s.slo.ttft_attainment)},
            {"tpot_attainment", optional_number(s.slo.tpot_attainment)},
            {"attainment", optional_number(s.slo.attainment)}}},
          {"replicas",
           {{"started", replicas.started},
            {"interruptions", replicas.interruptions},
            {"ppu_hours", replicas.ppu_hours},
            {"busy_ppu_hours", replicas.busy_ppu_hours},
            {"mean_serving", replicas.mean_serving},
            {"max_serving", replicas.max_serving},
            {"serving_over_time", {{"t_s", replicas.serving_t_s}, {"count", replicas.serving_count}}}}},
          {"iterations", s.iterations}};
}

/// The time series without the failures timeline, as schema 1 had it.
json time_series_utilization_to_json(const ReportTimeSeries& series) {
  return {{"interval_s", series.interval_s},
          {"start_s", series.start_s},
          {"utilization_allocated", series.utilization_allocated},
          {"utilization_busy", series.utilization_busy},
          {"utilization_delivered_flops", series.utilization_delivered_flops},
          {"mean_queued_jobs", series.mean_queued_jobs}};
}

}  // namespace

json cost_items_to_json(const std::vector<CostItem>& items) {
  json object = json::object();
  for (const CostItem& item : items) object[item.key] = item.usd;
  return object;
}

json distribution_to_json(const Distribution& d) {
  return {{"count", d.count}, {"mean", d.mean}, {"p50", d.p50},
          {"p90", d.p90},     {"p99", d.p99},   {"max", d.max}};
}

json time_series_to_json(const ReportTimeSeries& series) {
  json section = time_series_utilization_to_json(series);
  section["component_failures"] = series.component_failures;
  section["interruptions_hardware"] = series.interruptions_hardware;
  section["interruptions_network"] = series.interruptions_network;
  section["interruptions_preemption"] = series.interruptions_preemption;
  if (!series.storage_read_bytes_per_s.empty())
    section["storage_read_bytes_per_s"] = series.storage_read_bytes_per_s;
  return section;
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
  if (r.sections.training_speed) {
    report["training_speed"] = {{"jobs_by_speed_source",
                                 {{"step-model", r.training_speed.jobs_from_step_model},
                                  {"mfu-override", r.training_speed.jobs_from_mfu_override},
                                  {"family-default", r.training_speed.jobs_from_family_default}}},
                                {"mfu_weighted_by_ppu_hours",
                                 {{"mean", r.training_speed.mfu_mean}, {"p50", r.training_speed.mfu_p50}}}};
  }
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
  if (r.sections.setup) report["setup"] = setup_to_json(r.setup);
  if (r.sections.failures) report["failures"] = failures_to_json(r.failures);
  report["engine"] = {{"network_jobs", r.engine.network_jobs},
                      {"local_jobs", r.engine.local_jobs},
                      {"segments", r.engine.segments},
                      {"flows", r.engine.flows},
                      {"scheduling_passes", r.engine.scheduling_passes}};
  report["time_series"] = r.sections.failures_timeline ? time_series_to_json(r.time_series)
                                                       : time_series_utilization_to_json(r.time_series);
  if (r.storage) report["storage"] = storage_to_json(*r.storage);
  // Only with tenants, so that reports of scenarios without them stay as they were.
  if (!r.tenants.empty()) report["tenants"] = tenants_to_json(r.tenants);
  // Only with several pools, so that reports of one-pool clusters stay as they were.
  if (!r.pools.empty()) report["pools"] = pools_to_json(r.pools);
  if (!r.services.empty()) {
    json& services = report["services"] = json::array();
    for (const ServiceReport& service : r.services) services.push_back(service_to_json(service));
  }
  return report;
}

// ---- reading back ----------------------------------------------------------------------

namespace {

// Each reader takes the JsonReader of its section, so a missing or mistyped field is an
// InputError naming the file and the JSON path ("report.json: /utilization/busy: missing,
// expected a number").

const IntegerRange kCount = IntegerRange::non_negative();

/// A child reader for the value at `key`, which need not be an object (an array element).
JsonReader child(const JsonReader& parent, const json& value, std::string_view key) {
  return JsonReader(value, parent.source(), parent.path_of(key));
}

const json& array_at(JsonReader& r, std::string_view key) {
  if (!r.has(key) || !r.value()[std::string(key)].is_array()) r.fail_found(key, "an array");
  return r.value()[std::string(key)];
}

template <typename T>
std::vector<T> numbers(JsonReader& r, std::string_view key) {
  const json& list = array_at(r, key);
  std::vector<T> out;
  out.reserve(list.size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    const bool fits = std::is_integral_v<T> ? list[i].is_number_integer() : list[i].is_number();
    if (!fits) {
      child(r, list[i], key)
          .fail_at(std::to_string(i),
                   "found " + JsonReader::describe_value(list[i], true) +
                       (std::is_integral_v<T> ? ", expected an integer" : ", expected a number"));
    }
    out.push_back(list[i].get<T>());
  }
  return out;
}

std::map<std::string, long long> counts(JsonReader& r, std::string_view key) {
  JsonReader section = r.object(key);
  std::map<std::string, long long> out;
  for (const auto& entry : section.value().items()) out[entry.key()] = section.integer(entry.key(), kCount);
  return out;
}

Distribution distribution_from_json(JsonReader r) {
  Distribution out;
  out.count = static_cast<std::size_t>(r.integer("count", kCount));
  out.mean = r.number("mean");
  out.p50 = r.number("p50");
  out.p90 = r.number("p90");
  out.p99 = r.number("p99");
  out.max = r.number("max");
  return out;
}

/// A field written as a number or as null (a ratio without a denominator): present either way.
std::optional<double> nullable(JsonReader& r, std::string_view key) {
  if (!r.value().contains(key)) r.fail_found(key, "a number or null");
  return r.optional_number(key);
}

ReportStorage storage_from_json(JsonReader j) {
  ReportStorage storage;
  storage.streaming_jobs = j.integer("streaming_jobs", kCount);
  storage.input_wait_ppu_hours = j.number("input_wait_ppu_hours");
  storage.input_wait_share_of_allocated_ppu_time = j.number("input_wait_share_of_allocated_ppu_time");
  JsonReader bytes = j.object("bytes_read");
  storage.store_bytes_read = bytes.number("store");
  storage.object_store_bytes_read = bytes.number("object_store");
  storage.node_cache_bytes_read = bytes.number("node_cache");
  storage.cache_hit_ratio = nullable(j, "cache_hit_ratio");
  storage.datasets_evicted = j.integer("datasets_evicted", kCount);
  return storage;
}

ReportJobs jobs_from_json(JsonReader j) {
  ReportJobs jobs;
  jobs.in_workload = j.integer("in_workload", kCount);
  jobs.submitted = j.integer("submitted", kCount);
  jobs.finished = j.integer("finished", kCount);
  jobs.rejected = j.integer("rejected", kCount);
  jobs.running_at_end = j.integer("running_at_end", kCount);
  jobs.queued_at_end = j.integer("queued_at_end", kCount);
  jobs.not_arrived_at_end = j.integer("not_arrived_at_end", kCount);
  jobs.skipped_trace_rows = j.integer("skipped_trace_rows", kCount);
  jobs.rejected_reasons = counts(j, "rejected_reasons");
  jobs.queueing_delay_s = distribution_from_json(j.object("queueing_delay_s"));
  jobs.completion_time_s = distribution_from_json(j.object("completion_time_s"));
  jobs.fixed_duration_jobs = j.optional_integer("fixed_duration_jobs", kCount);
  jobs.converted_duration_jobs = j.optional_integer("converted_duration_jobs", kCount);
  return jobs;
}

/// `older`: a schema-1 report, which may lack the items that came with schema 2 (they read 0).
ReportCost cost_from_json(JsonReader j, bool older) {
  JsonReader items = j.object("breakdown_usd");
  ReportCost cost;
  const auto item = [older](JsonReader& r, const char* key) {
    return older ? r.number_or(key, 0) : r.number(key);
  };
  cost.model = j.string("model");
  cost.total_usd = j.number("total_usd");
  cost.capex_compute_usd = items.number("capex_compute");
  cost.capex_network_usd = items.number("capex_network");
  cost.energy_usd = items.number("energy");
  cost.colocation_usd = item(items, "colocation");
  cost.staff_usd = item(items, "staff");
  cost.cloud_bill_usd = item(items, "cloud_bill");
  if (items.has("storage")) cost.storage_usd = items.number("storage");
  if (std::optional<JsonReader> spent =
          older ? j.optional_object("spent_on_usd") : std::optional<JsonReader>(j.object("spent_on_usd"))) {
    cost.spent_computing_usd = item(*spent, "computing");
    cost.spent_on_setup_usd = item(*spent, "setup");
    cost.spent_allocated_not_computing_usd = item(*spent, "allocated_not_computing");
    cost.spent_idle_usd = item(*spent, "idle");
    cost.spent_on_lost_work_usd = item(*spent, "lost_work");
    cost.spent_on_restarts_usd = item(*spent, "restarts");
  }
  cost.usd_per_delivered_pflop_day = nullable(j, "usd_per_delivered_pflop_day");
  cost.usd_per_allocated_ppu_hour = nullable(j, "usd_per_allocated_ppu_hour");
  cost.usd_per_available_ppu_hour = nullable(j, "usd_per_available_ppu_hour");
  return cost;
}

ReportSetup setup_from_json(JsonReader j) {
  JsonReader stages = j.object("stages_s");
  ReportSetup setup;
  setup.jobs_through_setup = j.integer("jobs_through_setup", kCount);
  setup.queueing_s = distribution_from_json(stages.object("queueing"));
  setup.provisioning_s = distribution_from_json(stages.object("provisioning"));
  setup.image_pull_s = distribution_from_json(stages.object("image_pull"));
  setup.dataset_staging_s = distribution_from_json(stages.object("dataset_staging"));
  setup.checkpoint_load_s = distribution_from_json(stages.object("checkpoint_load"));
  setup.framework_init_s = distribution_from_json(stages.object("framework_init"));
  setup.total_s = distribution_from_json(stages.object("total"));
  setup.setup_ppu_hours = j.number("setup_ppu_hours");
  setup.share_of_allocated_ppu_time = j.number("share_of_allocated_ppu_time");
  return setup;
}

std::vector<ReportTenant> tenants_from_json(JsonReader& report) {
  std::vector<ReportTenant> tenants;
  const json& rows = array_at(report, "tenants");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    JsonReader row(rows[i], report.source(), report.path_of("tenants") + "/" + std::to_string(i));
    row.require_object();
    ReportTenant t;
    t.name = row.string("name");
    t.guaranteed_ppus = row.integer("guaranteed_ppus", kCount);
    t.burst_ppus = row.integer("burst_ppus", kCount);
    t.jobs = row.integer("jobs", kCount);
    t.finished = row.integer("finished", kCount);
    t.queueing_delay_s = distribution_from_json(row.object("queueing_delay_s"));
    t.completion_time_s = distribution_from_json(row.object("completion_time_s"));
    t.allocated_ppu_hours = row.number("allocated_ppu_hours");
    t.allocated_share = row.number("allocated_share");
    t.mean_allocated_ppus = row.number("mean_allocated_ppus");
    t.mean_borrowed_ppus = row.number("mean_borrowed_ppus");
    t.preemptions = row.integer("preemptions", kCount);
    t.preempted_lost_ppu_hours = row.number("preempted_lost_ppu_hours");
    t.chargeback_usd = row.number("chargeback_usd");
    // Added with quota usage over time: a report.json written before it reads without.
    if (row.has("mean_allocated_ppus_by_bin"))
      t.mean_allocated_ppus_by_bin = numbers<double>(row, "mean_allocated_ppus_by_bin");
    tenants.push_back(std::move(t));
  }
  return tenants;
}

std::vector<ReportPool> pools_from_json(JsonReader& report) {
  std::vector<ReportPool> pools;
  const json& rows = array_at(report, "pools");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    JsonReader row(rows[i], report.source(), report.path_of("pools") + "/" + std::to_string(i));
    row.require_object();
    ReportPool p;
    p.name = row.string("name");
    p.chip = row.string("chip");
    p.nodes = row.integer("nodes", kCount);
    p.ppus = row.integer("ppus", kCount);
    p.jobs = row.integer("jobs", kCount);
    p.allocated_utilization = row.number("allocated_utilization");
    p.busy_utilization = row.number("busy_utilization");
    p.queueing_delay_s = distribution_from_json(row.object("queueing_delay_s"));
    pools.push_back(std::move(p));
  }
  return pools;
}

ReportFailures failures_from_json(JsonReader j) {
  JsonReader lost = j.object("lost_ppu_hours");
  ReportFailures failures;
  failures.enabled = j.boolean("enabled");
  failures.component_failures = counts(j, "component_failures");
  failures.interruptions = j.integer("interruptions", kCount);
  failures.interruptions_by_cause = counts(j, "interruptions_by_cause");
  failures.lost_ppu_hours = {lost.number("lost_work"), lost.number("restart_hold"),
                             lost.number("restart_setup"), lost.number("total")};
  failures.checkpoint_write_ppu_hours = j.number("checkpoint_write_ppu_hours");
  failures.lost_flops = j.number("lost_flops");
  failures.effective_training_time_ratio = j.number("effective_training_time_ratio");
  failures.goodput_flops_per_s = j.number("goodput_flops_per_s");
  return failures;
}

/// `older`: a schema-1 report, whose time series has no failures timeline.
ReportTimeSeries time_series_from_json(JsonReader j, bool older, ReportSections& sections) {
  ReportTimeSeries series;
  series.interval_s = j.number("interval_s");
  series.start_s = numbers<double>(j, "start_s");
  series.utilization_allocated = numbers<double>(j, "utilization_allocated");
  series.utilization_busy = numbers<double>(j, "utilization_busy");
  series.utilization_delivered_flops = numbers<double>(j, "utilization_delivered_flops");
  series.mean_queued_jobs = numbers<double>(j, "mean_queued_jobs");
  if (older && !j.has("interruptions_hardware")) {
    sections.failures_timeline = false;
    return series;
  }
  series.component_failures = numbers<long long>(j, "component_failures");
  series.interruptions_hardware = numbers<long long>(j, "interruptions_hardware");
  series.interruptions_network = numbers<long long>(j, "interruptions_network");
  series.interruptions_preemption = numbers<long long>(j, "interruptions_preemption");
  if (j.has("storage_read_bytes_per_s"))
    series.storage_read_bytes_per_s = numbers<double>(j, "storage_read_bytes_per_s");
  return series;
}

ServiceReport service_from_json(JsonReader j) {
  ServiceReport s;
  s.name = j.string("name");
  s.ppus_per_replica = j.integer("ppus_per_replica", IntegerRange::positive());
  s.routing = j.string("routing");
  s.autoscaling = j.boolean("autoscaling");
  JsonReader requests = j.object("requests");
  s.requests = {
      requests.integer("in_source", kCount),         requests.integer("arrived", kCount),
      requests.integer("completed", kCount),         requests.integer("dropped", kCount),
      requests.integer("unfinished_at_end", kCount), requests.integer("retried_after_interruption", kCount)};
  s.ttft_s = distribution_from_json(j.object("ttft_s"));
  s.tpot_s = distribution_from_json(j.object("tpot_s"));
  s.latency_s = distribution_from_json(j.object("latency_s"));
  JsonReader throughput = j.object("throughput");
  s.throughput = {throughput.number("output_tokens_per_s"), throughput.number("prompt_tokens_per_s"),
                  throughput.number("completed_requests_per_s")};
  JsonReader slo = j.object("slo");
  s.slo = {nullable(slo, "ttft_s"), nullable(slo, "tpot_s"), nullable(slo, "ttft_attainment"),
           nullable(slo, "tpot_attainment"), nullable(slo, "attainment")};
  JsonReader replicas = j.object("replicas");
  JsonReader serving = replicas.object("serving_over_time");
  s.replicas = {replicas.integer("started", kCount), replicas.integer("interruptions", kCount),
                replicas.number("ppu_hours"),        replicas.number("busy_ppu_hours"),
                replicas.number("mean_serving"),     replicas.integer("max_serving", kCount),
                numbers<double>(serving, "t_s"),     numbers<long long>(serving, "count")};
  s.iterations = j.integer("iterations", kCount);
  return s;
}

}  // namespace

Report report_from_json(const json& document, const std::string& source, const std::string& path) {
  JsonReader j(document, source, path);
  j.require_object();
  const std::int64_t version = j.integer("schema_version", IntegerRange::between(1, kReportSchemaVersion));
  const bool older = version < kReportSchemaVersion;
  Report r;
  r.schema_version = static_cast<int>(version);
  r.ppusim_version = j.string("ppusim_version");
  JsonReader scenario = j.object("scenario");
  r.scenario = {scenario.string("name"),          scenario.optional_unsigned("seed").value_or(0),
                scenario.string("ppu"),           scenario.integer("nodes", kCount),
                scenario.integer("ppus", kCount), scenario.string("scheduler"),
                scenario.string("placement")};
  if (!scenario.has("seed")) scenario.fail_found("seed", "a non-negative integer");
  JsonReader topology = j.object("topology");
  r.topology = {topology.string("kind"),
                topology.integer("leaves", kCount),
                topology.integer("pods", kCount),
                topology.integer("leaf_uplinks", kCount),
                topology.number("leaf_uplink_bandwidth_bytes_per_s"),
                topology.integer("pod_uplinks", kCount),
                topology.number("pod_uplink_bandwidth_bytes_per_s")};
  r.window_s = j.number("window_s");
  r.interrupted_at_s = nullable(j, "interrupted_at_s");
  r.jobs = jobs_from_json(j.object("jobs"));
  // training_speed came while schema 2 stood: a schema-2 report may lack it too (the CI
  // baseline, tests/data/ci-baseline.json, does).
  if (std::optional<JsonReader> speed = j.optional_object("training_speed")) {
    JsonReader sources = speed->object("jobs_by_speed_source");
    JsonReader mfu = speed->object("mfu_weighted_by_ppu_hours");
    r.training_speed = {sources.integer(speed_source_name(SpeedSource::StepModel), kCount),
                        sources.integer(speed_source_name(SpeedSource::MfuOverride), kCount),
                        sources.integer(speed_source_name(SpeedSource::FamilyDefault), kCount),
                        mfu.number("mean"), mfu.number("p50")};
  } else {
    r.sections.training_speed = false;
  }
  JsonReader util = j.object("utilization");
  r.utilization = {util.number("allocated"), util.number("busy"), util.number("delivered_flops")};
  JsonReader work = j.object("work");
  r.work = {work.number("allocated_ppu_hours"), work.number("busy_ppu_hours"), work.number("delivered_flops"),
            work.number("delivered_pflop_days")};
  JsonReader energy = j.object("energy");
  r.energy = {
      energy.number("it_kwh"),       energy.number("facility_kwh"),       energy.number("host_kwh"),
      energy.number("ppu_idle_kwh"), energy.number("ppu_busy_extra_kwh"), energy.number("mean_it_power_w")};
  r.cost = cost_from_json(j.object("cost"), older);
  if (std::optional<JsonReader> setup =
          older ? j.optional_object("setup") : std::optional<JsonReader>(j.object("setup"))) {
    r.setup = setup_from_json(*setup);
  } else {
    r.sections.setup = false;
  }
  if (std::optional<JsonReader> failures =
          older ? j.optional_object("failures") : std::optional<JsonReader>(j.object("failures"))) {
    r.failures = failures_from_json(*failures);
  } else {
    r.sections.failures = false;
  }
  JsonReader engine = j.object("engine");
  r.engine = {engine.integer("network_jobs", kCount), engine.integer("local_jobs", kCount),
              engine.integer("segments", kCount), engine.integer("flows", kCount),
              engine.integer("scheduling_passes", kCount)};
  r.time_series = time_series_from_json(j.object("time_series"), older, r.sections);
  if (std::optional<JsonReader> storage = j.optional_object("storage"))
    r.storage = storage_from_json(*storage);
  if (j.has("tenants")) r.tenants = tenants_from_json(j);
  if (j.has("pools")) r.pools = pools_from_json(j);
  if (j.has("services")) {
    const json& services = array_at(j, "services");
    for (std::size_t i = 0; i < services.size(); ++i) {
      JsonReader service(services[i], source, j.path_of("services") + "/" + std::to_string(i));
      service.require_object();
      r.services.push_back(service_from_json(service));
    }
  }
  return r;
}

}  // namespace ppusim
