// Trace importers (docs/workloads.md, "Importing traces"): the CSV reader, each format on an
// excerpt of the real trace (tests/data/traces) or a fixture written to its published schema
// (tests/data/traces/fixtures), bad rows, and `trace stats`. Every expected number is read
// off the excerpt by hand.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/config/scenario_loader.hpp"
#include "sim/core/input_error.hpp"
#include "sim/hardware/hardware_catalog.hpp"
#include "tests/minimal_scenario_json.hpp"
#include "workloads/importers/cluster_fragment.hpp"
#include "workloads/importers/csv_reader.hpp"
#include "workloads/importers/format_registry.hpp"
#include "workloads/importers/import_rows.hpp"
#include "workloads/importers/request_trace.hpp"
#include "workloads/trace_reader.hpp"
#include "workloads/trace_stats.hpp"

namespace ppusim {
namespace {

using Catch::Matchers::Contains;
using Catch::Matchers::Equals;
using Catch::Matchers::WithinRel;

const std::filesystem::path kTraces = std::filesystem::path(PPUSIM_SOURCE_DIR) / "tests/data/traces";

ImportedTrace import_file(std::string_view format, const std::string& file, ImportOptions options = {}) {
  return import_trace(format, (kTraces / file).string(), options);
}

const JobSpec& job_named(const ImportedTrace& trace, const std::string& id) {
  for (const JobSpec& job : trace.jobs.jobs)
    if (job.id == id) return job;
  FAIL("no job " << id);
  throw std::logic_error("unreachable");
}

/// A job's request as the trace writes it: memory in GiB.
double memory_gib(const JobSpec& job) { return job.request->memory_bytes / (1024.0 * 1024.0 * 1024.0); }

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const InputError& error) {
    return error.what();
  }
  return "(no error)";
}

/// A file in the temp folder, removed at the end of the test.
struct TempFile {
  std::filesystem::path path;
  TempFile(const std::string& name, const std::string& content)
      : path(std::filesystem::temp_directory_path() /
             ("ppusim-importer-test-" + std::to_string(::getpid()) + name)) {
    std::ofstream(path, std::ios::binary) << content;
  }
  ~TempFile() { std::filesystem::remove(path); }
};

std::vector<std::vector<std::string>> read_all(CsvReader reader) {
  std::vector<std::vector<std::string>> rows;
  CsvRecord record;
  while (reader.next(record)) rows.push_back(record.fields);
  return rows;
}

}  // namespace

TEST_CASE("the CSV reader follows RFC 4180: quotes, doubled quotes, CRLF, line breaks in quotes",
          "[importers]") {
  const auto rows =
      read_all(CsvReader("\xEF\xBB\xBF"
                         "a,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\r\n\n\"two\nlines\",,3",
                         "t.csv"));
  REQUIRE(rows.size() == 3);
  CHECK(rows[0] == std::vector<std::string>{"a", "b", "c"});
  CHECK(rows[1] == std::vector<std::string>{"x,1", "say \"hi\"", ""});
  CHECK(rows[2] == std::vector<std::string>{"two\nlines", "", "3"});
}

TEST_CASE("the CSV reader knows each field's line and column", "[importers]") {
  CsvReader reader("a,b\n\"q\nr\",xyz\n1,22", "t.csv");
  CsvRecord record;
  REQUIRE(reader.next(record));
  REQUIRE(reader.next(record));
  CHECK(record.line == 2);
  CHECK(record.columns == std::vector<std::int64_t>{1, 4});  // "xyz" starts at column 4 of line 3
  REQUIRE(reader.next(record));
  CHECK(record.line == 4);
  CHECK(record.columns == std::vector<std::int64_t>{1, 3});
}

TEST_CASE("malformed CSV records are errors at file:line:column, and reading resumes after them",
          "[importers]") {
  CsvReader reader("a,b\n1,x\"y\n2,\"z\"w\n3,4\n", "t.csv");
  CsvRecord record;
  REQUIRE(reader.next(record));
  CHECK_THAT(error_of([&] { reader.next(record); }),
             Equals("t.csv:2:4: found a quote inside an unquoted field, expected the whole field in quotes"));
  CHECK_THAT(error_of([&] { reader.next(record); }),
             Equals("t.csv:3:6: found text after a closing quote, expected ',' or a line end"));
  REQUIRE(reader.next(record));
  CHECK(record.fields == std::vector<std::string>{"3", "4"});
  CsvReader open("a\n\"never closed\n", "u.csv");
  REQUIRE(open.next(record));
  CHECK_THAT(error_of([&] { open.next(record); }),
             Equals("u.csv:2:1: found a quoted field that never ends, expected a closing quote"));
}

