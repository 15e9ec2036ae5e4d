// The scenario loader: SI conversion, defaults, and one test per class of input error.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "sim/config/scenario_loader.hpp"
#include "sim/core/input_error.hpp"
#include "sim/core/json_reader.hpp"
#include "sim/sweep/cheapest_spec.hpp"
#include "sim/sweep/growth_spec.hpp"
#include "sim/sweep/sweep_spec.hpp"
#include "tests/minimal_scenario_json.hpp"

using Catch::Matchers::Contains;
using nlohmann::json;
using ppusim::InputError;
using ppusim::JsonReader;
using ppusim::load_scenario;
using ppusim::parse_scenario;
using ppusim::Scenario;

namespace {

namespace fs = std::filesystem;

using ppusim::test::minimal_scenario;

Scenario parse(const json& document) { return parse_scenario(document, "configs/x.json"); }

// A private folder under the system temp dir, removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    std::random_device random;
    path = fs::temp_directory_path() / ("ppusim-loader-test-" + std::to_string(random()));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  std::string write(const std::string& name, const std::string& content) const {
    const fs::path file = path / name;
    std::ofstream(file, std::ios::binary) << content;
    return file.string();
  }
};

}  // namespace

TEST_CASE("a minimal scenario parses to SI values and documented defaults", "[config]") {
  const Scenario s = parse(minimal_scenario());
  CHECK(s.name == "mini");
  CHECK(s.source_path == "configs/x.json");

  CHECK(s.ppu.name == "test-ppu");
  CHECK(s.ppu.peak_bf16_flops_per_s == 1e15);
  CHECK(s.ppu.peak_fp8_flops_per_s == 2e15);  // default: twice BF16
  CHECK(s.ppu.hbm_bytes == 80e9);
  CHECK(s.ppu.tdp_watts == 700);
  CHECK(s.ppu.idle_watts == 100);

  CHECK(s.node.ppus_per_node == 8);
  CHECK(s.node.nics_per_node == 8);
  CHECK(s.node.nic_bandwidth_bytes_per_s == 50e9);  // 400 Gbit/s
  CHECK(s.node.node_nic_bandwidth_bytes_per_s() == 400e9);
  CHECK(s.node.host_watts == 0);

  CHECK(s.cluster.nodes == 16);
  CHECK(s.total_ppus() == 128);

  CHECK(s.topology.kind == "fat-tree");
  CHECK(s.topology.tiers == 3);
  CHECK(s.topology.nodes_per_leaf == 4);
  CHECK(s.topology.leaves_per_pod == 2);
  CHECK(s.topology.leaf_oversubscription == 1);
  CHECK(s.topology.pod_oversubscription == 1);
  CHECK(s.topology.link_bandwidth_bytes_per_s == 100e9);  // 800 Gbit/s
  CHECK(s.topology.link_latency_s == 1e-6);

  CHECK(s.storage.aggregate_bandwidth_bytes_per_s == 2e12);
  CHECK(s.storage.per_client_bandwidth_bytes_per_s == 25e9);
  CHECK(s.storage.latency_s == 0);

  CHECK(s.scheduler.policy == ppusim::SchedulingPolicy::EasyBackfill);
  CHECK(s.scheduler.placement == ppusim::PlacementPolicy::Pack);
  CHECK(s.scheduler.backfill_depth == 100);

  CHECK(s.workload.trace_path.empty());
  REQUIRE(s.workload.generator.has_value());
  CHECK(s.workload.generator->jobs == 10);
  CHECK(s.workload.generator->duration_s == 3600);
  CHECK(s.workload.generator->min_ppus == 1);
  CHECK(s.workload.generator->max_ppus == 16384);
  CHECK(s.workload.generator->model_jobs_min_ppus == 64);
  CHECK_FALSE(s.workload.skip_bad_rows);
  CHECK(s.workload.model_flops_utilization == 0.4);
  CHECK(s.workload.gradient_bytes_per_parameter == 2);
  CHECK(s.workload.default_global_batch_tokens == 4194304);

  CHECK_FALSE(s.simulation.horizon_s.has_value());
  CHECK(s.simulation.seed == 1);
  CHECK(s.simulation.output_dir == "out/mini");
  CHECK(s.simulation.time_series_interval_s == 3600);
  CHECK(s.simulation.segment_s == 600);

  CHECK(s.economics.capex_per_node_usd == 270000);
  CHECK(s.economics.network_capex_fraction == 0);
  CHECK(s.economics.amortization_years == 5);
  CHECK(s.economics.power_price_usd_per_kwh == 0.08);
  CHECK(s.economics.pue == 1.25);
  // Staff absent: the assumption of scenario.hpp, $150,000 per engineer for 250 PPUs = $600 per
  // PPU-year, times 8 PPUs per node = $4,800 per node-year; nothing per job.
  CHECK(s.economics.staff_usd_per_node_year == Approx(4800));
  CHECK(s.economics.staff_usd_per_job == 0);
}

