// Inference serving (docs/inference.md): roofline iteration times, continuous batching with a
// KV-cache limit, routing, SLO arithmetic, autoscaling against training on a shared cluster,
// and input errors. Every expected number is worked out in the comments.
#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "sim/app/isolated_run.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/core/input_error.hpp"
#include "sim/engine/service_simulator.hpp"
#include "sim/inference/request_source.hpp"
#include "sim/inference/service_report.hpp"
#include "tests/cli_runner.hpp"
#include "tests/scenario_fixtures.hpp"
#include "workloads/trace_reader.hpp"

using namespace ppusim;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

// A PPU of 1e15 FLOP/s and 1e12 B/s; efficiencies 1, so the roofs are exactly those.
PpuSpec unit_ppu() { return {"unit", 1e15, 2e15, 80e9, 1e12, 700, 100, ""}; }

InferenceRequest request(double arrival, std::int64_t input, std::int64_t output) {
  InferenceRequest r;
  r.arrival_s = arrival;
  r.input_tokens = input;
  r.output_tokens = output;
  return r;
}

/// Runs `requests` on `replicas` replicas ready at time 0 until nothing is left.
ServiceOutcome serve(const ServiceSpec& spec, std::vector<InferenceRequest> requests, int replicas = 1) {
  ServiceSimulator service(spec, unit_ppu(), std::move(requests), nullptr);
  for (int i = 0; i < replicas; ++i) service.replica_allocated(service.add_replica(), 0, 0, 1);
  service.advance_to(1e9);
  return service.finish(1e9);
}

double ttft(const ServiceOutcome& o, int i) { return o.progress[i].first_token_s - o.requests[i].arrival_s; }

}  // namespace

TEST_CASE("roofline: prefill is compute-bound and decode memory-bound", "[inference]") {
  const ServiceSpec spec = test::unit_service();
  const Roofline roofline(spec.model, unit_ppu(), 1, spec.efficiency);
  // Prefill of 4000 tokens: F = 2e9·4000 + 1e4·4000² = 8e12 + 1.6e11 = 8.16e12 → 8.16e-3 s;
  // B = 2e9 + 1e5·4000 = 2.4e9 → 2.4e-3 s. Compute wins.
  IterationLoad prefill;
  prefill.prefill_tokens = 4000;
  prefill.prefill_tokens_squared = 4000.0 * 4000;
  CHECK(roofline.flops(prefill) == Approx(8.16e12));
  CHECK(roofline.iteration_s(prefill) == Approx(8.16e-3));
  // One decode token at context 4001: F = 2e9 + 2·1e4·4001 → 2.08e-6 s; B = 2e9 + 1e5·4001
  // = 2.4001e9 → 2.4001e-3 s. Memory wins by three orders of magnitude.
  IterationLoad decode;
  decode.decode_tokens = 1;
  decode.decode_context_tokens = 4001;
  CHECK(roofline.iteration_s(decode) == Approx(2.4001e-3));
}

TEST_CASE("one request alone: TTFT is its prefill, TPOT its decode iterations", "[inference]") {
  // Input 4000, output 3: prefill 8.16e-3 s (above) yields token 1; decodes at contexts 4001
  // and 4002 take 2.4001e-3 and 2.4002e-3 s. TPOT = (2.4001e-3 + 2.4002e-3) / 2.
  const ServiceOutcome o = serve(test::unit_service(), {request(1.0, 4000, 3)});
  CHECK(ttft(o, 0) == Approx(8.16e-3));
  const double tpot = (o.progress[0].last_token_s - o.progress[0].first_token_s) / 2;
  CHECK(tpot == Approx(2.40015e-3));
  CHECK(o.progress[0].generated == 3);
  CHECK(o.iterations == 3);
}