TEST_CASE("calendar times are seconds since the Unix epoch", "[importers]") {
  CHECK(parse_calendar_time("1970-01-02 00:00:01.5") == 86401.5);
  CHECK(parse_calendar_time("2000-03-01T00:00:00") == 951868800.0);  // after a leap day
  CHECK_FALSE(parse_calendar_time("2000-13-01 00:00:00"));
  CHECK_FALSE(parse_calendar_time("2000-01-01 00:00"));
}

TEST_CASE("pai-machines and openb-nodes count machines by accelerator type", "[importers]") {
  const ImportedTrace pai = import_file("pai-machines", "pai_machine_spec.csv");
  CHECK(pai.kind == TraceKind::Cluster);
  CHECK(pai.rows == 17);
  CHECK(pai.cluster.cpu_only_nodes == 12);
  REQUIRE(pai.cluster.groups.size() == 2);
  CHECK(pai.cluster.groups[0].ppu_type == "P100");
  CHECK(pai.cluster.groups[0].ppus_per_node == 2);
  CHECK(pai.cluster.groups[0].nodes == 3);
  CHECK(pai.cluster.groups[0].smallest_host().cpu_cores == 64);    // cap_cpu
  CHECK(pai.cluster.groups[0].smallest_host().memory_gib == 512);  // cap_mem
  CHECK(pai.cluster.groups[1].ppu_type == "V100M32");
  CHECK(pai.cluster.groups[1].nodes == 2);
  // One pool per group: 3 x 2 P100 + 2 x 8 V100M32 = 22 PPUs.
  const auto fragment = nlohmann::json::parse(cluster_fragment_json(pai.cluster, "x"));
  const auto& pools = fragment["cluster"]["pools"];
  REQUIRE(pools.size() == 2);
  CHECK(pools[0]["name"] == "p100-2gpu");
  CHECK(pools[0]["node"]["ppu"] == "p100-pcie-16gb");
  CHECK(pools[0]["node"]["ppus_per_node"] == 2);
  CHECK(pools[0]["nodes"] == 3);
  CHECK(pools[0]["cpu_cores"] == 64);
  CHECK(pools[1]["node"]["ppu"] == "v100-sxm2-32gb");
  CHECK(pools[1]["memory_gib"] == 384);
  CHECK(fragment["inventory"]["ppus"] == 22);
  CHECK(fragment["inventory"]["cpu_only_nodes"] == 12);

  const ImportedTrace openb = import_file("openb-nodes", "openb_node_list.csv");
  CHECK(openb.cluster.cpu_only_nodes == 3);
  REQUIRE(openb.cluster.groups.size() == 3);  // G2 x8, T4 x2, T4 x4
  CHECK(openb.cluster.groups[0].ppu_type == "G2");
  CHECK(openb.cluster.groups[0].nodes == 3);
  CHECK(openb.cluster.groups[1].ppus_per_node == 2);
  CHECK(openb.cluster.groups[2].ppus_per_node == 4);
}