TEST_CASE("optional fields override the defaults", "[config]") {
  json doc = minimal_scenario();
  doc["description"] = "free text, ignored";
  doc["ppu"]["peak_fp8_flops_per_s"] = 1.5e15;
  doc["node"]["host_watts"] = 4600;
  doc["topology"]["leaf_oversubscription"] = 1.5;
  doc["topology"]["pod_oversubscription"] = 15;
  doc["storage"]["latency_s"] = 1e-3;
  doc["scheduler"] = {{"policy", "fifo"}, {"placement", "spread"}, {"backfill_depth", 7}};
  doc["workload"]["generator"]["max_ppus"] = 1e6;  // larger than the cluster: allowed
  doc["workload"]["generator"]["size_alpha"] = 0;
  doc["workload"]["skip_bad_rows"] = true;
  doc["workload"]["model_flops_utilization"] = 1;  // the closed end of (0, 1]
  doc["simulation"] = {{"horizon_s", 86400},
                       {"seed", 18446744073709551615ULL},
                       {"output_dir", "elsewhere"},
                       {"time_series_interval_s", 60},
                       {"segment_s", 30}};
  doc["economics"]["network_capex_fraction"] = 0.19;

  const Scenario s = parse(doc);
  CHECK(s.ppu.peak_fp8_flops_per_s == 1.5e15);
  CHECK(s.node.host_watts == 4600);
  CHECK(s.topology.leaf_oversubscription == 1.5);
  CHECK(s.topology.pod_oversubscription == 15);
  CHECK(s.storage.latency_s == 1e-3);
  CHECK(s.scheduler.policy == ppusim::SchedulingPolicy::Fifo);
  CHECK(s.scheduler.placement == ppusim::PlacementPolicy::Spread);
  CHECK(s.scheduler.backfill_depth == 7);
  CHECK(s.workload.generator->max_ppus == 1000000);
  CHECK(s.workload.generator->size_alpha == 0);
  CHECK(s.workload.skip_bad_rows);
  CHECK(s.workload.model_flops_utilization == 1);
  CHECK(s.simulation.horizon_s == 86400);
  CHECK(s.simulation.seed == 18446744073709551615ULL);
  CHECK(s.simulation.output_dir == "elsewhere");
  CHECK(s.simulation.time_series_interval_s == 60);
  CHECK(s.simulation.segment_s == 30);
  CHECK(s.economics.network_capex_fraction == 0.19);
}

TEST_CASE("the cluster may be given in PPUs", "[config]") {
  json doc = minimal_scenario();
  doc["cluster"] = {{"ppus", 100000}};
  CHECK(parse(doc).cluster.nodes == 12500);
}

TEST_CASE("integers may be written in exponent form but must be whole", "[config]") {
  json doc = minimal_scenario();
  doc["workload"]["generator"]["jobs"] = 2e4;
  CHECK(parse(doc).workload.generator->jobs == 20000);
  doc["workload"]["generator"]["jobs"] = 2.5;
  REQUIRE_THROWS_WITH(parse(doc), Contains("configs/x.json: /workload/generator/jobs: found 2.5, expected a "
                                           "positive integer"));
}

