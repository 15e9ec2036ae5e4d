// Streaming input (docs/models.md, section c2): a job reads input throughout its run, the
// steps wait when storage is slower than compute, and the storage tiers serve the reads.
// Every expected number is derived by hand in the comment above its check.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "sim/app/isolated_run.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/economics/storage_cost.hpp"
#include "sim/engine/storage_tiers.hpp"
#include "tests/minimal_scenario_json.hpp"
#include "tests/scenario_fixtures.hpp"
#include "workloads/streaming_input.hpp"
#include "workloads/trace_reader.hpp"

using namespace ppusim;
using namespace ppusim::test;
using Catch::Matchers::Contains;

namespace {

double end_of(const IsolatedRunOutput& run, std::size_t job) { return run.jobs[job]["end_s"].get<double>(); }

/// The job of test_engine_timing: 16 PPUs on 2 nodes of one leaf group, N = 1e9, D = 1.6e12,
/// B = 1.6e10 → 100 steps; compute 6·N·D / (16 · 1e15) = 6e5 s, 6,000 s a step; its ring
/// stays in the leaf on the NICs: 0.075 s a step. One step per segment (segment_s 6,000:
/// ⌈600,007.5 / 6,000⌉ = 101, at most 100 steps).
JobSpec streaming_job(const std::string& id, double submit_s, double bytes_per_step,
                      std::string dataset = "") {
  JobSpec job = model_job(id, submit_s, 16, 1e9, 1.6e12, 1.6e10);
  job.input =
      std::make_shared<const StreamingInput>(StreamingInput{bytes_per_step, InputUnit::PerStep, dataset});
  return job;
}

Scenario one_leaf_scenario() {
  Scenario scenario = tiny_scenario(2, 8, 2);
  scenario.simulation.segment_s = 6000;
  return scenario;
}

constexpr double kStepS = 6000.075;

}  // namespace

TEST_CASE("a compute-bound job's input hides behind its steps", "[engine][storage][input]") {
  // 1e12 B a step: each node reads 5e11 B at 10 GB/s (its client link) in 50 s, well inside
  // the 6,000 s step. The job ends as without input: 100 × 6,000.075 s.
  const auto run = simulate_in_child_process(one_leaf_scenario(), trace_of({streaming_job("j", 0, 1e12)}));
  CHECK(end_of(run, 0) == Approx(100 * kStepS).epsilon(1e-9));
  CHECK(run.report["storage"]["input_wait_ppu_hours"].get<double>() == Approx(0).margin(1e-9));
  CHECK(run.report["storage"]["streaming_jobs"] == 1);
  CHECK(run.report["storage"]["bytes_read"]["store"].get<double>() == Approx(100 * 1e12));
}

TEST_CASE("a storage-bound job's step time is its input bytes over the storage bandwidth",
          "[engine][storage][input]") {
  // 1.8e14 B a step, 9e13 B per node. Client links (10 GB/s each, 2e10 B/s for the job) are
  // slower than the store (1e12 B/s): a step takes 1.8e14 / 2e10 = 9,000 s instead of
  // 6,000.075 s; 100 steps, 9e5 s. The 16 PPUs wait 2,999.925 s a step:
  // 16 · 100 · 2,999.925 / 3,600 = 1,333.3 PPU-hours.
  const auto client_bound =
      simulate_in_child_process(one_leaf_scenario(), trace_of({streaming_job("j", 0, 1.8e14)}));
  CHECK(end_of(client_bound, 0) == Approx(100 * 9000.0).epsilon(1e-9));
  CHECK(client_bound.report["storage"]["input_wait_ppu_hours"].get<double>() ==
        Approx(16 * 100 * (9000 - kStepS) / 3600).epsilon(1e-9));
  // The same through a store of 1e10 B/s aggregate (now the slower, a SimGrid flow on the
  // storage link): 1.8e14 / 1e10 = 18,000 s a step.
  Scenario slow_store = one_leaf_scenario();
  slow_store.storage.aggregate_bandwidth_bytes_per_s = 1e10;
  const auto store_bound = simulate_in_child_process(slow_store, trace_of({streaming_job("j", 0, 1.8e14)}));
  CHECK(end_of(store_bound, 0) == Approx(100 * 18000.0).epsilon(1e-9));
}