TEST_CASE("the whole openb inventory imports as 6,212 PPUs in 12 pools", "[importers]") {
  // openb_node_list_all_node.csv (1,523 nodes), grouped by hand (awk over model and gpu):
  //   model    GPUs/node  nodes   GPUs   cores (min-max)  GiB (min-max)
  //   A10          1         2       2        128            1024
  //   G2           8       549   4,392         96             384
  //   G3           8        39     312        128             768
  //   P100         1         3       3          8              60
  //   P100         2       131     262       8-64            60-256
  //   T4           2       387     774        104             512
  //   T4           4        17      68         96             384
  //   V100M16      1        19      19          8              32
  //   V100M16      4        28     112         32             128
  //   V100M16      8         8      64      64-82         256-336
  //   V100M32      4         9      36         48             368
  //   V100M32      8        21     168         96             768
  //   in all            1,213 nodes, 6,212 GPUs; and 310 CPU-only nodes (1,523 - 1,213).
  const ImportedTrace openb = import_file("openb-nodes", "openb_node_list_all_node.csv");
  CHECK(openb.rows == 1523);
  CHECK(openb.cluster.cpu_only_nodes == 310);
  const auto fragment = nlohmann::json::parse(cluster_fragment_json(openb.cluster, "all.csv"));
  const auto& pools = fragment["cluster"]["pools"];
  REQUIRE(pools.size() == 12);
  std::int64_t ppus = 0, nodes = 0;
  for (const auto& pool : pools) {
    ppus += pool["nodes"].get<std::int64_t>() * pool["node"]["ppus_per_node"].get<std::int64_t>();
    nodes += pool["nodes"].get<std::int64_t>();
    // A public chip is named from the hardware catalog; an undisclosed one is written inline.
    if (pool["node"]["ppu"].is_string()) {
      CHECK(hardware_catalog().find_chip(pool["node"]["ppu"].get<std::string>()) != nullptr);
    } else {
      CHECK(fragment["assumptions"]["chips"].contains(pool["node"]["ppu"]["name"].get<std::string>()));
    }
  }
  CHECK(ppus == 6212);
  CHECK(nodes == 1213);
  CHECK(fragment["inventory"]["ppus"] == 6212);
  CHECK(fragment["inventory"]["cpu_only_nodes"] == 310);

  const auto& g2 = pools[1];
  CHECK(g2["name"] == "g2-8gpu");
  CHECK(g2["nodes"] == 549);
  CHECK(g2["cpu_cores"] == 96);    // 96000 milli
  CHECK(g2["memory_gib"] == 384);  // 393216 MiB
  CHECK(g2["node"]["ppu"]["name"] == "g2");
  CHECK(g2["node"]["host_watts"] == 960);  // the assumed 10 W per core
  // P100 x2 hosts differ (awk over cpu_milli and memory_mib, in the order the list names them):
  // 22 of 64 cores and 256 GiB, 107 of 16 cores and 120 GiB, 2 of 8 cores and 60 GiB. Each
  // node keeps its own host; the pool's host power follows the mean, 3,136 cores / 131 nodes.
  const auto& p100 = pools[4];
  CHECK(p100["name"] == "p100-2gpu");
  CHECK_FALSE(p100.contains("cpu_cores"));
  REQUIRE(p100["hosts"].size() == 3);
  CHECK(p100["hosts"][0] == nlohmann::json{{"nodes", 22}, {"cpu_cores", 64}, {"memory_gib", 256}});
  CHECK(p100["hosts"][1] == nlohmann::json{{"nodes", 107}, {"cpu_cores", 16}, {"memory_gib", 120}});
  CHECK(p100["hosts"][2] == nlohmann::json{{"nodes", 2}, {"cpu_cores", 8}, {"memory_gib", 60}});
  CHECK_THAT(p100["node"]["host_watts"].get<double>(), WithinRel(10.0 * 3136 / 131, 1e-12));
  CHECK(fragment["inventory"]["groups"][4]["cpu_cores"] == 8);
  CHECK(fragment["inventory"]["groups"][4]["largest_cpu_cores"] == 64);
  CHECK(fragment["inventory"]["groups"][4]["largest_memory_gib"] == 256);
  CHECK(pools[11]["node"]["ppu"] == "v100-sxm2-32gb");
  CHECK(pools[11]["node"]["intra_node_bandwidth_bytes_per_s"] == 150e9);  // NVLink2 300 GB/s both ways
}

TEST_CASE("a scenario takes its pools from an imported cluster fragment (cluster.pools_from)",
          "[importers][config]") {
  // openb_node_list.csv: G2 x 8 (3 nodes), T4 x 2 (1), T4 x 4 (1): 3 pools, 5 nodes, 30 PPUs.
  // The scenario names the fragment relative to its own file.
  const ImportedTrace openb = import_file("openb-nodes", "openb_node_list.csv");
  const TempFile fragment("fragment.json", cluster_fragment_json(openb.cluster, "openb_node_list.csv"));
  nlohmann::json scenario = test::minimal_scenario_for_pools();
  scenario["cluster"] = {{"pools_from", fragment.path.filename().string()}};
  const auto load = [&](const nlohmann::json& document) {
    const TempFile file("scenario.json", document.dump());
    return load_scenario(file.path.string());
  };
  const Scenario loaded = load(scenario);
  REQUIRE(loaded.pools.size() == 3);
  CHECK(loaded.pools[0].name == "g2-8gpu");
  CHECK(loaded.pools[2].first_node == 4);
  CHECK(loaded.cluster.nodes == 5);
  CHECK(loaded.total_ppus() == 30);

  nlohmann::json both = scenario;
  both["cluster"]["pools"] = nlohmann::json::array();
  CHECK_THAT(error_of([&] { load(both); }), Contains("/cluster: found both \"pools\" and \"pools_from\""));
  nlohmann::json missing = scenario;
  missing["cluster"]["pools_from"] = "no-such-cluster.json";
  CHECK_THAT(
      error_of([&] { load(missing); }),
      Contains("scenario.json: /cluster/pools_from: cannot be read: ") && Contains("no-such-cluster.json"));
  const TempFile not_a_fragment("not-a-fragment.json", R"({"pools": []})");
  nlohmann::json wrong = scenario;
  wrong["cluster"]["pools_from"] = not_a_fragment.path.filename().string();
  CHECK_THAT(error_of([&] { load(wrong); }), Contains("not-a-fragment.json: found no /cluster/pools"));
  // An error inside the fragment names the fragment's file and path.
  nlohmann::json edited = nlohmann::json::parse(cluster_fragment_json(openb.cluster, "x"));
  edited["cluster"]["pools"][1]["nodes"] = 0;
  const TempFile bad_fragment("bad-fragment.json", edited.dump());
  nlohmann::json bad = scenario;
  bad["cluster"]["pools_from"] = bad_fragment.path.filename().string();
  CHECK_THAT(error_of([&] { load(bad); }), Contains("bad-fragment.json: /cluster/pools/1/nodes: found 0"));
}