TEST_CASE("a trace path is resolved against the scenario file's folder", "[config]") {
  json doc = minimal_scenario();
  doc["workload"] = {{"trace", "../tests/data/jobs.jsonl"}};
  const Scenario s = parse_scenario(doc, "repo/configs/x.json");
  CHECK(s.workload.trace_path == "repo/tests/data/jobs.jsonl");
  CHECK_FALSE(s.workload.generator.has_value());

  doc["workload"]["trace"] = "/abs/jobs.jsonl";
  CHECK(parse_scenario(doc, "repo/configs/x.json").workload.trace_path == "/abs/jobs.jsonl");
  doc["workload"]["trace"] = "jobs.jsonl";
  CHECK(parse_scenario(doc, "x.json").workload.trace_path == "jobs.jsonl");
}

TEST_CASE("a two-tier fat-tree is a single pod", "[config]") {
  json doc = minimal_scenario();
  doc["topology"]["tiers"] = 2;
  doc["topology"].erase("leaves_per_pod");
  CHECK(parse(doc).topology.leaves_per_pod == 4);  // 16 nodes / 4 per leaf
  doc["topology"]["leaves_per_pod"] = 8;           // a pod with spare spine ports
  CHECK(parse(doc).topology.leaves_per_pod == 8);
  doc["topology"]["nodes_per_leaf"] = 64;  // larger than the cluster: one partly filled leaf group
  CHECK(parse(doc).topology.nodes_per_leaf == 64);
}

TEST_CASE("unknown keys are rejected at every level, with the allowed keys", "[config][errors]") {
  json doc = minimal_scenario();
  SECTION("top level") {
    doc["nmae"] = "x";
    REQUIRE_THROWS_WITH(parse(doc), Contains("configs/x.json: /nmae: unknown key; allowed keys here: name, "
                                             "description, ppu, node, cluster, topology, storage, scheduler, "
                                             "workload, simulation, setup, economics") &&
                                        Contains("did you mean \"name\"?"));
  }
  SECTION("a typo is reported as unknown, not as the correct key missing") {
    doc["ppu"]["tdp_wats"] = doc["ppu"]["tdp_watts"];
    doc["ppu"].erase("tdp_watts");
    REQUIRE_THROWS_WITH(parse(doc), Contains("configs/x.json: /ppu/tdp_wats: unknown key; allowed keys here: "
                                             "name, peak_bf16_flops_per_s,") &&
                                        Contains("did you mean \"tdp_watts\"?"));
  }
  SECTION("nested") {
    doc["workload"]["generator"]["colour"] = "blue";
    REQUIRE_THROWS_WITH(parse(doc),
                        Contains("/workload/generator/colour: unknown key; allowed keys here: jobs, "
                                 "duration_s, min_ppus"));
  }
  SECTION("an optional block") {
    doc["scheduler"] = {{"policies", "fifo"}};
    REQUIRE_THROWS_WITH(parse(doc),
                        Contains("/scheduler/policies: unknown key") && Contains("did you mean \"policy\"?"));
  }
}

