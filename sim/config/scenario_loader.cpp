#include "sim/config/scenario_loader.hpp"

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "sim/config/catalog_reference.hpp"
#include "sim/config/duration_reader.hpp"
#include "sim/config/extension_names.hpp"
#include "sim/config/generator_distributions_loader.hpp"
#include "sim/config/hardware_block_loader.hpp"
#include "sim/config/plausible_bounds.hpp"
#include "sim/config/pool_loader.hpp"
#include "sim/config/tenant_loader.hpp"
#include "sim/config/topology_loader.hpp"
#include "sim/core/input_error.hpp"
#include "sim/core/json_reader.hpp"
#include "sim/failures/failure_config.hpp"
#include "sim/failures/failure_process.hpp"
#include "sim/hardware/hardware_catalog.hpp"
#include "sim/inference/service_loader.hpp"
#include "workloads/chip_family_efficiency.hpp"
#include "workloads/importers/format_registry.hpp"

namespace ppusim {

namespace {

// Counts that end up in an `int` field are capped at INT_MAX so the conversion is exact.
constexpr std::int64_t kIntMax = INT_MAX;

// The name becomes the default output folder and appears in report file names, so it is
// kept to characters that are safe in a path on every platform.
std::string read_name(JsonReader& root) {
  std::string name = root.string("name");
  const bool safe = name.front() != '.' && std::all_of(name.begin(), name.end(), [](unsigned char c) {
                      return std::isalnum(c) || c == '.' || c == '_' || c == '-';
                    });
  if (!safe) root.fail_found("name", "a name of letters, digits, '.', '_' and '-' not starting with '.'");
  return name;
}

ObjectStoreSpec read_object_store(JsonReader r) {
  r.allow_only(
      {"capacity_bytes", "bandwidth_bytes_per_s", "requests_per_s", "request_bytes", "usd_per_gb_month"});
  ObjectStoreSpec store;
  store.capacity_bytes = r.number("capacity_bytes", plausible::storage_bytes());
  store.bandwidth_bytes_per_s = r.number("bandwidth_bytes_per_s", plausible::aggregate_bytes_per_s());
  store.requests_per_s = r.number("requests_per_s", plausible::requests_per_s());
  // 16 MiB ranged GETs: the part size large-object readers use (docs/config.md, assumption).
  store.request_bytes = r.number_or("request_bytes", 16.0 * 1024 * 1024, plausible::request_bytes());
  store.usd_per_gb_month = r.number_or("usd_per_gb_month", 0, plausible::usd_per_gb_month());
  r.finish();
  return store;
}

NodeCacheSpec read_node_cache(JsonReader r) {
  r.allow_only({"capacity_bytes", "bandwidth_bytes_per_s", "usd_per_gb_month"});
  NodeCacheSpec cache;
  cache.capacity_bytes = r.number("capacity_bytes", plausible::storage_bytes());
  cache.bandwidth_bytes_per_s = r.number("bandwidth_bytes_per_s", plausible::link_bytes_per_s());
  cache.usd_per_gb_month = r.number_or("usd_per_gb_month", 0, plausible::usd_per_gb_month());
  r.finish();
  return cache;
}

std::vector<DatasetSpec> read_datasets(JsonReader& r) {
  std::vector<DatasetSpec> datasets;
  r.ignore("datasets");
  if (!r.value().contains("datasets") || r.value()["datasets"].is_null()) return datasets;
  const nlohmann::json& list = r.value()["datasets"];
  const std::string path = r.path_of("datasets");
  if (!list.is_array()) {
    throw InputError(r.source() + ": " + path + ": found " + JsonReader::describe_value(list, true) +
                     ", expected an array of {\"name\", \"bytes\"} objects");
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    JsonReader d(list[i], r.source(), path + "/" + std::to_string(i));
    d.allow_only({"name", "bytes"});
    DatasetSpec dataset{d.string("name"), d.number("bytes", plausible::storage_bytes())};
    for (const DatasetSpec& earlier : datasets) {
      if (earlier.name == dataset.name) d.fail_found("name", "a name no other dataset has");
    }
    d.finish();
    datasets.push_back(std::move(dataset));
  }
  return datasets;
}

/// Every dataset lives in its home tier: the object store when there is one, else the shared
/// store. A dataset (or all of them) larger than the home's capacity cannot be held anywhere.
void check_datasets_fit(JsonReader& r, const StorageSpec& storage) {
  std::optional<double> capacity;
  std::string capacity_path;
  if (storage.object_store) {
    capacity = storage.object_store->capacity_bytes;
    capacity_path = r.path_of("object_store") + "/capacity_bytes";
  } else if (storage.capacity_bytes) {
    capacity = storage.capacity_bytes;
    capacity_path = r.path_of("capacity_bytes");
  }
  if (!capacity) return;
  const std::string home = storage.object_store ? "the object store" : "the shared store";
  const std::string limit = JsonReader::format_number(*capacity) + " bytes, the capacity of " + home + " (" +
                            capacity_path + "), the tier that holds every dataset";
  double total = 0;
  for (std::size_t i = 0; i < storage.datasets.size(); ++i) {
    const DatasetSpec& dataset = storage.datasets[i];
    if (dataset.bytes > *capacity) {
      throw InputError(r.source() + ": " + r.path_of("datasets") + "/" + std::to_string(i) +
                       "/bytes: found " + JsonReader::format_number(dataset.bytes) + " (dataset \"" +
                       dataset.name + "\"), expected at most " + limit);
    }
    total += dataset.bytes;
  }
  if (total > *capacity) {
    throw InputError(r.source() + ": " + r.path_of("datasets") + ": found datasets of " +
                     JsonReader::format_number(total) + " bytes in all, expected at most " + limit);
  }
}

StorageSpec read_storage(JsonReader r) {
  r.allow_only({"aggregate_bandwidth_bytes_per_s", "per_client_bandwidth_bytes_per_s", "latency_s",
                "capacity_bytes", "usd_per_gb_month", "object_store", "node_cache", "datasets"});
  StorageSpec storage;
  storage.aggregate_bandwidth_bytes_per_s =
      r.number("aggregate_bandwidth_bytes_per_s", plausible::aggregate_bytes_per_s());
  storage.per_client_bandwidth_bytes_per_s =
      r.number("per_client_bandwidth_bytes_per_s", plausible::link_bytes_per_s());
  storage.latency_s = r.number_or("latency_s", 0, plausible::latency());
  storage.capacity_bytes = r.optional_number("capacity_bytes", plausible::storage_bytes());
  storage.usd_per_gb_month = r.number_or("usd_per_gb_month", 0, plausible::usd_per_gb_month());
  if (auto object_store = r.optional_object("object_store"))
    storage.object_store = read_object_store(*object_store);
  if (auto node_cache = r.optional_object("node_cache")) storage.node_cache = read_node_cache(*node_cache);
  storage.datasets = read_datasets(r);
  check_datasets_fit(r, storage);
  r.finish();
  return storage;
}

/// scheduler.priority: the multifactor weights of the `priority` policy (docs/models.md, l).
void read_priority_weights(JsonReader r, SchedulerSpec& scheduler) {
  r.allow_only({"age_weight", "fair_share_weight", "tenant_weight", "max_age_s", "fair_share_half_life_s",
                "fair_share"});
  const NumberRange weight = NumberRange::non_negative().at_most(1e9);
  scheduler.age_weight = r.number_or("age_weight", scheduler.age_weight, weight);
  scheduler.fair_share_weight = r.number_or("fair_share_weight", scheduler.fair_share_weight, weight);
  scheduler.tenant_weight = r.number_or("tenant_weight", scheduler.tenant_weight, weight);
  scheduler.max_age_s = r.number_or("max_age_s", scheduler.max_age_s, plausible::duration());
  scheduler.fair_share_half_life_s =
      r.number_or("fair_share_half_life_s", scheduler.fair_share_half_life_s, plausible::duration());
  scheduler.fair_share = r.choice_or<FairShareModel>("fair_share", scheduler.fair_share, kFairShareNames);
  if (scheduler.fair_share != FairShareModel::Classic && scheduler.policy != SchedulingPolicy::Priority) {
    // Only the priority policy has a fair-share factor: DRF asked of another policy would
    // silently do nothing.
    r.fail_found("fair_share", "\"classic\" with /scheduler/policy \"" +
                                   std::string(name_of(kSchedulingPolicyNames, scheduler.policy)) +
                                   "\": only the \"priority\" policy weighs tenants by fair share");
  }
  r.finish();
}

SchedulerSpec read_scheduler(JsonReader r) {
  r.allow_only({"policy", "placement", "backfill_depth", "priority", "pool_choice", "span_pools"});
  SchedulerSpec scheduler;
  scheduler.policy = r.choice_or<SchedulingPolicy>("policy", scheduler.policy, kSchedulingPolicyNames);
  scheduler.placement = r.choice_or<PlacementPolicy>("placement", scheduler.placement, kPlacementNames);
  scheduler.backfill_depth = static_cast<int>(
      r.integer_or("backfill_depth", scheduler.backfill_depth, IntegerRange::positive().at_most(kIntMax)));
  if (auto block = r.optional_object("priority")) read_priority_weights(*block, scheduler);
  scheduler.pool_choice =
      r.choice_or<PoolPreference>("pool_choice", scheduler.pool_choice, kPoolPreferenceNames);
  if (scheduler.pool_choice == PoolPreference::LeastFragmenting &&
      scheduler.placement != PlacementPolicy::Fgd) {
    r.fail_found("pool_choice",
                 "a pool choice other than \"least-fragmenting\" with /scheduler/placement \"" +
                     std::string(name_of(kPlacementNames, scheduler.placement)) +
                     "\" (it compares pools by FGD's measure: set placement \"fgd\")");
  }
  scheduler.span_pools = r.boolean_or("span_pools", scheduler.span_pools);
  r.finish();
  return scheduler;
}

GeneratorSpec read_generator(JsonReader r, const std::string& source_path) {
  r.allow_only({"jobs", "duration_s", "min_ppus", "max_ppus", "size_alpha", "median_runtime_s",
                "runtime_sigma", "max_runtime_s", "model_jobs_min_ppus", "arrival", "size", "runtime",
                "classes", "reference_ppu"});
  GeneratorSpec g;  // its member initializers are the documented defaults
  const auto count = IntegerRange::positive().at_most(kIntMax);
  g.jobs = r.integer("jobs", IntegerRange::positive());
  g.duration_s = r.number("duration_s", plausible::duration());
  g.min_ppus = static_cast<int>(r.integer_or("min_ppus", g.min_ppus, count));
  g.max_ppus = static_cast<int>(r.integer_or("max_ppus", g.max_ppus, count));
  if (g.max_ppus < g.min_ppus) {
    r.fail_found("max_ppus",
                 "an integer >= " + r.path_of("min_ppus") + " (" + std::to_string(g.min_ppus) + ")");
  }
  // Job sizes are powers of two in [min_ppus, max_ppus]; with none in range no job can be
  // drawn. (max_ppus above the cluster size is fine: such jobs are rejected at run time.)
  std::int64_t power = 1;
  while (power < g.min_ppus) power *= 2;
  if (power > g.max_ppus) {
    r.fail_found("max_ppus", "an integer >= " + std::to_string(power) +
                                 " (job sizes are powers of two, and that is the smallest one >= " +
                                 r.path_of("min_ppus") + ")");
  }
  g.size_alpha = r.number_or("size_alpha", g.size_alpha, NumberRange::non_negative().at_most(100));
  g.median_runtime_s = r.number_or("median_runtime_s", g.median_runtime_s, plausible::duration());
  g.runtime_sigma = r.number_or("runtime_sigma", g.runtime_sigma, NumberRange::non_negative().at_most(10));
  g.max_runtime_s = r.number_or("max_runtime_s", g.max_runtime_s, plausible::duration());
  g.model_jobs_min_ppus = static_cast<int>(r.integer_or("model_jobs_min_ppus", g.model_jobs_min_ppus, count));
  // The chip whose peak turns a drawn run time into work (docs/workloads.md, "Work units").
  g.reference_ppu = r.string_or("reference_ppu", g.reference_ppu);
  if (hardware_catalog().find_chip(g.reference_ppu) == nullptr) {
    r.fail_found("reference_ppu",
                 expected_catalog_name("chip", g.reference_ppu, hardware_catalog().chip_names()));
  }
  read_generator_distributions(r, source_path, g);
  r.finish();
  return g;
}

/// workload.overlap: the jobs' default communication overlap (docs/models.md, section k).
CommunicationOverlap read_overlap(JsonReader r) {
  r.allow_only({"tensor_parallel", "pipeline_p2p", "data_parallel"});
  CommunicationOverlap overlap;
  overlap.tensor_parallel = r.boolean_or("tensor_parallel", overlap.tensor_parallel);
  overlap.pipeline_p2p = r.boolean_or("pipeline_p2p", overlap.pipeline_p2p);
  if (const std::optional<std::string> name = r.optional_string("data_parallel")) {
    const std::optional<DataParallelOverlap> setting = data_parallel_overlap_named(*name);
    if (!setting) r.fail_found("data_parallel", kDataParallelOverlapNames);
    overlap.data_parallel = *setting;
  }
  r.finish();
  return overlap;
}

/// workload.format: a job trace format (the request and cluster formats are not workloads).
void read_trace_format(JsonReader& r, WorkloadSpec& workload) {
  workload.trace_format = r.string_or("format", workload.trace_format);
  std::string names;
  bool found = false;
  for (const TraceFormat& format : trace_formats()) {
    if (format.kind != TraceKind::Jobs) continue;
    names += (names.empty() ? "" : ", ") + std::string(format.name);
    found = found || format.name == workload.trace_format;
  }
  if (!found) r.fail_found("format", "a job trace format: one of " + names);
  workload.arrival_rate_per_s = r.optional_number("arrival_rate_per_s", plausible::rate_per_s());
}

WorkloadSpec read_workload(JsonReader r, const std::string& source_path) {
  r.allow_only({"trace", "format", "arrival_rate_per_s", "generator", "skip_bad_rows",
                "model_flops_utilization", "gradient_bytes_per_parameter", "default_global_batch_tokens",
                "overlap"});
  const bool has_trace = r.has("trace");
  const bool has_generator = r.has("generator");
  if (has_trace && has_generator)
    r.fail("found both \"trace\" and \"generator\", expected exactly one of them");
  if (!has_trace && !has_generator)
    r.fail("found neither \"trace\" nor \"generator\", expected exactly one of them");
  WorkloadSpec workload;
  if (has_trace) {
    // Relative to the scenario file, so that a scenario and its trace can move together.
    const std::filesystem::path trace = r.string("trace");
    const std::filesystem::path base = std::filesystem::path(source_path).parent_path();
    workload.trace_path = (trace.is_absolute() ? trace : (base / trace).lexically_normal()).string();
    read_trace_format(r, workload);
  } else {
    for (const char* key : {"format", "arrival_rate_per_s"}) {
      if (r.has(key)) r.fail_at(key, "found with a generator, expected only with a \"trace\"");
    }
    workload.generator = read_generator(r.object("generator"), source_path);
  }
  workload.skip_bad_rows = r.boolean_or("skip_bad_rows", workload.skip_bad_rows);
  workload.model_flops_utilization_given = r.has("model_flops_utilization");
  workload.model_flops_utilization = r.number_or("model_flops_utilization", workload.model_flops_utilization,
                                                 NumberRange::above(0).at_most(1));
  workload.gradient_bytes_per_parameter =
      r.number_or("gradient_bytes_per_parameter", workload.gradient_bytes_per_parameter,
                  NumberRange::positive().at_most(64));
  workload.default_global_batch_tokens =
      r.number_or("default_global_batch_tokens", workload.default_global_batch_tokens,
                  NumberRange::at_least(1).at_most(1e15));
  if (std::optional<JsonReader> overlap = r.optional_object("overlap")) {
    workload.overlap = read_overlap(std::move(*overlap));
  }
  r.finish();
  return workload;
}

SimulationSpec read_simulation(std::optional<JsonReader> block, const std::string& name) {
  SimulationSpec simulation;
  simulation.output_dir = "out/" + name;
  if (!block) return simulation;  // every field has a default
  JsonReader& r = *block;
  r.allow_only({"horizon_s", "seed", "output_dir", "time_series_interval_s", "segment_s"});
  simulation.horizon_s = r.optional_number("horizon_s", plausible::duration());
  simulation.seed = r.optional_unsigned("seed").value_or(simulation.seed);
  simulation.output_dir = r.string_or("output_dir", simulation.output_dir);
  simulation.time_series_interval_s =
      r.number_or("time_series_interval_s", simulation.time_series_interval_s, plausible::bin_width());
  simulation.segment_s = r.number_or("segment_s", simulation.segment_s, plausible::bin_width());
  r.finish();
  return simulation;
}

SetupSpec read_setup(JsonReader r) {
  r.allow_only({"provisioning_s", "image_bytes", "registry_bandwidth_bytes_per_s",
                "image_pull_node_bandwidth_bytes_per_s", "image_cache_images", "framework_init_base_s",
                "framework_init_per_node_s"});
  SetupSpec setup;
  if (auto block = r.optional_object("provisioning_s")) setup.provisioning_s = read_duration(*block);
  setup.image_bytes = r.number_or("image_bytes", 0, NumberRange::non_negative().at_most(1e15));
  setup.registry_bandwidth_bytes_per_s =
      r.number_or("registry_bandwidth_bytes_per_s", 0, plausible::optional_bytes_per_s());
  setup.image_pull_node_bandwidth_bytes_per_s =
      r.number_or("image_pull_node_bandwidth_bytes_per_s", 0, plausible::optional_bytes_per_s());
  if (setup.image_bytes > 0 && setup.registry_bandwidth_bytes_per_s == 0 &&
      setup.image_pull_node_bandwidth_bytes_per_s == 0) {
    r.fail(
        "found image_bytes > 0 with neither registry_bandwidth_bytes_per_s nor "
        "image_pull_node_bandwidth_bytes_per_s, expected at least one of them > 0 (else pulls take no time)");
  }
  setup.image_cache_images =
      static_cast<int>(r.integer_or("image_cache_images", 0, IntegerRange::non_negative().at_most(kIntMax)));
  setup.framework_init_base_s = r.number_or("framework_init_base_s", 0, plausible::delay());
  setup.framework_init_per_node_s = r.number_or("framework_init_per_node_s", 0, plausible::delay());
  r.finish();
  return setup;
}

EconomicsSpec read_economics(JsonReader r, int ppus_per_node) {
  EconomicsSpec economics;
  economics.model = r.choice_or<CostModel>("model", CostModel::Owned, kCostModelNames);
  if (economics.model == CostModel::Cloud) {
    r.allow_only(
        {"model", "usd_per_ppu_hour", "billing", "billing_granularity_s", "spot", "staff_usd_per_job"});
    economics.staff_usd_per_job = r.number_or("staff_usd_per_job", 0, plausible::usd_per_job());
    economics.usd_per_ppu_hour = r.number("usd_per_ppu_hour", plausible::usd_per_ppu_hour());
    economics.billing = r.choice_or("billing", CloudBilling::Allocated,
                                    {{"allocated", CloudBilling::Allocated},
                                     {"reserved", CloudBilling::Reserved},
                                     {"spot", CloudBilling::Spot}});
    economics.billing_granularity_s = r.number_or("billing_granularity_s", 1, plausible::duration());
    if (economics.billing == CloudBilling::Spot) {
      economics.spot = read_spot(r.object("spot"));
    } else if (r.has("spot")) {
      r.fail_at("spot", "found a spot block with billing other than \"spot\", expected billing \"spot\"");
    }
    r.finish();
    return economics;
  }
  r.allow_only({"model", "capex_per_node_usd", "network_capex_fraction", "amortization_years",
                "power_price_usd_per_kwh", "pue", "colocation_usd_per_kw_month", "staff_usd_per_node_year",
                "staff_usd_per_job"});
  economics.capex_per_node_usd = r.number("capex_per_node_usd", plausible::capex_per_node_usd());
  // A fraction of 1 would make the network the whole cluster cost: capex / (1 - f) diverges.
  economics.network_capex_fraction =
      r.number_or("network_capex_fraction", 0, NumberRange::at_least(0).below(1));
  economics.amortization_years = r.number("amortization_years", plausible::amortization_years());
  economics.power_price_usd_per_kwh = r.number("power_price_usd_per_kwh", plausible::usd_per_kwh());
  economics.pue = r.number("pue", plausible::pue());
  economics.colocation_usd_per_kw_month =
      r.number_or("colocation_usd_per_kw_month", 0, plausible::usd_per_kw_month());
  // Default: the assumption of cost_breakdown.hpp, per PPU-year, times the node's PPUs.
  economics.staff_usd_per_node_year = r.number_or(
      "staff_usd_per_node_year", kDefaultStaffUsdPerPpuYear * ppus_per_node, plausible::usd_per_node_year());
  economics.staff_usd_per_job = r.number_or("staff_usd_per_job", 0, plausible::usd_per_job());
  r.finish();
  return economics;
}

/// A generator class's `dataset` must be one of `storage.datasets` (read before the workload).
void check_class_datasets(const Scenario& scenario, const std::string& source_path) {
  if (!scenario.workload.generator) return;
  const std::vector<JobClassSpec>& classes = scenario.workload.generator->classes;
  for (std::size_t c = 0; c < classes.size(); ++c) {
    const std::string& dataset = classes[c].dataset;
    if (dataset.empty() || scenario.storage.dataset_index(dataset) >= 0) continue;
    std::string names;
    for (const DatasetSpec& known : scenario.storage.datasets)
      names += (names.empty() ? "" : ", ") + known.name;
    throw InputError(source_path + ": /workload/generator/classes/" + std::to_string(c) +
                     "/dataset: found \"" + dataset + "\", expected a dataset of /storage/datasets (" +
                     (names.empty() ? "the scenario lists none" : names) + ")");
  }
}

}  // namespace

Scenario parse_scenario(const nlohmann::json& document, const std::string& source_path) {
  JsonReader root(document, source_path);
  // A sweep or plan spec given where a scenario is expected: say what it is, rather than
  // "unknown key" with a "did you mean" that cannot help.
  if (document.is_object() && document.contains("base") && !document.contains("ppu")) {
    throw InputError(source_path +
                     ": found a sweep or plan spec (it has \"base\"), expected a scenario: give it to "
                     "`ppusim sweep` or `ppusim plan cheapest`, or give `validate` its base scenario");
  }
  root.allow_only({"name", "description", "ppu", "node", "cluster", "topology", "storage", "scheduler",
                   "workload", "simulation", "setup", "economics", "services", "failures", "tenants"});
  Scenario scenario;
  scenario.source_path = source_path;
  scenario.name = read_name(root);
  root.optional_string("description", /*non_empty=*/false);  // for people; checked only for type
  // Blocks are read in dependency order: the topology needs the node count, the simulation
  // the name. The cluster is its pools (pool_loader.hpp); `ppu` and `node` are pool 0's.
  scenario.pools = read_pools(root);
  scenario.ppu = scenario.pools.front().ppu;
  scenario.node = scenario.pools.front().node;
  for (const PoolSpec& pool : scenario.pools) scenario.cluster.nodes += pool.nodes;
  scenario.topology = read_topology(root.object("topology"), scenario.cluster, scenario.node);
  scenario.storage = read_storage(root.object("storage"));
  if (auto block = root.optional_object("scheduler")) scenario.scheduler = read_scheduler(*block);
  scenario.workload = read_workload(root.object("workload"), source_path);
  check_class_datasets(scenario, source_path);
  scenario.simulation = read_simulation(root.optional_object("simulation"), scenario.name);
  if (auto block = root.optional_object("setup")) scenario.setup = read_setup(*block);
  scenario.economics = read_economics(root.object("economics"), scenario.node.ppus_per_node);
  scenario.services = read_services(root, scenario);
  if (auto block = root.optional_object("failures")) {
    scenario.failures = read_failures(*block, failure_component_counts(scenario));
  }
  scenario.tenants = read_tenants(root, scenario.pools);
  root.finish();
  return scenario;
}

Scenario load_scenario(const std::string& path) {
  const std::string text = read_text_file(path);
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw InputError(path + ": the file is empty, expected a JSON object");
  }
  return parse_scenario(parse_json_text(text, path), path);
}

}  // namespace ppusim
