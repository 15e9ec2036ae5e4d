#include "sim/inference/service_loader.hpp"

#include <algorithm>
#include <cctype>
#include <climits>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "sim/config/plausible_bounds.hpp"
#include "sim/config/ppu_type_match.hpp"

namespace ppusim {

namespace {

constexpr std::int64_t kIntMax = INT_MAX;

/// Share of HBM the serving engine may use for weights and KV cache (vLLM's default
/// gpu_memory_utilization is 0.9); the rest holds activations and the runtime.
constexpr double kUsableHbmFraction = 0.9;

ServedModel read_model(JsonReader r) {
  r.allow_only({"parameters", "layers", "hidden_size", "kv_heads", "head_dim", "kv_bytes_per_token",
                "precision", "bytes_per_parameter"});
  ServedModel model;
  model.parameters = r.number("parameters", NumberRange::positive());
  model.layers = static_cast<int>(r.integer("layers", IntegerRange::positive().at_most(kIntMax)));
  model.hidden_size = r.number("hidden_size", NumberRange::positive());
  const bool fp8 = r.choice_or("precision", false, {{"bf16", false}, {"fp8", true}});
  model.fp8_compute = fp8;
  // Weights and KV entries are stored at the compute precision unless told otherwise.
  const double element_bytes = fp8 ? 1 : 2;
  model.bytes_per_parameter = r.number_or("bytes_per_parameter", element_bytes, NumberRange::positive());
  if (r.has("kv_bytes_per_token")) {
    if (r.has("kv_heads") || r.has("head_dim"))
      r.fail("found kv_bytes_per_token with kv_heads/head_dim, expected one way of giving the KV size");
    model.kv_bytes_per_token = r.number("kv_bytes_per_token", NumberRange::positive());
  } else {
    const auto heads = r.integer("kv_heads", IntegerRange::positive().at_most(kIntMax));
    const auto head_dim = r.integer("head_dim", IntegerRange::positive().at_most(kIntMax));
    // K and V, in every layer, one vector of head_dim per KV head.
    model.kv_bytes_per_token = 2.0 * model.layers * static_cast<double>(heads) * head_dim * element_bytes;
  }
  r.finish();
  return model;
}

TokenDistribution read_tokens(JsonReader r) {
  r.allow_only({"distribution", "value", "median", "sigma", "min", "max"});
  TokenDistribution d;
  d.lognormal = r.choice<bool>("distribution", {{"fixed", false}, {"lognormal", true}});
  if (d.lognormal) {
    if (r.has("value")) r.fail_found("value", "absent with \"distribution\": \"lognormal\" (give median)");
    d.median = r.number("median", NumberRange::at_least(1));
    d.sigma = r.number("sigma", NumberRange::non_negative());
  } else {
    if (r.has("median") || r.has("sigma"))
      r.fail("found median/sigma with \"distribution\": \"fixed\", expected value");
    d.median = static_cast<double>(r.integer("value", IntegerRange::positive()));
  }
  d.min = r.integer_or("min", d.min, IntegerRange::positive());
  d.max = r.integer_or("max", d.max, IntegerRange::at_least(d.min));
  r.finish();
  return d;
}

RequestSourceSpec read_requests(JsonReader r, const std::string& source_path) {
  r.allow_only({"trace", "format", "time_offset_s", "time_scale", "synthetic"});
  const bool has_trace = r.has("trace");
  const bool has_synthetic = r.has("synthetic");
  if (has_trace == has_synthetic)
    r.fail(std::string(has_trace ? "found both" : "found neither") +
           " \"trace\" and \"synthetic\", expected exactly one of them");
  RequestSourceSpec source;
  if (has_trace) {
    const std::filesystem::path trace = r.string("trace");
    const std::filesystem::path base = std::filesystem::path(source_path).parent_path();
    source.trace_path = (trace.is_absolute() ? trace : (base / trace).lexically_normal()).string();
    source.format = r.choice<RequestTraceFormat>("format", {{"azure-llm", RequestTraceFormat::AzureLlm},
                                                            {"mooncake", RequestTraceFormat::Mooncake},
                                                            {"ppusim", RequestTraceFormat::Ppusim}});
    source.time_offset_s = r.number_or("time_offset_s", 0, plausible::delay());
    source.time_scale = r.number_or("time_scale", 1, NumberRange::at_least(1e-6).at_most(1e6));
  } else {
    JsonReader s = r.object("synthetic");
    s.allow_only({"rate_per_s", "duration_s", "input_tokens", "output_tokens"});
    SyntheticRequests synthetic;
    synthetic.rate_per_s = s.number("rate_per_s", plausible::rate_per_s());
    synthetic.duration_s = s.number("duration_s", plausible::duration());
    synthetic.input_tokens = read_tokens(s.object("input_tokens"));
    synthetic.output_tokens = read_tokens(s.object("output_tokens"));
    s.finish();
    source.synthetic = synthetic;
  }
  r.finish();
  return source;
}

void read_replicas(JsonReader& r, ServiceSpec& service) {
  const auto count = IntegerRange::non_negative().at_most(kIntMax);
  if (r.value().contains("replicas") && r.value().at("replicas").is_number()) {
    service.initial_replicas =
        static_cast<int>(r.integer("replicas", IntegerRange::positive().at_most(kIntMax)));
    service.min_replicas = service.max_replicas = service.initial_replicas;
    return;
  }
  JsonReader block = r.object("replicas");
  block.allow_only({"initial", "min", "max"});
  service.initial_replicas = static_cast<int>(block.integer("initial", count));
  service.min_replicas = static_cast<int>(block.integer_or("min", service.initial_replicas, count));
  service.max_replicas = static_cast<int>(
      block.integer_or("max", service.initial_replicas, IntegerRange::positive().at_most(kIntMax)));
  if (service.min_replicas > service.initial_replicas)
    block.fail_found("min", "an integer <= " + block.path_of("initial") + " (" +
                                std::to_string(service.initial_replicas) + ")");
  if (service.max_replicas < service.initial_replicas)
    block.fail_found("max", "an integer >= " + block.path_of("initial") + " (" +
                                std::to_string(service.initial_replicas) + ")");
  block.finish();
}

BatchingSpec read_batching(std::optional<JsonReader> block, const ServiceSpec& service,
                           const Scenario& scenario, JsonReader& service_reader) {
  BatchingSpec batching;
  std::optional<double> given_kv;
  if (block) {
    JsonReader& r = *block;
    r.allow_only({"max_batch_size", "max_batched_tokens", "kv_cache_bytes"});
    batching.max_batch_size = static_cast<int>(
        r.integer_or("max_batch_size", batching.max_batch_size, IntegerRange::positive().at_most(kIntMax)));
    batching.max_batched_tokens =
        r.integer_or("max_batched_tokens", batching.max_batched_tokens, IntegerRange::positive());
    given_kv = r.optional_number("kv_cache_bytes", NumberRange::positive());
    r.finish();
  }
  if (given_kv) {
    batching.kv_cache_bytes = *given_kv;
    return batching;
  }
  // What the replica's HBM holds beyond the weights (vLLM sizes its KV cache the same way).
  const double usable = kUsableHbmFraction * service.ppus_per_replica * scenario.ppu.hbm_bytes;
  batching.kv_cache_bytes = usable - service.model.weight_bytes();
  if (batching.kv_cache_bytes < service.model.kv_bytes_per_token) {
    service_reader.fail_found(
        "ppus_per_replica",
        "enough PPUs for the weights (" + JsonReader::format_number(service.model.weight_bytes()) +
            " bytes) and some KV cache in " + JsonReader::format_number(kUsableHbmFraction) +
            " of their HBM (/ppu/hbm_bytes " + JsonReader::format_number(scenario.ppu.hbm_bytes) +
            "), or an explicit batching/kv_cache_bytes");
  }
  return batching;
}

AutoscalingSpec read_autoscaling(JsonReader r) {
  r.allow_only({"metric", "interval_s", "scale_up_above", "scale_down_below"});
  AutoscalingSpec a;
  a.metric = r.choice<AutoscalingMetric>("metric", {{"queue-length", AutoscalingMetric::QueueLength},
                                                    {"utilization", AutoscalingMetric::Utilization}});
  a.interval_s = r.number_or("interval_s", a.interval_s, plausible::bin_width());
  a.scale_up_above = r.number("scale_up_above", NumberRange::non_negative());
  a.scale_down_below = r.number_or("scale_down_below", 0, NumberRange::non_negative());
  if (a.scale_down_below >= a.scale_up_above)
    r.fail_found("scale_down_below", "a number < " + r.path_of("scale_up_above") + " (" +
                                         JsonReader::format_number(a.scale_up_above) + ")");
  r.finish();
  return a;
}

/// The pool `pool` names: a pool's name, else the first pool whose chip it names as a job's
/// `ppu_type` would; absent: pool 0.
int read_service_pool(JsonReader& r, const Scenario& scenario) {
  const std::optional<std::string> named = r.optional_string("pool");
  if (!named) return 0;
  for (std::size_t k = 0; k < scenario.pools.size(); ++k) {
    if (scenario.pools[k].name == *named) return static_cast<int>(k);
  }
  for (std::size_t k = 0; k < scenario.pools.size(); ++k) {
    if (*named != "any" && ppu_type_names_chip(*named, scenario.pools[k].ppu)) return static_cast<int>(k);
  }
  std::string known;
  for (const PoolSpec& pool : scenario.pools)
    known += (known.empty() ? "\"" : ", \"") + pool.name + "\" (" + pool.ppu.name + ")";
  r.fail_found("pool", "the name of one of /cluster/pools or of its PPU type: " + known);
}

ServiceSpec read_service(JsonReader r, const Scenario& cluster) {
  r.allow_only({"name", "model", "ppus_per_replica", "replicas", "batching", "efficiency", "routing",
                "autoscaling", "slo", "requests", "pool"});
  ServiceSpec service;
  service.name = r.string("name");
  // It names the service in requests.csv and the summary table: keep it to safe characters.
  const bool safe = std::all_of(service.name.begin(), service.name.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '.' || c == '_' || c == '-';
  });
  if (!safe) r.fail_found("name", "a name of letters, digits, '.', '_' and '-'");
  service.model = read_model(r.object("model"));
  // Its replicas' chip and node are its pool's: the scenario as that pool sees it.
  service.pool = read_service_pool(r, cluster);
  const Scenario pool_view = cluster.pools.size() > 1 ? cluster.as_seen_from_pool(service.pool) : Scenario();
  const Scenario& scenario = cluster.pools.size() > 1 ? pool_view : cluster;
  // Tensor parallelism stays inside a node's scale-up fabric.
  service.ppus_per_replica = static_cast<int>(
      r.integer_or("ppus_per_replica", 1, IntegerRange::positive().at_most(scenario.node.ppus_per_node)));
  read_replicas(r, service);
  service.batching = read_batching(r.optional_object("batching"), service, scenario, r);
  if (auto block = r.optional_object("efficiency")) {
    block->allow_only({"compute", "memory_bandwidth"});
    service.efficiency.compute =
        block->number_or("compute", service.efficiency.compute, NumberRange::above(0).at_most(1));
    service.efficiency.memory_bandwidth = block->number_or(
        "memory_bandwidth", service.efficiency.memory_bandwidth, NumberRange::above(0).at_most(1));
    block->finish();
  }
  service.routing = r.choice_or("routing", service.routing,
                                {{"round-robin", RoutingPolicy::RoundRobin},
                                 {"least-outstanding-tokens", RoutingPolicy::LeastOutstandingTokens},
                                 {"least-outstanding-requests", RoutingPolicy::LeastOutstandingRequests}});
  if (auto block = r.optional_object("autoscaling")) {
    service.autoscaling = read_autoscaling(*block);
  } else if (service.min_replicas != service.max_replicas) {
    r.fail_at("autoscaling", "missing, expected an autoscaling block when replicas/min < replicas/max");
  }
  if (auto block = r.optional_object("slo")) {
    block->allow_only({"ttft_s", "tpot_s"});
    service.slo.ttft_s = block->optional_number("ttft_s", plausible::duration());
    service.slo.tpot_s = block->optional_number("tpot_s", plausible::duration());
    block->finish();
  }
  service.requests = read_requests(r.object("requests"), scenario.source_path);
  r.finish();
  return service;
}

}  // namespace

std::vector<ServiceSpec> read_services(JsonReader& root, const Scenario& scenario) {
  std::vector<ServiceSpec> services;
  if (!root.has("services")) return services;
  const nlohmann::json& array = root.value().at("services");
  if (!array.is_array()) root.fail_found("services", "an array of service objects");
  if (!scenario.simulation.horizon_s) {
    root.fail_at("simulation",
                 "found no horizon_s, expected /simulation/horizon_s when there are services "
                 "(replicas serve until the horizon)");
  }
  std::set<std::string> names;
  for (std::size_t i = 0; i < array.size(); ++i) {
    JsonReader element(array[i], root.source(), root.path_of("services") + "/" + std::to_string(i));
    services.push_back(read_service(element, scenario));
    if (!names.insert(services.back().name).second) element.fail_found("name", "a name no other service has");
  }
  return services;
}

}  // namespace ppusim