TEST_CASE("wrong JSON types name what was found", "[config][errors]") {
  json doc = minimal_scenario();
  SECTION("string for an integer") {
    doc["node"]["ppus_per_node"] = "8";
    REQUIRE_THROWS_WITH(parse(doc), Contains("configs/x.json: /node/ppus_per_node: found \"8\" (a string), "
                                             "expected a positive integer"));
  }
  SECTION("boolean for a number") {
    doc["ppu"]["tdp_watts"] = true;
    REQUIRE_THROWS_WITH(parse(doc),
                        Contains("/ppu/tdp_watts: found true (a boolean), expected a number in (0, 10000]"));
  }
  SECTION("number for a string") {
    doc["ppu"]["name"] = 5;
    REQUIRE_THROWS_WITH(parse(doc), Contains("/ppu/name: found 5 (a number), expected a non-empty string"));
  }
  SECTION("array for a block") {
    doc["storage"] = json::array({1, 2});
    REQUIRE_THROWS_WITH(parse(doc), Contains("/storage: found an array, expected an object"));
  }
  SECTION("string for a boolean") {
    doc["workload"]["skip_bad_rows"] = "yes";
    REQUIRE_THROWS_WITH(parse(doc),
                        Contains("/workload/skip_bad_rows: found \"yes\" (a string), expected true or "
                                 "false"));
  }
  SECTION("negative seed") {
    doc["simulation"] = {{"seed", -1}};
    REQUIRE_THROWS_WITH(parse(doc), Contains("/simulation/seed: found -1, expected a non-negative integer"));
  }
  SECTION("the document itself") {
    REQUIRE_THROWS_WITH(parse(json::array()),
                        Contains("configs/x.json: /: found an array, expected an object"));
  }
  SECTION("description must be text") {
    doc["description"] = 3;
    REQUIRE_THROWS_WITH(parse(doc), Contains("/description: found 3 (a number), expected a string"));
  }
}

TEST_CASE("out-of-range values name the range", "[config][errors]") {
  json doc = minimal_scenario();
  SECTION("oversubscription below 1") {
    doc["topology"]["leaf_oversubscription"] = -2;
    REQUIRE_THROWS_WITH(parse(doc), Contains("configs/x.json: /topology/leaf_oversubscription: found -2, "
                                             "expected a number in [1, 1024]"));
  }
  SECTION("zero bandwidth") {
    doc["node"]["nic_bandwidth_bits_per_s"] = 0;
    REQUIRE_THROWS_WITH(parse(doc),
                        Contains("/node/nic_bandwidth_bits_per_s: found 0, expected a number in [1000000, "));
  }
  SECTION("too many PPUs per node") {
    doc["node"]["ppus_per_node"] = 2048;
    REQUIRE_THROWS_WITH(parse(doc),
                        Contains("/node/ppus_per_node: found 2048, expected a positive integer <= 1024"));
  }
  SECTION("tiers") {
    doc["topology"]["tiers"] = 4;
    REQUIRE_THROWS_WITH(parse(doc), Contains("/topology/tiers: found 4, expected 2 or 3"));
  }
  SECTION("utilization above 1") {
    doc["workload"]["model_flops_utilization"] = 1.2;
    REQUIRE_THROWS_WITH(parse(doc),
                        Contains("/workload/model_flops_utilization: found 1.2, expected a number in "
                                 "(0, 1]"));
  }
  SECTION("network fraction of 1") {
    doc["economics"]["network_capex_fraction"] = 1;
    REQUIRE_THROWS_WITH(parse(doc),
                        Contains("/economics/network_capex_fraction: found 1, expected a number in "
                                 "[0, 1)"));
  }
  SECTION("PUE below 1") {
    doc["economics"]["pue"] = 0.9;
    REQUIRE_THROWS_WITH(parse(doc), Contains("/economics/pue: found 0.9, expected a number in [1, 3]"));
  }
  SECTION("empty name") {
    doc["name"] = "";
    REQUIRE_THROWS_WITH(parse(doc), Contains("/name: found \"\", expected a non-empty string"));
  }
  SECTION("a name that is not a safe folder name") {
    doc["name"] = "../etc";
    REQUIRE_THROWS_WITH(parse(doc), Contains("/name: found \"../etc\", expected a name of letters, digits"));
  }
}