TEST_CASE("two requests batched: one prefill iteration, decode grows by their KV reads", "[inference]") {
  // Both prompts in one iteration: F = 2e9·8000 + 1e4·2·4000² = 1.632e13 → 1.632e-2 s.
  // Then one decode for both at contexts 4001 + 4001: B = 2e9 + 1e5·8002 → 2.8002e-3 s, i.e.
  // the single-request decode (2.4001e-3 s) plus the second request's KV read (4.001e-4 s).
  const ServiceOutcome o = serve(test::unit_service(), {request(0, 4000, 2), request(0, 4000, 2)});
  CHECK(ttft(o, 0) == Approx(1.632e-2));
  CHECK(ttft(o, 1) == Approx(1.632e-2));
  CHECK(o.progress[0].last_token_s - o.progress[0].first_token_s == Approx(2.4001e-3 + 4.001e-4));
  CHECK(o.iterations == 2);
}

TEST_CASE("a KV cache sized for exactly k requests admits k and queues the next", "[inference]") {
  // Each request reserves (4000 + 2) · 1e5 = 4.002e8 bytes; a cache of 2 × that holds two.
  ServiceSpec spec = test::unit_service();
  spec.batching.kv_cache_bytes = 2 * 4.002e8;
  const ServiceOutcome o = serve(spec, {request(0, 4000, 2), request(0, 4000, 2), request(0, 4000, 2)});
  // The first two run as above and finish at 1.632e-2 + 2.8002e-3; only then does the third
  // get the cache, and its prefill alone takes 8.16e-3 s.
  CHECK(ttft(o, 1) == Approx(1.632e-2));
  CHECK(ttft(o, 2) == Approx(1.632e-2 + 2.8002e-3 + 8.16e-3));
  // A request that cannot fit even an empty cache is dropped, not queued forever.
  spec.batching.kv_cache_bytes = 4.0e8;
  const ServiceOutcome dropped = serve(spec, {request(0, 4000, 2)});
  CHECK(dropped.progress[0].dropped);
  CHECK(dropped.progress[0].first_token_s < 0);
}

TEST_CASE("round-robin and least-outstanding-tokens route a crafted pattern differently", "[inference]") {
  // A long request (4000 + 100 tokens) goes to replica 0 at t = 0; short ones (100 + 2) at
  // t = 1 ms and 2 ms. Replica 0 is still prefilling (until 8.16 ms) with 4100 outstanding
  // tokens; replica 1 holds 102 from the first short one. Round-robin alternates 0, 1, 0;
  // least-outstanding-tokens sends both short ones to replica 1.
  const std::vector<InferenceRequest> pattern = {request(0, 4000, 100), request(1e-3, 100, 2),
                                                 request(2e-3, 100, 2)};
  ServiceSpec spec = test::unit_service();
  spec.routing = RoutingPolicy::RoundRobin;
  const ServiceOutcome rr = serve(spec, pattern, 2);
  CHECK(rr.progress[0].replica == 0);
  CHECK(rr.progress[1].replica == 1);
  CHECK(rr.progress[2].replica == 0);
  spec.routing = RoutingPolicy::LeastOutstandingTokens;
  const ServiceOutcome least = serve(spec, pattern, 2);
  CHECK(least.progress[0].replica == 0);
  CHECK(least.progress[1].replica == 1);
  CHECK(least.progress[2].replica == 1);
}

TEST_CASE("SLO attainment counts every arrived request, misses included", "[inference]") {
  // Four requests arrive at 0: TTFT 0.5, 1.5, 0.5, never; TPOT (10 tokens) 0.05, 0.05, 0.2, -.
  ServiceSpec spec = test::unit_service();
  ServiceOutcome o;
  o.spec = &spec;
  o.window_end_s = 100;
  o.requests = {request(0, 10, 10), request(0, 10, 10), request(0, 10, 10), request(0, 10, 10)};
  o.progress.resize(4);
  const double first[] = {0.5, 1.5, 0.5};
  const double tpot[] = {0.05, 0.05, 0.2};
  for (int i = 0; i < 3; ++i) {
    o.progress[i].generated = 10;
    o.progress[i].first_token_s = first[i];
    o.progress[i].last_token_s = first[i] + 9 * tpot[i];
  }
  // TTFT <= 1: requests 0 and 2 → 2/4. TPOT <= 0.1: requests 0 and 1 → 2/4. Both: request 0.
  const SloAttainment a = slo_attainment(o, 1.0, 0.1);
  CHECK(a.ttft == 0.5);
  CHECK(a.tpot == 0.5);
  CHECK(a.both == 0.25);
}