TEST_CASE("configs/openb-inventory.json is the openb inventory: 6,212 PPUs in 12 pools",
          "[importers][config]") {
  const Scenario openb = load_scenario(std::string(PPUSIM_SOURCE_DIR) + "/configs/openb-inventory.json");
  CHECK(openb.pools.size() == 12);
  CHECK(openb.total_ppus() == 6212);
  CHECK(openb.cluster.nodes == 1213);
  REQUIRE(openb.pools[4].hosts.size() == 3);  // p100-2gpu: 22, 107 and 2 nodes
  CHECK(openb.pools[4].hosts[1].nodes == 107);
}

TEST_CASE("a machine of an unknown GPU model is a row error, skipped and counted on request", "[importers]") {
  const TempFile nodes("nodes.csv",
                       "sn,cpu_milli,memory_mib,gpu,model\nn1,96000,393216,8,G2\nn2,96000,393216,8,X9\n");
  CHECK_THAT(
      error_of([&] { import_trace("openb-nodes", nodes.path.string(), {}); }),
      Contains(":3:19: column model: found \"X9\", expected a GPU model of the openb trace (A10, G2,"));
  ImportOptions skip;
  skip.skip_bad_rows = true;
  const ImportedTrace skipped = import_trace("openb-nodes", nodes.path.string(), skip);
  CHECK(skipped.skipped_rows() == 1);
  REQUIRE(skipped.cluster.groups.size() == 1);
  CHECK(skipped.cluster.groups[0].nodes == 1);
}

TEST_CASE("openb pods become jobs, and a shared GPU keeps its gpu_milli as ppu_milli", "[importers]") {
  const ImportedTrace trace = import_file("openb-pods", "openb_pod_list.csv");
  CHECK(trace.rows == 15);
  CHECK(trace.left_out.at("no GPU requested") == 1);  // openb-pod-0005
  // The two Pending pods are kept: 12 scheduled + 2.
  CHECK(trace.jobs.jobs.size() == 14);
  const JobSpec& shared = job_named(trace, "openb-pod-0001");
  CHECK(shared.submit_s == 427061);
  CHECK(shared.ppus == 1);
  CHECK(shared.ppu_milli == 460);
  CHECK(shared.measured_duration_s == 12902960.0 - 427061);
  REQUIRE(shared.request != nullptr);
  CHECK(shared.request->cpu_cores == 6);     // 6000 milli
  CHECK(memory_gib(shared) == 12);           // 12288 MiB
  CHECK(shared.request->ppu_types.empty());  // no gpu_spec: any type
  CHECK_FALSE(job_named(trace, "openb-pod-0000").is_fractional());
  const JobSpec& eight = job_named(trace, "openb-pod-0128");
  CHECK(eight.ppus == 8);
  CHECK(eight.measured_duration_s == 10035454.0 - 10034615);
  // Pending pods run for the median of the 12 scheduled pods' run times (deletion - scheduled):
  //   839, 1332357, 4822049, 7927187, 8772762, 8795832 | 9883028, 10144876, 10212916, 11344579,
  //   12475899, 12537496 -> (8795832 + 9883028) / 2 = 9339430 s.
  CHECK(trace.kept_with_assumption.begin()->second == 2);
  CHECK_THAT(trace.kept_with_assumption.begin()->first, Contains("9339430 s"));
  const JobSpec& pending = job_named(trace, "openb-pod-0061");
  CHECK(pending.submit_s == 10001278);
  CHECK(pending.measured_duration_s == 9339430);
  CHECK(pending.request->cpu_cores == 11.908);

  // The job trace carries ppu_milli and the requests, and reads back with them.
  std::ostringstream written;
  write_job_trace(trace.jobs, written);
  CHECK_THAT(written.str(), Contains("\"cpu_cores\":6.0,\"memory_gib\":12.0"));
  const TempFile file("pods.jsonl", written.str());
  const JobTrace back = read_job_trace(file.path.string(), false);
  CHECK(back.jobs[1].ppu_milli == 460);
  CHECK(back.jobs[1].request->cpu_cores == 6);
  CHECK(memory_gib(back.jobs[1]) == 12);

  // --drop-pending: left out and counted instead.
  ImportOptions drop;
  drop.keep_never_scheduled = false;
  const ImportedTrace dropped = import_file("openb-pods", "openb_pod_list.csv", drop);
  CHECK(dropped.jobs.jobs.size() == 12);
  CHECK(dropped.left_out.at("never scheduled (Pending; --drop-pending)") == 2);
}