TEST_CASE("missing required fields and blocks", "[config][errors]") {
  json doc = minimal_scenario();
  SECTION("a field") {
    doc["ppu"].erase("tdp_watts");
    REQUIRE_THROWS_WITH(parse(doc),
                        Contains("configs/x.json: /ppu/tdp_watts: missing, expected a number in (0, 10000]"));
  }
  SECTION("null is named as null, not as missing (issue #16)") {
    doc["ppu"]["tdp_watts"] = nullptr;
    REQUIRE_THROWS_WITH(parse(doc), Contains("/ppu/tdp_watts: found null, expected a number in (0, 10000]"));
  }
  SECTION("a block") {
    doc.erase("economics");
    REQUIRE_THROWS_WITH(parse(doc), Contains("/economics: missing, expected an object"));
  }
  SECTION("the name") {
    doc.erase("name");
    REQUIRE_THROWS_WITH(parse(doc), Contains("/name: missing, expected a non-empty string"));
  }
  SECTION("the generator's job count") {
    doc["workload"]["generator"].erase("jobs");
    REQUIRE_THROWS_WITH(parse(doc),
                        Contains("/workload/generator/jobs: missing, expected a positive integer"));
  }
}

TEST_CASE("a cluster needs exactly one of nodes and ppus", "[config][errors]") {
  json doc = minimal_scenario();
  SECTION("both") {
    doc["cluster"] = {{"nodes", 16}, {"ppus", 128}};
    REQUIRE_THROWS_WITH(parse(doc), Contains("configs/x.json: /cluster: found both \"nodes\" and \"ppus\", "
                                             "expected exactly one of them"));
  }
  SECTION("neither") {
    doc["cluster"] = json::object();
    REQUIRE_THROWS_WITH(parse(doc),
                        Contains("configs/x.json: /cluster: found neither \"nodes\" nor \"ppus\", "
                                 "expected exactly one of them"));
  }
}

TEST_CASE("inconsistent combinations name every path involved", "[config][errors]") {
  json doc = minimal_scenario();
  SECTION("PPUs not a whole number of nodes") {
    doc["cluster"] = {{"ppus", 100}};
    REQUIRE_THROWS_WITH(parse(doc), Contains("/cluster/ppus: found 100, expected a multiple of "
                                             "/node/ppus_per_node (8)"));
  }
  SECTION("idle power not below TDP") {
    doc["ppu"]["idle_watts"] = 700;
    REQUIRE_THROWS_WITH(parse(doc),
                        Contains("/ppu/idle_watts: found 700, expected a number < /ppu/tdp_watts (700)"));
  }
  SECTION("three tiers without a pod size") {
    doc["topology"].erase("leaves_per_pod");
    REQUIRE_THROWS_WITH(parse(doc),
                        Contains("/topology/leaves_per_pod: missing, expected a positive integer when "
                                 "/topology/tiers is 3"));
  }
  SECTION("two tiers with pods smaller than the cluster") {
    doc["topology"]["tiers"] = 2;
    REQUIRE_THROWS_WITH(parse(doc),
                        Contains("/topology/leaves_per_pod: found 2, expected absent or at least the "
                                 "number of leaf groups (4) when /topology/tiers is 2"));
  }
  SECTION("two tiers with pod oversubscription") {
    doc["topology"]["tiers"] = 2;
    doc["topology"].erase("leaves_per_pod");
    doc["topology"]["pod_oversubscription"] = 15;
    REQUIRE_THROWS_WITH(parse(doc),
                        Contains("/topology/pod_oversubscription: found 15, expected absent or 1 when "
                                 "/topology/tiers is 2"));
  }
  SECTION("generator sizes reversed") {
    doc["workload"]["generator"]["min_ppus"] = 64;
    doc["workload"]["generator"]["max_ppus"] = 8;
    REQUIRE_THROWS_WITH(parse(doc), Contains("/workload/generator/max_ppus: found 8, expected an integer >= "
                                             "/workload/generator/min_ppus (64)"));
  }
  SECTION("generator size range without a power of two") {
    doc["workload"]["generator"]["min_ppus"] = 5;
    doc["workload"]["generator"]["max_ppus"] = 7;
    REQUIRE_THROWS_WITH(parse(doc),
                        Contains("/workload/generator/max_ppus: found 7, expected an integer >= 8"));
  }
  SECTION("trace and generator") {
    doc["workload"]["trace"] = "jobs.jsonl";
    REQUIRE_THROWS_WITH(parse(doc),
                        Contains("configs/x.json: /workload: found both \"trace\" and \"generator\", "
                                 "expected exactly one of them"));
  }
  SECTION("neither trace nor generator") {
    doc["workload"] = json::object();
    REQUIRE_THROWS_WITH(parse(doc),
                        Contains("configs/x.json: /workload: found neither \"trace\" nor \"generator\", "
                                 "expected exactly one of them"));
  }
}

