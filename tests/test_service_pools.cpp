// Inference services on a cluster of several node pools (docs/inference.md, `pool`): the pool a
// service names is where its replicas run, and a bad name is an error naming its JSON path.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "sim/app/isolated_run.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/core/input_error.hpp"
#include "tests/minimal_scenario_json.hpp"
#include "tests/scenario_fixtures.hpp"

using namespace ppusim;
using namespace ppusim::test;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

/// Pools "a" (a-ppu, node 0) and "b" (b-ppu, node 1) of one node of 2 PPUs; a service of one
/// 2-PPU replica on pool `pool`, a light synthetic load, horizon 60 s.
Scenario service_on_pool(int pool) {
  Scenario s = tiny_scenario(2, 2, 2);
  s.scheduler.policy = SchedulingPolicy::Fifo;
  s.simulation.horizon_s = 60;
  s.pools = {chip_pool(s, "a", "a-ppu", 2e15, 1, 0), chip_pool(s, "b", "b-ppu", 2e15, 1, 1)};
  s.ppu = s.pools[0].ppu;
  ServiceSpec service = unit_service();
  service.ppus_per_replica = 2;
  service.pool = pool;
  SyntheticRequests load;
  load.rate_per_s = 1;
  load.duration_s = 10;
  load.input_tokens.median = 100;
  load.output_tokens.median = 10;
  service.requests.synthetic = load;
  s.services.push_back(service);
  return s;
}

}  // namespace

TEST_CASE("a service's replicas run on the pool it names", "[inference][pools]") {
  // The replica is queued at 0 and holds its pool's node (2 PPUs) to the horizon. A training job
  // of 2 PPUs asking for b-ppu arrives at 20 (2e15 FLOP: 1 s on 2 PPUs of 1e15 FLOP/s).
  //   service on "a" (pool 0, the default): "b" is free, the job starts at 20.
  //   service on "b": the replica holds b's only node, the job never starts before 60.
  JobSpec job = flops_job("train", 20, 2, 2e15);
  job.request = std::make_shared<const ResourceRequest>(ResourceRequest{{"b-ppu"}, 0, 0});
  const auto on_a = simulate_in_child_process(service_on_pool(0), trace_of({job}));
  CHECK(on_a.jobs[0]["start_s"] == 20.0);
  CHECK(on_a.report["services"][0]["replicas"]["started"] == 1);
  const auto on_b = simulate_in_child_process(service_on_pool(1), trace_of({job}));
  CHECK(on_b.jobs[0]["start_s"].is_null());
  CHECK(on_b.report["services"][0]["replicas"]["started"] == 1);
}

TEST_CASE("a service's pool is a pool or PPU type name, else an error naming its path",
          "[inference][pools][config]") {
  // Pools "a" (test-ppu, 80 GB HBM) and "b" (the catalog's hgx-h20: H20, 96 GB HBM).
  json doc = minimal_scenario_for_pools();
  const json node = minimal_pool_node();
  doc["scheduler"] = {{"policy", "fifo"}};
  doc["cluster"] = {{"pools", json::array({{{"name", "a"}, {"node", node}, {"nodes", 8}},
                                           {{"name", "b"}, {"node", "hgx-h20"}, {"nodes", 8}}})}};
  doc["simulation"]["horizon_s"] = 100;
  doc["services"] =
      json::parse(R"([{"name": "chat", "model": {"parameters": 8e9, "layers": 32, "hidden_size": 4096,
                  "kv_heads": 8, "head_dim": 128}, "replicas": 1, "pool": "b",
                  "requests": {"synthetic": {"rate_per_s": 1, "duration_s": 10,
                               "input_tokens": {"distribution": "fixed", "value": 100},
                               "output_tokens": {"distribution": "fixed", "value": 10}}}}])");
  const Scenario by_name = parse_scenario(doc, "x.json");
  CHECK(by_name.services[0].pool == 1);
  doc["services"][0]["pool"] = "h20";  // the catalog's name of pool b's chip
  CHECK(parse_scenario(doc, "x.json").services[0].pool == 1);
  doc["services"][0].erase("pool");
  CHECK(parse_scenario(doc, "x.json").services[0].pool == 0);
  doc["services"][0]["pool"] = "c";
  CHECK_THROWS_WITH(
      parse_scenario(doc, "x.json"),
      Contains("x.json: /services/0/pool: found \"c\", expected the name of one of /cluster/pools or "
               "of its PPU type: \"a\" (test-ppu), \"b\" (H20)"));
}