TEST_CASE("jobs without streaming input leave the report without a storage section", "[engine][storage]") {
  const auto run =
      simulate_in_child_process(one_leaf_scenario(), trace_of({model_job("m", 0, 16, 1e9, 1.6e12, 1.6e10)}));
  CHECK_FALSE(run.report.contains("storage"));
}

TEST_CASE("a 50 % cache hit rate halves the object-store reads", "[storage][input]") {
  // A 1e12 B dataset behind a cache of 5e11 B. The first pass reads all of it from the object
  // store and leaves half resident (the cache's capacity); the second pass finds half of every
  // read there: 5e11 B from the cache, 5e11 B from the object store, half of the 1e12 B it
  // would read without the cache.
  StorageSpec storage;
  storage.capacity_bytes = 5e11;
  storage.object_store = ObjectStoreSpec{1e15, 1e11, 1e4, 16e6, 0.02};
  storage.datasets = {{"frames", 1e12}};
  StorageTiers tiers(storage);
  const InputSources first = tiers.read(0, 0, 1e12, false);
  CHECK(first.object_store_bytes == 1e12);
  CHECK(tiers.resident_bytes(0) == 5e11);
  const InputSources second = tiers.read(0, 1e12, 1e12, false);  // the second pass
  CHECK(second.store_bytes == Approx(5e11));
  CHECK(second.object_store_bytes == Approx(5e11));
}

TEST_CASE("the cache evicts the least recently read dataset", "[storage][input]") {
  // Capacity 2e12 B; datasets a, b, c of 1e12 B each. Reading a, b, then a again, then c: c
  // needs room, and b (read before the last read of a) goes.
  StorageSpec storage;
  storage.capacity_bytes = 2e12;
  storage.object_store = ObjectStoreSpec{1e15, 1e11, 1e4, 16e6, 0.02};
  storage.datasets = {{"a", 1e12}, {"b", 1e12}, {"c", 1e12}};
  StorageTiers tiers(storage);
  tiers.read(0, 0, 1e12, false);
  tiers.read(1, 0, 1e12, false);
  tiers.read(0, 1e12, 1e12, false);  // a's second pass: all hits
  tiers.read(2, 0, 1e12, false);
  CHECK(tiers.resident_bytes(0) == 1e12);
  CHECK(tiers.resident_bytes(1) == 0);
  CHECK(tiers.resident_bytes(2) == 1e12);
  CHECK(tiers.reads().datasets_evicted == 1);
  CHECK(tiers.reads().object_store_bytes == 3e12);
}

TEST_CASE("two jobs sharing a dataset read it once into the cache", "[engine][storage][input]") {
  // A 1e14 B dataset read once by each job: 100 steps of 1e12 B. Job a runs first and reads
  // all of it from the object store (the resident prefix grows just behind its reads, so none
  // of its own reads hit); job b, submitted after a has ended (100 × 6,000.075 s), finds it all
  // resident: the object store served 1e14 B in total, the cache 1e14 B, a hit ratio of 1/2.
  Scenario scenario = one_leaf_scenario();
  scenario.storage.capacity_bytes = 1e15;
  scenario.storage.object_store = ObjectStoreSpec{1e16, 1e11, 1e4, 16e6, 0.02};
  scenario.storage.datasets = {{"drives", 1e14}};
  const auto run = simulate_in_child_process(
      scenario, trace_of({streaming_job("a", 0, 1e12, "drives"), streaming_job("b", 7e5, 1e12, "drives")}));
  const auto& bytes = run.report["storage"]["bytes_read"];
  CHECK(bytes["object_store"].get<double>() == Approx(1e14));
  CHECK(bytes["store"].get<double>() == Approx(1e14));
  CHECK(run.report["storage"]["cache_hit_ratio"].get<double>() == Approx(0.5));
}

TEST_CASE("a read that ends on the resident prefix up to rounding is all hits", "[storage][input]") {
  // Eleven reads of 1e13 / 11 B leave 9,999,999,999,999.998 B resident, not 1e13 (the sum's
  // doubles lose their last bits). A second reader's read of [0, 1e13) then overlaps the
  // resident prefix by all but 0.002 B: rounding, not a miss. It is all hits, and nothing goes
  // to the object store (a 0.002 B "miss" once became a flow of zero bytes, which SimGrid
  // never completes under a timeout: the reader stalled until the horizon).
  StorageSpec storage;
  storage.capacity_bytes = 1e15;
  storage.object_store = ObjectStoreSpec{1e16, 1e11, 1e4, 16e6, 0.02};
  storage.datasets = {{"logs", 1e14}};
  StorageTiers tiers(storage);
  double position = 0;
  for (int i = 0; i < 11; ++i) {
    tiers.read(0, position, 1e13 / 11, false);
    position += 1e13 / 11;
  }
  REQUIRE(tiers.resident_bytes(0) < 1e13);  // the rounding this test is about
  const InputSources second = tiers.read(0, 0, 1e13, false);
  CHECK(second.store_bytes == 1e13);
  CHECK(second.object_store_bytes == 0);
}