TEST_CASE("enumerations list the allowed values", "[config][errors]") {
  json doc = minimal_scenario();
  SECTION("topology kind") {
    doc["topology"]["kind"] = "hypercube";
    REQUIRE_THROWS_WITH(parse(doc),
                        Contains("configs/x.json: /topology/kind: found \"hypercube\", expected one of "
                                 "\"fat-tree\", \"rail-optimized\", \"dragonfly\", \"torus\""));
  }
  SECTION("scheduling policy") {
    doc["scheduler"] = {{"policy", "lottery"}};
    REQUIRE_THROWS_WITH(parse(doc),
                        Contains("/scheduler/policy: found \"lottery\", expected one of \"fifo\", "
                                 "\"easy-backfill\""));
  }
  SECTION("placement of the wrong type") {
    doc["scheduler"] = {{"placement", 1}};
    REQUIRE_THROWS_WITH(parse(doc),
                        Contains("/scheduler/placement: found 1 (a number), expected one of \"pack\", "
                                 "\"spread\""));
  }
}

TEST_CASE("file problems name the file", "[config][errors]") {
  TempDir dir;
  SECTION("missing file") {
    const std::string path = (dir.path / "absent.json").string();
    REQUIRE_THROWS_WITH(load_scenario(path),
                        Contains(path + ": cannot open the file: No such file or directory"));
  }
  SECTION("a directory") {
    REQUIRE_THROWS_WITH(load_scenario(dir.path.string()), Contains(dir.path.string() + ": is a directory"));
  }
  SECTION("empty file") {
    const std::string path = dir.write("empty.json", " \n\t\n");
    REQUIRE_THROWS_WITH(load_scenario(path), Contains(path + ": the file is empty, expected a JSON object"));
  }
  SECTION("invalid JSON, located by line and column") {
    const std::string path = dir.write("bad.json", "{\n  \"name\": \"x\",\n  \"ppu\": }\n");
    REQUIRE_THROWS_WITH(
        load_scenario(path),
        Contains(path + ": line 3, column 10: invalid JSON: syntax error") && Contains("unexpected '}'"));
  }
  SECTION("a trailing comma") {
    const std::string path = dir.write("comma.json", "{\"name\": \"x\",}");
    REQUIRE_THROWS_WITH(load_scenario(path), Contains(path + ": column 14: invalid JSON"));
  }
  SECTION("duplicate keys") {
    const std::string path = dir.write("dup.json", R"({"name": "a", "topology": {"tiers": 2, "tiers": 3}})");
    REQUIRE_THROWS_WITH(load_scenario(path), Contains(path + ": /topology/tiers: duplicate key"));
  }
  SECTION("a valid file loads, and its trace is found next to it") {
    json doc = minimal_scenario();
    doc["workload"] = {{"trace", "jobs.jsonl"}};
    const std::string path = dir.write("ok.json", doc.dump(2));
    const Scenario s = load_scenario(path);
    CHECK(s.source_path == path);
    CHECK(s.workload.trace_path == (dir.path / "jobs.jsonl").string());
  }
}