namespace {

// One node of 2 PPUs; a service of 1-PPU replicas flooded with long requests, one at a time
// per replica (max batch 1), so that its queue grows; a 1-PPU training job arrives at 20 s.
Scenario shared_cluster(int max_replicas) {
  Scenario s = test::tiny_scenario(1, 2, 1);
  s.simulation.horizon_s = 60;
  ServiceSpec service = test::unit_service();
  service.ppus_per_replica = 1;
  service.initial_replicas = service.min_replicas = 1;
  service.max_replicas = max_replicas;
  service.batching.max_batch_size = 1;
  if (max_replicas > 1) service.autoscaling = AutoscalingSpec{AutoscalingMetric::QueueLength, 10, 2, 0};
  SyntheticRequests load;
  load.rate_per_s = 100;
  load.duration_s = 50;
  load.input_tokens.median = 4000;
  load.output_tokens.median = 100;
  service.requests.synthetic = load;
  s.services.push_back(service);
  return s;
}

}  // namespace

TEST_CASE("autoscaling takes a PPU from the shared cluster and the training job waits",
          "[inference][engine]") {
  const JobTrace trace = test::trace_of({test::flops_job("train", 20, 1, 1e15)});
  // Without autoscaling the training job takes the free PPU at its arrival.
  const auto fixed = simulate_in_child_process(shared_cluster(1), trace);
  CHECK(fixed.jobs[0]["start_s"] == 20.0);
  CHECK(fixed.report["services"][0]["replicas"]["started"] == 1);
  // With it, the queue (thousands of requests per replica) exceeds 2 at the first evaluation
  // (10 s): a second replica takes the other PPU at 10 s and holds it to the horizon, so the
  // training job is still queued at the end.
  const auto scaled = simulate_in_child_process(shared_cluster(2), trace);
  const json& replicas = scaled.report["services"][0]["replicas"];
  CHECK(replicas["started"] == 2);
  CHECK(replicas["max_serving"] == 2);
  // Ready after loading 2e9 bytes of weights at 10 GB/s: 0.2 s after allocation.
  CHECK(replicas["serving_over_time"]["t_s"] == json::array({0.0, 0.2, 10.2}));
  CHECK(scaled.jobs[0]["outcome"] == "queued");
  // Held: replica 1 for 60 s, replica 2 for 50 s → 110 PPU-s.
  CHECK(replicas["ppu_hours"].get<double>() == Approx(110.0 / 3600));
  CHECK(scaled.report["work"]["allocated_ppu_hours"].get<double>() == Approx(110.0 / 3600));
}

TEST_CASE("cloud billing by allocation counts replicas like jobs", "[inference][engine]") {
  // $2 per PPU-hour, billed by the started hour: the replica's 60 s and the training job's
  // 1 s (1e15 FLOP at 1e15 FLOP/s) are one hour each → 2 PPU-hours → $4.
  Scenario scenario = shared_cluster(1);
  scenario.economics.model = CostModel::Cloud;
  scenario.economics.usd_per_ppu_hour = 2;
  scenario.economics.billing = CloudBilling::Allocated;
  scenario.economics.billing_granularity_s = 3600;
  const auto run =
      simulate_in_child_process(scenario, test::trace_of({test::flops_job("train", 20, 1, 1e15)}));
  CHECK(run.report["cost"]["breakdown_usd"]["cloud_bill"].get<double>() == Approx(4.0));
}