TEST_CASE("a job trailing another over a dataset reads from the cache without stalling",
          "[engine][storage][input]") {
  // Job a reads a 1e14 B dataset's first 1e14 / 3 B (100 steps of 1e12 / 3 B, all misses);
  // job b, submitted after a has ended, reads the same bytes. In exact arithmetic all of b's
  // reads hit; in doubles its positions and the resident prefix differ in their last bits
  // from step 3 on (misses of 6e-5 B). Those are hits (test above): b reads everything from
  // the cache, its reads (1.67e11 B a node at 10 GB/s: 16.7 s) hide behind its 6,000 s steps,
  // and it ends 100 × 6,000.075 s after it starts, as a does; the object store served
  // 1e14 / 3 B, the cache as much, a hit ratio of 1/2, and nobody waited on input. The run has
  // a horizon (1.5e6 s, after both ends): waits then have a timeout, under which SimGrid 3.32
  // never completes a flow of zero bytes; b once stalled on one from step 3 to the horizon.
  Scenario scenario = one_leaf_scenario();
  scenario.simulation.horizon_s = 1.5e6;
  scenario.storage.capacity_bytes = 1e15;
  scenario.storage.object_store = ObjectStoreSpec{1e16, 1e11, 1e4, 16e6, 0.02};
  scenario.storage.datasets = {{"logs", 1e14}};
  const auto run = simulate_in_child_process(scenario, trace_of({streaming_job("a", 0, 1e12 / 3, "logs"),
                                                                 streaming_job("b", 7e5, 1e12 / 3, "logs")}));
  CHECK(end_of(run, 0) == Approx(100 * kStepS).epsilon(1e-9));
  CHECK(end_of(run, 1) == Approx(7e5 + 100 * kStepS).epsilon(1e-9));
  const auto& storage = run.report["storage"];
  CHECK(storage["bytes_read"]["object_store"].get<double>() == Approx(1e14 / 3));
  CHECK(storage["bytes_read"]["store"].get<double>() == Approx(1e14 / 3));
  CHECK(storage["cache_hit_ratio"].get<double>() == Approx(0.5));
  CHECK(storage["input_wait_ppu_hours"].get<double>() == Approx(0).margin(1e-9));
}

TEST_CASE("a read split between the cache and a slower object store waits for the slower part",
          "[engine][storage][input]") {
  // A 1e13 B dataset behind a 9.4e12 B cache (94 % of it); the job reads one whole pass a step
  // (1e13 B, 5e12 B a node). Step 1 finds the cache cold: 1e13 B from the object store at
  // B2 = 5e7 B/s take 200,000 s, and leave 9.4e12 B resident (the cache's capacity). Each of
  // steps 2-100 then reads 9.4e12 B from the store (B1 = 1e12 B/s: 9.4 s; the client links,
  // 5e12 B a node at 10 GB/s: 500 s) and 6e11 B from the object store (12,000 s): the step
  // takes max(6,000.075, 500, 12,000) = 12,000 s. The job ends at 200,000 + 99 × 12,000 =
  // 1,388,000 s, and its 16 PPUs waited 16 · (1,388,000 − 100 · 6,000.075) / 3,600 PPU-hours.
  // Bytes: object store 1e13 + 99 · 6e11 = 6.94e13, store 99 · 9.4e12 = 9.306e14, a hit
  // ratio of 9.306e14 / 1e15 = 0.9306.
  Scenario scenario = one_leaf_scenario();
  scenario.storage.capacity_bytes = 9.4e12;
  scenario.storage.object_store = ObjectStoreSpec{1e16, 5e7, 1e4, 16e6, 0.02};
  scenario.storage.datasets = {{"logs", 1e13}};
  const auto run = simulate_in_child_process(scenario, trace_of({streaming_job("a", 0, 1e13, "logs")}));
  CHECK(end_of(run, 0) == Approx(200000 + 99 * 12000.0).epsilon(1e-9));
  const auto& storage = run.report["storage"];
  CHECK(storage["input_wait_ppu_hours"].get<double>() ==
        Approx(16 * (200000 + 99 * 12000.0 - 100 * kStepS) / 3600).epsilon(1e-9));
  CHECK(storage["bytes_read"]["object_store"].get<double>() == Approx(6.94e13));
  CHECK(storage["bytes_read"]["store"].get<double>() == Approx(9.306e14));
  CHECK(storage["cache_hit_ratio"].get<double>() == Approx(0.9306));
}