TEST_CASE("openb pods keep their GPU-model requests as catalog chip names", "[importers]") {
  // Nine rows of openb_pod_list_gpuspec33.csv, copied unchanged (tests/data/traces/README.md).
  const ImportedTrace trace = import_file("openb-pods", "openb_pod_list_gpuspec33_excerpt.csv");
  CHECK(trace.rows == 9);
  CHECK(trace.left_out.at("no GPU requested") == 1);  // openb-pod-0005
  REQUIRE(trace.jobs.jobs.size() == 8);
  using Types = std::vector<std::string>;
  CHECK(job_named(trace, "openb-pod-0009").request->ppu_types == Types{"v100-sxm2-16gb", "v100-sxm2-32gb"});
  CHECK(job_named(trace, "openb-pod-0012").request->ppu_types == Types{"t4"});
  CHECK(job_named(trace, "openb-pod-0074").request->ppu_types == Types{"g3"});
  const JobSpec& any_of_five = job_named(trace, "openb-pod-0021");
  CHECK(any_of_five.request->ppu_types ==
        Types{"g2", "p100-pcie-16gb", "t4", "v100-sxm2-16gb", "v100-sxm2-32gb"});
  CHECK(any_of_five.ppu_milli == 440);
  CHECK(memory_gib(any_of_five) == 30517.0 / 1024);
  const JobSpec& eight = job_named(trace, "openb-pod-0017");
  CHECK(eight.ppus == 8);
  CHECK(eight.request->cpu_cores == 88);
  CHECK(memory_gib(eight) == 320);  // 327680 MiB
  // Pending 0084 (G2) and 0096 (V100) keep their requests and take the median of the six
  // scheduled pods' run times: 7679 (0074), 1332357 (0017), 3231252 (0021) | 3673287 (0013),
  // 4363714 (0012), 7927187 (0009) -> (3231252 + 3673287) / 2 = 3452269.5 s.
  const JobSpec& pending = job_named(trace, "openb-pod-0096");
  CHECK(pending.request->ppu_types == Types{"v100-sxm2-16gb", "v100-sxm2-32gb"});
  CHECK(pending.measured_duration_s == 3452269.5);
  CHECK(job_named(trace, "openb-pod-0084").request->ppu_types == Types{"g2"});

  // A list is written as an array, one type as a string.
  std::ostringstream written;
  write_job_trace(trace.jobs, written);
  CHECK_THAT(written.str(), Contains("\"ppu_type\":[\"v100-sxm2-16gb\",\"v100-sxm2-32gb\"]"));
  CHECK_THAT(written.str(), Contains("\"ppu_type\":\"t4\""));
  const TempFile file("spec.jsonl", written.str());
  CHECK(read_job_trace(file.path.string(), false).jobs.size() == 8);
}

TEST_CASE("a pod naming an unknown GPU model is a row error, skipped and counted on request", "[importers]") {
  const std::string header =
      "name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,"
      "deletion_time,scheduled_time\n";
  // gpu_spec starts at byte 21 of line 3: "p2,4000,8192,1,1000," is 20 bytes.
  const TempFile pods("pods.csv", header + "p1,4000,8192,1,1000,T4,LS,Running,0,10,0\n" +
                                      "p2,4000,8192,1,1000,V100M16|H100,LS,Running,0,10,0\n");
  CHECK_THAT(error_of([&] { import_trace("openb-pods", pods.path.string(), {}); }),
             Contains("pods.csv:3:21: column gpu_spec: found \"V100M16|H100\", expected GPU models of the "
                      "openb trace separated by '|' (A10, G2, G3,"));
  ImportOptions skip;
  skip.skip_bad_rows = true;
  const ImportedTrace skipped = import_trace("openb-pods", pods.path.string(), skip);
  CHECK(skipped.skipped_rows() == 1);
  REQUIRE(skipped.jobs.jobs.size() == 1);
  CHECK(skipped.jobs.jobs[0].id == "p1");
}