TEST_CASE("a failed replica's requests start over on another replica", "[inference][failures]") {
  // Two replicas ready at 0, round-robin: the request (4000 + 3 tokens) goes to replica 0,
  // whose prefill would end at 8.16e-3 s. Replica 0 fails at 5e-3: the request starts over on
  // replica 1 (idle), prefill 8.16e-3 s → first token at 5e-3 + 8.16e-3 = 1.316e-2 (TTFT from
  // its arrival at 0), then decodes at contexts 4001 and 4002: 2.4001e-3 + 2.4002e-3 s.
  ServiceSpec spec = test::unit_service();
  spec.routing = RoutingPolicy::RoundRobin;
  ServiceSimulator service(spec, unit_ppu(), {request(0, 4000, 3)}, nullptr);
  for (int i = 0; i < 2; ++i) service.replica_allocated(service.add_replica(), 0, 0, 1);
  service.advance_to(5e-3);
  CHECK(service.replica_failed(0, 5e-3));  // it was serving: the service wants a replacement
  CHECK(service.serving_replicas() == 1);
  service.advance_to(1);
  service.replica_released(0, 1);
  const ServiceOutcome o = service.finish(2);
  CHECK(o.progress[0].replica == 1);
  CHECK(o.progress[0].generated == 3);
  CHECK(ttft(o, 0) == Approx(1.316e-2));
  CHECK(o.progress[0].last_token_s == Approx(1.316e-2 + 2.4001e-3 + 2.4002e-3));
  CHECK(o.replica_interruptions == 1);
  CHECK(o.requests_retried == 1);
  CHECK(o.replicas[0].released_s == 1);
  CHECK(o.serving_replicas == std::vector<std::pair<double, int>>{{0, 2}, {5e-3, 1}});
}

TEST_CASE("autoscaling drains the least loaded replica when idle, down to the minimum", "[inference]") {
  ServiceSpec spec = test::unit_service();
  spec.min_replicas = 1;
  spec.max_replicas = 3;
  spec.autoscaling = AutoscalingSpec{AutoscalingMetric::QueueLength, 10, 2, 0.5};
  ServiceSimulator service(spec, unit_ppu(), {request(0, 4000, 2)}, nullptr);
  for (int i = 0; i < 2; ++i) service.replica_allocated(service.add_replica(), 0, 0, 1);
  service.advance_to(10);
  // No queue (0 < 0.5): replica 1, idle like replica 0, is drained (the last on ties), and is
  // ready to be released at once; replica 0 stays (the minimum is 1).
  CHECK_FALSE(service.autoscale(10));
  CHECK(service.serving_replicas() == 1);
  CHECK(service.drained_replicas() == std::vector<int>{1});
  // Had its node failed now, the drained replica would not be replaced.
  ServiceSimulator twin(spec, unit_ppu(), {request(0, 4000, 2)}, nullptr);
  for (int i = 0; i < 2; ++i) twin.replica_allocated(twin.add_replica(), 0, 0, 1);
  twin.advance_to(10);
  CHECK_FALSE(twin.autoscale(10));
  CHECK_FALSE(twin.replica_failed(1, 10));
  service.replica_released(1, 10);
  CHECK_FALSE(service.autoscale(20));
  CHECK(service.serving_replicas() == 1);
  const ServiceOutcome o = service.finish(30);
  CHECK(o.replicas[1].released_s == 10);
  CHECK(o.replicas[0].released_s == 30);
  CHECK(o.serving_replicas == std::vector<std::pair<double, int>>{{0, 2}, {10, 1}});
}