TEST_CASE("the shipped scenarios load", "[config]") {
  const fs::path root = PPUSIM_SOURCE_DIR;
  int loaded = 0;
  // configs/ and bench/ hold scenarios only, so that `ppusim validate configs/*.json` checks
  // them all (issue #16); specs live in configs/plans/ and configs/sweeps/, the CI gate's
  // tolerance file in configs/gate/.
  for (const char* folder : {"configs", "bench", "configs/plans"}) {
    if (!fs::is_directory(root / folder)) continue;
    for (const auto& entry : fs::directory_iterator(root / folder)) {
      if (entry.path().extension() != ".json") continue;
      INFO(entry.path().string());
      // configs/plans/*-plan.json are specs of ppusim plan cheapest (docs/sweeps.md): checked as
      // such, each candidate as a complete scenario.
      if (std::string(folder) == "configs/plans" &&
          entry.path().filename().string().ends_with("-plan.json")) {
        CHECK_NOTHROW(ppusim::check_cheapest_spec(ppusim::load_cheapest_spec(entry.path().string())));
        continue;
      }
      // configs/plans/*-growth.json are specs of ppusim plan growth (docs/planning.md), which
      // loads their base and checks every generation and target.
      if (std::string(folder) == "configs/plans" &&
          entry.path().filename().string().ends_with("-growth.json")) {
        CHECK_NOTHROW(ppusim::load_growth_spec(entry.path().string()));
        continue;
      }
      CHECK_NOTHROW(load_scenario(entry.path().string()));
      ++loaded;
    }
  }
  CHECK(loaded >= 2);
  // The sweep of docs/sweeps.md, "Example", is shipped (issue #16: the docs named a file that
  // did not exist); its base is a scenario.
  CHECK_NOTHROW(load_scenario((root / "configs/sweeps/demo-base.json").string()));
  CHECK(ppusim::load_sweep_spec((root / "configs/sweeps/demo-spec.json").string()).metrics.empty());

  const Scenario reference = load_scenario((root / "configs/reference-100k.json").string());
  CHECK(reference.total_ppus() == 100000);
  CHECK(reference.cluster.nodes == 12500);
  CHECK(reference.node.nic_bandwidth_bytes_per_s == 50e9);
  CHECK(reference.node.node_nic_bandwidth_bytes_per_s() == 400e9);
  CHECK(reference.topology.tiers == 3);

  const Scenario small = load_scenario((root / "configs/small-test.json").string());
  CHECK(small.total_ppus() == 128);
  CHECK(fs::path(small.workload.trace_path).filename() == "small-jobs.jsonl");
  CHECK(fs::path(small.workload.trace_path).parent_path().filename() == "data");
}

TEST_CASE("JsonReader is usable on its own, e.g. for trace rows", "[config][json_reader]") {
  const json row =
      json::parse(R"({"id": "j1", "ppus": 64, "model": {"parameters": 7e9}, "a/b": 1, "nil": null})");
  JsonReader r(row, "trace.jsonl:17");
  CHECK(r.string("id") == "j1");
  CHECK(r.integer("ppus", ppusim::IntegerRange::positive()) == 64);
  JsonReader model = r.object("model");
  CHECK(model.path() == "/model");
  CHECK(model.number("parameters", ppusim::NumberRange::positive()) == 7e9);
  CHECK_FALSE(model.optional_number("tokens").has_value());
  model.finish();
  CHECK_FALSE(r.optional_integer("nil", ppusim::IntegerRange::positive()).has_value());
  CHECK(r.path_of("a/b") == "/a~1b");
  REQUIRE_THROWS_WITH(r.finish(),
                      Contains("trace.jsonl:17: /a~1b: unknown key; allowed keys here: id, ppus, model"));
  REQUIRE_THROWS_WITH(r.number("id"),
                      Contains("trace.jsonl:17: /id: found \"j1\" (a string), expected a number"));
  CHECK(JsonReader::format_number(50e9) == "50000000000");
  CHECK(JsonReader::format_number(0.4) == "0.4");

  REQUIRE_THROWS_WITH(ppusim::parse_json_text("{\"id\": }", "trace.jsonl:17"),
                      Contains("trace.jsonl:17: column 8: invalid JSON"));
  REQUIRE_THROWS_WITH(ppusim::parse_json_text("{\"a\": [{\"b\": 1, \"b\": 2}]}", "t"),
                      Contains("t: /a/0/b: duplicate key"));
  REQUIRE_THROWS_WITH(ppusim::parse_json_text("{\"a\": 1e400}", "t"),
                      Contains("t: invalid JSON: number overflow"));
}