TEST_CASE("ppu_type, cpu_cores and memory_gib are checked when a job trace is read", "[importers]") {
  const auto error_for = [](const std::string& row) {
    const TempFile file("requests.jsonl", row + "\n");
    return error_of([&] { read_job_trace(file.path.string(), false); });
  };
  const std::string job = R"({"id": "a", "submit_s": 0, "ppus": 1, "duration_s": 1, )";
  CHECK_THAT(
      error_for(job + R"("ppu_type": []})"),
      Contains(
          ":1: /ppu_type: found an array, expected a chip name, a non-empty list of chip names, or \"any\""));
  CHECK_THAT(error_for(job + R"("ppu_type": ["t4", 3]})"), Contains(":1: /ppu_type: found"));
  CHECK_THAT(error_for(job + R"("ppu_type": ""})"), Contains(":1: /ppu_type: found"));
  CHECK_THAT(error_for(job + R"("cpu_cores": -1})"),
             Contains(":1: /cpu_cores: found -1, expected a number >= 0"));
  CHECK_THAT(error_for(job + R"("memory_gib": "8"})"), Contains(":1: /memory_gib: found"));
}

TEST_CASE("DLRM instances: missing creation = before the window, missing deletion = still running",
          "[importers]") {
  const ImportedTrace trace = import_file("dlrm-instances", "dlrm_instances.csv");
  CHECK(trace.rows == 11);
  CHECK(trace.left_out.at("no GPU requested") == 2);  // the CN instances
  // The window ends at the excerpt's latest time, 55657 (instance_7503's scheduled_time), so
  // instance_7503, scheduled at 55657 and never deleted, ran for 0 s.
  CHECK(trace.left_out.at("ran for 0 s") == 1);
  REQUIRE(trace.jobs.jobs.size() == 8);
  const JobSpec& before = job_named(trace, "instance_0");
  CHECK(before.submit_s == 0);
  CHECK(before.measured_duration_s == 55657);
  CHECK(job_named(trace, "instance_7300").measured_duration_s == 5647 - 3973.0000000000005);
  CHECK(job_named(trace, "instance_7505").measured_duration_s == 9);
}

TEST_CASE("PAI task tables group tasks into jobs, and fractions of a GPU become ppu_milli", "[importers]") {
  const ImportedTrace trace = import_file("pai-tasks", "fixtures/pai_task_table.csv");
  CHECK(trace.rows == 7);
  CHECK(trace.left_out.at("ran for 0 s") == 1);       // 91aa7713
  CHECK(trace.left_out.at("no GPU requested") == 1);  // b5d7e9f3, a parameter server alone
  CHECK(trace.left_out.at("never started") == 1);     // c7e9a1b5
  REQUIRE(trace.jobs.jobs.size() == 3);
  const JobSpec& two = job_named(trace, "6f2d3a1b");  // 2 workers x 100% + a ps without GPU
  CHECK(two.ppus == 2);
  CHECK(two.submit_s == 0);                // 1000, the first start, shifted to 0
  CHECK(two.measured_duration_s == 3700);  // 4700 (the ps's end) - 1000
  const JobSpec& half = job_named(trace, "8e11c0aa");
  CHECK(half.ppus == 1);
  CHECK(half.ppu_milli == 500);
  CHECK(half.submit_s == 1000);
  const JobSpec& running = job_named(trace, "a3f0c2d1");  // 4 x 200%, no end: runs to 9000
  CHECK(running.ppus == 8);
  CHECK(running.measured_duration_s == 4000);
  CHECK(trace.epoch_of_time_zero_s == 1000);
}