TEST_CASE("request traces: Azure CSV without a final newline, Mooncake ms, own JSONL", "[inference][trace]") {
  // Each format through load_requests, which reads it with the importer of `ppusim trace import`.
  cli_test::TempDir dir;
  const auto load = [&dir](const std::string& name, RequestTraceFormat format, const std::string& text) {
    cli_test::write_text(dir / name, text);
    RequestSourceSpec source;
    source.trace_path = (dir / name).string();
    source.format = format;
    return load_requests(source, 1);
  };
  const auto azure = load("a.csv", RequestTraceFormat::AzureLlm,
                          "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.5000000,374,44\n"
                          "2023-11-16 18:15:48,10,2");
  REQUIRE(azure.size() == 2);
  CHECK(azure[0].arrival_s == 0);
  CHECK(azure[1].arrival_s == Approx(1.5));
  CHECK(azure[0].input_tokens == 374);
  CHECK(azure[0].output_tokens == 44);
  const auto moon = load("m.jsonl", RequestTraceFormat::Mooncake,
                         R"({"timestamp": 1500, "input_length": 7, "output_length": 3, "hash_ids": [0, 1]})"
                         "\n"
                         R"({"timestamp": 3000, "input_length": 7, "output_length": 3, "hash_ids": [0, 1]})");
  CHECK(moon.at(1).arrival_s == 1.5);  // ms, shifted so that the first request arrives at 0
  const auto own = load("o.jsonl", RequestTraceFormat::Ppusim,
                        R"({"arrival_s": 2, "input_tokens": 5, "output_tokens": 1})");
  CHECK(own.at(0).output_tokens == 1);
  CHECK_THROWS_WITH(load("a.csv", RequestTraceFormat::AzureLlm,
                         "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46,x,4"),
                    Contains("a.csv:2:") && Contains("ContextTokens"));
  // The importer accepts zero tokens; a served request needs at least one.
  CHECK_THROWS_WITH(
      load("m.jsonl", RequestTraceFormat::Mooncake,
           R"({"timestamp": 1, "input_length": 7, "output_length": 3})"
           "\n"
           R"({"timestamp": 2, "input_length": 0, "output_length": 3})"),
      Contains("m.jsonl: request 2 by arrival (at 0.001 s into the trace): input tokens: found 0, "
               "expected at least 1"));
}

TEST_CASE("bad service input names the JSON path", "[inference][config]") {
  json doc = json::parse(R"({
    "name": "mini",
    "ppu": {"name": "p", "peak_bf16_flops_per_s": 1e15, "hbm_bytes": 80e9,
            "hbm_bandwidth_bytes_per_s": 3e12, "tdp_watts": 700, "idle_watts": 100},
    "node": {"ppus_per_node": 8, "intra_node_bandwidth_bytes_per_s": 450e9, "nics_per_node": 8,
             "nic_bandwidth_bits_per_s": 400e9},
    "cluster": {"nodes": 2},
    "topology": {"kind": "fat-tree", "tiers": 2, "nodes_per_leaf": 2,
                 "link_bandwidth_bits_per_s": 800e9, "link_latency_s": 0},
    "storage": {"aggregate_bandwidth_bytes_per_s": 2e12, "per_client_bandwidth_bytes_per_s": 25e9},
    "workload": {"generator": {"jobs": 1, "duration_s": 10}},
    "simulation": {"horizon_s": 100},
    "economics": {"capex_per_node_usd": 1, "amortization_years": 5, "power_price_usd_per_kwh": 0.1, "pue": 1},
    "services": [{"name": "chat", "model": {"parameters": 8e9, "layers": 32, "hidden_size": 4096,
                  "kv_heads": 8, "head_dim": 128}, "replicas": 2,
                  "requests": {"synthetic": {"rate_per_s": 1, "duration_s": 10,
                               "input_tokens": {"distribution": "fixed", "value": 100},
                               "output_tokens": {"distribution": "fixed", "value": 10}}}}]
  })");
  const Scenario ok = parse_scenario(doc, "x.json");
  REQUIRE(ok.services.size() == 1);
  // KV: 2 (K, V) · 32 layers · 8 heads · 128 · 2 bytes = 131072 bytes per token. Cache:
  // 0.9 · 80e9 − 16e9 of weights = 5.6e10 bytes.
  CHECK(ok.services[0].model.kv_bytes_per_token == 131072);
  CHECK(ok.services[0].batching.kv_cache_bytes == Approx(5.6e10));
  auto fails_with = [](json d, const std::string& message) {
    CHECK_THROWS_WITH(parse_scenario(d, "x.json"), Contains(message));
  };
  json bad = doc;
  bad["services"][0]["routing"] = "random";
  fails_with(bad, "x.json: /services/0/routing: found \"random\"");
  bad = doc;
  bad["services"][0]["ppus_per_replica"] = 16;
  fails_with(bad, "x.json: /services/0/ppus_per_replica: found 16, expected");
  bad = doc;
  bad["services"][0]["model"]["parameters"] = 1e12;  // 2 TB of weights in 8 PPUs' HBM
  bad["services"][0]["ppus_per_replica"] = 8;
  fails_with(bad, "x.json: /services/0/ppus_per_replica: found 8, expected enough PPUs for the weights");
  bad = doc;
  bad["services"][0]["replicas"] = json{{"initial", 1}, {"max", 3}};
  fails_with(bad, "x.json: /services/0/autoscaling: missing");
  bad = doc;
  bad["simulation"].erase("horizon_s");
  fails_with(bad, "/simulation: found no horizon_s");
}