TEST_CASE("a node cache serves the second pass over a dataset", "[engine][storage][input]") {
  // The job reads 2e14 B of a 1e14 B dataset (100 steps of 2e12 B): two passes. Each node's
  // share, 5e13 B, fits its 1e14 B NVMe; after the first 50 steps the nodes read locally:
  // 1e14 B from the store, 1e14 B from the node caches.
  Scenario scenario = one_leaf_scenario();
  scenario.storage.node_cache = NodeCacheSpec{1e14, 5e9, 0};
  scenario.storage.datasets = {{"drives", 1e14}};
  const auto run = simulate_in_child_process(scenario, trace_of({streaming_job("a", 0, 2e12, "drives")}));
  const auto& bytes = run.report["storage"]["bytes_read"];
  CHECK(bytes["store"].get<double>() == Approx(1e14));
  CHECK(bytes["node_cache"].get<double>() == Approx(1e14));
  CHECK(end_of(run, 0) == Approx(100 * kStepS).epsilon(1e-9));
}

namespace {

nlohmann::json scenario_with_tiers() {
  nlohmann::json d = minimal_scenario();
  d["storage"]["capacity_bytes"] = 2e13;
  d["storage"]["usd_per_gb_month"] = 0.145;
  d["storage"]["object_store"] = {{"capacity_bytes", 1e16},
                                  {"bandwidth_bytes_per_s", 100e9},
                                  {"requests_per_s", 5500},
                                  {"request_bytes", 4e6},
                                  {"usd_per_gb_month", 0.023}};
  d["storage"]["node_cache"] = {{"capacity_bytes", 3.84e12}, {"bandwidth_bytes_per_s", 6e9}};
  d["storage"]["datasets"] = {{{"name", "drive-clips"}, {"bytes", 1e14}}};
  return d;
}

}  // namespace

TEST_CASE("storage tiers load with their defaults", "[config][storage]") {
  const Scenario s = parse_scenario(scenario_with_tiers(), "configs/x.json");
  REQUIRE(s.storage.object_store);
  // 5,500 requests/s × 4 MB = 22 GB/s, below the 100 GB/s bandwidth.
  CHECK(s.storage.object_store->effective_bandwidth_bytes_per_s() == Approx(22e9));
  CHECK(s.storage.node_cache->usd_per_gb_month == 0);
  CHECK(s.storage.dataset_index("drive-clips") == 0);
  CHECK(s.storage.dataset_index("other") == -1);
}

TEST_CASE("a dataset larger than the tier that must hold it is refused with its numbers",
          "[config][storage]") {
  nlohmann::json d = scenario_with_tiers();
  d["storage"]["datasets"][0]["bytes"] = 2e16;
  REQUIRE_THROWS_WITH(
      parse_scenario(d, "configs/x.json"),
      Contains("configs/x.json: /storage/datasets/0/bytes: found 2e+16 (dataset \"drive-clips\"), "
               "expected at most 1e+16 bytes, the capacity of the object store "
               "(/storage/object_store/capacity_bytes)"));
  // Without an object store, the shared store is the home and its capacity the limit.
  d = scenario_with_tiers();
  d["storage"].erase("object_store");
  REQUIRE_THROWS_WITH(
      parse_scenario(d, "configs/x.json"),
      Contains("/storage/datasets/0/bytes: found 100000000000000 (dataset \"drive-clips\"), expected "
               "at most 20000000000000 bytes, the capacity of the shared store "
               "(/storage/capacity_bytes)"));
  // Each fits, together they do not.
  d = scenario_with_tiers();
  d["storage"]["object_store"]["capacity_bytes"] = 1.5e14;
  d["storage"]["datasets"].push_back({{"name", "lidar"}, {"bytes", 1e14}});
  REQUIRE_THROWS_WITH(parse_scenario(d, "configs/x.json"),
                      Contains("/storage/datasets: found datasets of 200000000000000 bytes in all, expected "
                               "at most 150000000000000"));
  d = scenario_with_tiers();
  d["storage"]["datasets"].push_back({{"name", "drive-clips"}, {"bytes", 1e12}});
  REQUIRE_THROWS_WITH(parse_scenario(d, "configs/x.json"), Contains("/storage/datasets/1/name"));
}