TEST_CASE("Helios and Acme jobs: calendar times, duration or end - start, CPU jobs left out", "[importers]") {
  const ImportedTrace helios = import_file("helios", "fixtures/helios_jobs.csv");
  CHECK(helios.left_out.at("no GPU requested") == 1);
  CHECK(helios.left_out.at("ran for 0 s") == 1);
  REQUIRE(helios.jobs.jobs.size() == 3);
  CHECK(helios.jobs.jobs[0].ppus == 8);
  CHECK(helios.jobs.jobs[0].measured_duration_s == 3600);
  CHECK(helios.jobs.jobs[1].submit_s == 600);
  CHECK(helios.jobs.jobs[2].submit_s == 7200);
  CHECK(helios.jobs.jobs[2].measured_duration_s == 1800);  // no duration: 02:30:07 - 02:00:07
  const ImportedTrace acme = import_file("acme", "fixtures/acme_seren_jobs.csv");
  REQUIRE(acme.jobs.jobs.size() == 3);
  CHECK(acme.jobs.jobs[0].ppus == 64);
  CHECK(acme.jobs.jobs[0].measured_duration_s == 36000);
  CHECK(acme.jobs.jobs[2].submit_s == 3600);
}

TEST_CASE("Philly job logs: the last attempt sizes and times the job", "[importers]") {
  const ImportedTrace trace = import_file("philly-jobs", "fixtures/philly_cluster_job_log.json");
  CHECK(trace.rows == 4);
  CHECK(trace.left_out.at("never started") == 1);
  CHECK(trace.left_out.at("never finished") == 1);
  REQUIRE(trace.jobs.jobs.size() == 2);
  CHECK(trace.jobs.jobs[0].ppus == 8);
  CHECK(trace.jobs.jobs[0].measured_duration_s == 3600);
  CHECK(trace.jobs.jobs[1].submit_s == 120);
  CHECK(trace.jobs.jobs[1].ppus == 2);
  CHECK(trace.jobs.jobs[1].measured_duration_s == 1800);
}

TEST_CASE("Philly run times need an arrival rate and get seeded Poisson arrivals", "[importers]") {
  CHECK_THAT(error_of([] { import_file("philly-runtimes", "philly_runtime.csv"); }),
             Contains("Philly run times carry no submit times, expected an arrival rate"));
  ImportOptions options;
  options.arrival_rate_per_s = 0.01;
  const ImportedTrace trace = import_file("philly-runtimes", "philly_runtime.csv", options);
  CHECK(trace.rows == 20);
  CHECK(trace.left_out.at("ran for 0 s") == 2);
  REQUIRE(trace.jobs.jobs.size() == 18);
  for (std::size_t i = 1; i < trace.jobs.jobs.size(); ++i)
    CHECK(trace.jobs.jobs[i].submit_s > trace.jobs.jobs[i - 1].submit_s);
  CHECK(import_file("philly-runtimes", "philly_runtime.csv", options).jobs.jobs[17].submit_s ==
        trace.jobs.jobs[17].submit_s);
  options.seed = 2;
  CHECK(import_file("philly-runtimes", "philly_runtime.csv", options).jobs.jobs[17].submit_s !=
        trace.jobs.jobs[17].submit_s);
}

TEST_CASE("inference traces become requests: Azure, Mooncake, LoRA", "[importers]") {
  const ImportedTrace azure = import_file("azure-llm", "azure_llm2023_code.csv");
  REQUIRE(azure.requests.size() == 10);
  CHECK(azure.requests[0].arrival_s == 0);
  CHECK(azure.requests[1].arrival_s == Approx(0.052).margin(1e-6));  // 04.0319600 - 03.9799600
  CHECK(azure.requests[0].input_tokens == 4808);
  CHECK(azure.requests[0].output_tokens == 10);

  const ImportedTrace mooncake = import_file("mooncake", "mooncake_conversation.jsonl");
  REQUIRE(mooncake.requests.size() == 8);
  CHECK(mooncake.requests[0].input_tokens == 6758);
  CHECK(mooncake.requests[0].prefix_blocks.size() == 14);
  CHECK(mooncake.requests[1].prefix_blocks[1] == 14);

  const ImportedTrace lora = import_file("lora-requests", "lora_requests.csv");
  REQUIRE(lora.requests.size() == 10);
  CHECK(lora.requests[0].service_s == 32);
  CHECK(lora.requests[1].arrival_s == 4704);  // 18:16:14 - 16:57:50

  // The request format reads back to the same requests.
  std::ostringstream written;
  write_request_trace(mooncake.requests, written);
  const TempFile file("requests.jsonl", written.str());
  const ImportedTrace back = import_trace("requests", file.path.string(), {});
  REQUIRE(back.requests.size() == 8);
  CHECK(back.requests[1].prefix_blocks == mooncake.requests[1].prefix_blocks);
  CHECK(back.requests[7].arrival_s == mooncake.requests[7].arrival_s);
}