TEST_CASE("the shipped trace excerpts read in full", "[inference][trace]") {
  const std::string data = std::string(PPUSIM_SOURCE_DIR) + "/tests/data/traces/";
  RequestSourceSpec azure;
  azure.trace_path = data + "azure_llm2023_conv_first200.csv";  // CRLF, no final line break
  azure.format = RequestTraceFormat::AzureLlm;
  azure.time_offset_s = 10;
  azure.time_scale = 2;
  const auto a = load_requests(azure, 1);
  REQUIRE(a.size() == 200);
  // First row 18:15:46.6805900 (374, 44); the last 18:16:47.9441270, 61.263537 s later, × 2.
  CHECK(a.front().arrival_s == 10.0);
  CHECK(a.front().input_tokens == 374);
  CHECK(a.back().arrival_s == Approx(10 + 2 * 61.263537));
  RequestSourceSpec mooncake;
  mooncake.trace_path = data + "mooncake_fast25_conversation_first200.jsonl";
  mooncake.format = RequestTraceFormat::Mooncake;
  const auto m = load_requests(mooncake, 1);
  REQUIRE(m.size() == 200);
  CHECK(m.front().input_tokens == 6758);
  CHECK(m.back().arrival_s == 72.0);  // 72000 ms
}

TEST_CASE("synthetic requests: Poisson arrivals, same seed same requests", "[inference][trace]") {
  SyntheticRequests spec;
  spec.rate_per_s = 10;
  spec.duration_s = 1000;
  spec.input_tokens = {true, 1000, 0.5, 1, 1 << 20};
  spec.output_tokens.median = 7;
  const auto first = generate_requests(spec, 42);
  const auto again = generate_requests(spec, 42);
  REQUIRE(first.size() == again.size());
  for (std::size_t i = 0; i < first.size(); ++i) {
    CHECK(first[i].arrival_s == again[i].arrival_s);
    CHECK(first[i].input_tokens == again[i].input_tokens);
  }
  // 10,000 expected, standard deviation 100: outside ±500 has probability below 1e-6.
  CHECK(first.size() > 9500);
  CHECK(first.size() < 10500);
  CHECK(first[5].output_tokens == 7);
  CHECK(
      std::all_of(first.begin(), first.end(), [](const InferenceRequest& r) { return r.arrival_s < 1000; }));
}

TEST_CASE("configs/inference-mix.json: training and two services share the cluster", "[inference][engine]") {
  const Scenario scenario = load_scenario(std::string(PPUSIM_SOURCE_DIR) + "/configs/inference-mix.json");
  const JobTrace trace = read_job_trace(scenario.workload.trace_path, false);
  const auto run = simulate_in_child_process(scenario, trace);
  const json& services = run.report["services"];
  REQUIRE(services.size() == 2);
  // Both excerpts are served in full well before the 2-hour horizon.
  CHECK(services[0]["requests"]["completed"] == 200);
  CHECK(services[1]["requests"]["completed"] == 200);
  // The 70B service holds 2 replicas × 4 PPUs for the whole window (setup included).
  CHECK(services[1]["replicas"]["ppu_hours"].get<double>() == Approx(8 * 2.0));
  CHECK(run.report["jobs"]["submitted"] == 10);
  CHECK(run.report["work"]["allocated_ppu_hours"].get<double>() >=
        services[0]["replicas"]["ppu_hours"].get<double>() +
            services[1]["replicas"]["ppu_hours"].get<double>());
}