TEST_CASE("storage is priced per GB-month over the window", "[economics][storage]") {
  // A 30.4375-day month (365.25 / 12 days). Shared store: 2e13 B = 20,000 GB × $0.145 = $2,900;
  // object store: the 1e14 B dataset = 100,000 GB × $0.023 = $2,300; node caches unpriced.
  const Scenario s = parse_scenario(scenario_with_tiers(), "configs/x.json");
  const StorageCost month = storage_cost(s, 365.25 / 12 * 86400);
  CHECK(month.store_usd == Approx(2900));
  CHECK(month.object_store_usd == Approx(2300));
  CHECK(month.node_cache_usd == 0);
  // Sizing: 16 nodes × min(25 GB/s, 400 GB/s NICs) = 400 GB/s < the 2 TB/s aggregate; per PPU
  // (128) 3.125 GB/s. Node caches: 16 × 3.84 TB, 16 × 6 GB/s.
  const std::vector<StorageTierSizing> tiers = storage_sizing(s);
  REQUIRE(tiers.size() == 3);
  CHECK(tiers[0].bandwidth_bytes_per_s == Approx(400e9));
  CHECK(tiers[0].bandwidth_per_ppu_bytes_per_s == Approx(3.125e9));
  CHECK(tiers[1].bandwidth_bytes_per_s == Approx(22e9));
  CHECK(*tiers[2].capacity_bytes == Approx(16 * 3.84e12));
  CHECK(tiers[2].bandwidth_bytes_per_s == Approx(96e9));
}

TEST_CASE("a trace row's input is read, checked and written back", "[trace][storage]") {
  const std::string folder = (std::filesystem::temp_directory_path() / "ppusim-streaming-input").string();
  std::filesystem::create_directories(folder);
  const std::string path = folder + "/trace.jsonl";
  auto write = [&](const std::string& row) { std::ofstream(path) << row << "\n"; };
  write(
      R"({"id": "p", "submit_s": 0, "ppus": 8, "model": {"parameters": 1e9, "tokens": 1e12}, "input": {"bytes_per_token": 2500, "dataset": "drive-clips"}})");
  const JobTrace trace = read_job_trace(path, false);
  REQUIRE(trace.jobs[0].input);
  CHECK(trace.jobs[0].input->unit == InputUnit::PerToken);
  CHECK(trace.jobs[0].input->dataset == "drive-clips");
  std::ostringstream written;
  write_job_trace(trace, written);
  CHECK_THAT(written.str(), Contains(R"("input":{"bytes_per_token":2500.0,"dataset":"drive-clips"})"));
  write(R"({"id": "p", "submit_s": 0, "ppus": 8, "flops": 1e18, "input": {"bytes_per_token": 2500}})");
  REQUIRE_THROWS_WITH(read_job_trace(path, false),
                      Contains(":1: /input/bytes_per_token: found on a job without \"model\""));
  write(
      R"({"id": "p", "submit_s": 0, "ppus": 8, "flops": 1e18, "input": {"bytes_per_step": 1, "bytes_per_sample": 2}})");
  REQUIRE_THROWS_WITH(read_job_trace(path, false),
                      Contains("/input/bytes_per_sample: found together with \"bytes_per_step\""));
  // A dataset the scenario does not list is refused before the run, naming the row.
  write(
      R"({"id": "p", "submit_s": 0, "ppus": 8, "flops": 1e18, "input": {"bytes_per_step": 1e9, "dataset": "drives"}})");
  const Scenario s = parse_scenario(scenario_with_tiers(), "configs/x.json");
  REQUIRE_THROWS_WITH(check_streaming_inputs(read_job_trace(path, false), s),
                      Contains("trace.jsonl:1: /input/dataset: found \"drives\", expected a dataset of the "
                               "scenario's /storage/datasets (drive-clips)"));
  std::filesystem::remove_all(folder);
}