TEST_CASE("a bad row names file, line, column and column name, and --skip-bad-rows counts it",
          "[importers]") {
  const TempFile file(
      "bad.csv",
      "name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,"
      "scheduled_time\n"
      "p1,1,1,1,1000,,LS,Running,0,100,0\n"
      "p2,1,1,1,abc,,LS,Running,0,100,0\n"
      "p3,1,1,1,1000,,LS,Running,0,100\n"
      "p4,1,1,1,500,,LS,Running,10,5,10\n");
  const std::string path = file.path.string();
  CHECK_THAT(
      error_of([&] { import_trace("openb-pods", path, {}); }),
      Equals(path + ":3:10: column gpu_milli: found \"abc\", expected a non-negative integer <= 1000"));
  ImportOptions skip;
  skip.skip_bad_rows = true;
  const ImportedTrace trace = import_trace("openb-pods", path, skip);
  CHECK(trace.jobs.jobs.size() == 1);
  CHECK(trace.skipped_rows() == 3);  // bad gpu_milli, 10 fields, deleted before scheduled
  CHECK_THAT(error_of([] { import_trace("no-such", "x", {}); }),
             Contains("unknown trace format \"no-such\""));
}

TEST_CASE("trace stats: a short trace's rate is over its own span, not over an hour", "[importers]") {
  // Issue #16: 61 arrivals in 61 s were shown as 61 / 3600 per s.
  std::string rows;
  for (int i = 0; i <= 60; ++i)
    rows += "{\"id\":\"j" + std::to_string(i) + "\",\"submit_s\":" + std::to_string(i + 100) +
            ",\"ppus\":1,\"duration_s\":10}\n";
  const TempFile file("short.jsonl", rows);
  const TraceStats stats = compute_trace_stats(import_trace("ppusim", file.path.string(), {}), "ppusim");
  CHECK(stats.arrivals_by_hour[0] == 61);
  CHECK(stats.rate_by_hour_per_s[0] == Approx(61.0 / 60));
  CHECK_THAT(trace_stats_table(stats),
             Catch::Contains("jobs whose work is given as FLOPs: 0, as a model: 0, as a duration: 61"));
}

TEST_CASE("trace stats: counts, percentiles and arrivals by hour of a trace checked by hand", "[importers]") {
  // Four jobs: 1, 2, 4 and 8 PPUs; 100, 200, 300 and 400 s; submitted at 0, 10, 3600, 90000 s.
  const TempFile file("stats.jsonl",
                      "{\"id\":\"a\",\"submit_s\":0,\"ppus\":1,\"duration_s\":100}\n"
                      "{\"id\":\"b\",\"submit_s\":10,\"ppus\":2,\"duration_s\":200}\n"
                      "{\"id\":\"c\",\"submit_s\":3600,\"ppus\":4,\"duration_s\":300}\n"
                      "{\"id\":\"d\",\"submit_s\":90000,\"ppus\":8,\"duration_s\":400}\n");
  const TraceStats stats = compute_trace_stats(import_trace("ppusim", file.path.string(), {}), "ppusim");
  CHECK(stats.records == 4);
  CHECK(stats.ppus.mean == 3.75);
  CHECK(stats.ppus.max == 8);
  CHECK(stats.duration_s.p50 == 250);  // halfway between 200 and 300
  CHECK(stats.last_s == 90000);
  CHECK(stats.arrivals_by_hour[0] == 2);
  CHECK(stats.arrivals_by_hour[1] == 2);  // 3600 s and 90000 s = 25 h
  // Hours 0 .. 25 are covered: hours 0 and 1 of the day occur twice, the others once.
  CHECK(stats.rate_by_hour_per_s[0] == 2.0 / (2 * 3600));
  CHECK(stats.rate_by_hour_per_s[2] == 0);
  // Hour 1 of the day: all of 3600 .. 7200 s, and none of 90000 .. 93600 s (the trace ends).
  CHECK(stats.rate_by_hour_per_s[1] == 2.0 / 3600);
  const auto json = trace_stats_json(stats);
  CHECK(json["duration_s"]["count"] == 4);
  CHECK(json["work"]["duration"] == 4);

  const TraceStats requests =
      compute_trace_stats(import_file("azure-llm", "azure_llm2023_code.csv"), "azure-llm");
  CHECK(requests.records == 10);
  CHECK(requests.calendar_hours);
  CHECK(requests.arrivals_by_hour[18] == 10);  // 2023-11-16 18:17 UTC
}

}  // namespace ppusim
