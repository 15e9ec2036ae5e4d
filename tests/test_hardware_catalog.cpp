// The hardware catalog (docs/hardware.md): every entry loads as a scenario's ppu or node, a
// name stands for exactly the catalog's figures, an override changes exactly one field, and
// an unknown name is a bad-input error with a "did you mean". Also the work units of
// docs/workloads.md: generated work does not depend on the scenario's chip, and measured
// durations are counted (or converted with measured_on).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "sim/cli/commands.hpp"
#include "sim/cli/hardware_command.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/core/input_error.hpp"
#include "sim/hardware/catalog_data.hpp"
#include "sim/hardware/hardware_catalog.hpp"
#include "tests/cli_runner.hpp"
#include "tests/minimal_scenario_json.hpp"
#include "workloads/job_performance.hpp"
#include "workloads/measured_work.hpp"
#include "workloads/trace_reader.hpp"

namespace ppusim {
namespace {

using Catch::Matchers::Contains;
using nlohmann::json;
using test::minimal_scenario;

Scenario parse(const json& document) { return parse_scenario(document, "configs/x.json"); }

/// The InputError message of parsing `document`, or "" when it parses.
std::string load_error(const json& document) {
  try {
    parse(document);
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}

void check_ppu_equals_catalog(const PpuSpec& ppu, const CatalogChip& chip) {
  CHECK(ppu.name == chip.ppu.at("name").get<std::string>());
  CHECK(ppu.family == chip.ppu.at("family").get<std::string>());
  CHECK(ppu.peak_bf16_flops_per_s == chip.figure("peak_bf16_flops_per_s"));
  CHECK(ppu.peak_fp8_flops_per_s == chip.figure("peak_fp8_flops_per_s"));
  CHECK(ppu.hbm_bytes == chip.figure("hbm_bytes"));
  CHECK(ppu.hbm_bandwidth_bytes_per_s == chip.figure("hbm_bandwidth_bytes_per_s"));
  CHECK(ppu.tdp_watts == chip.figure("tdp_watts"));
  CHECK(ppu.idle_watts == chip.figure("idle_watts"));
}

TEST_CASE("hardware catalog: every chip loads as a scenario's ppu, with its catalog figures", "[catalog]") {
  const HardwareCatalog& catalog = hardware_catalog();
  REQUIRE(catalog.chips().size() >= 11);
  for (const CatalogChip& chip : catalog.chips()) {
    INFO(chip.name);
    json doc = minimal_scenario();
    doc["ppu"] = chip.name;
    const Scenario s = parse(doc);  // the loader's checks: positive figures, idle < TDP
    check_ppu_equals_catalog(s.ppu, chip);
    CHECK_FALSE(s.ppu.family.empty());
    CHECK(chip.scale_up_bandwidth_bytes_per_s > 0);
  }
}

TEST_CASE("hardware catalog: every server loads as a scenario's node, its chip as the ppu", "[catalog]") {
  const HardwareCatalog& catalog = hardware_catalog();
  REQUIRE(catalog.servers().size() >= 10);
  for (const CatalogServer& server : catalog.servers()) {
    INFO(server.name);
    json doc = minimal_scenario();
    doc.erase("ppu");
    doc["node"] = server.name;
    const Scenario s = parse(doc);
    CHECK(s.node.ppus_per_node == server.figure("ppus_per_node"));
    CHECK(s.node.scale_up_domain_ppus == server.figure("scale_up_domain_ppus"));
    CHECK(s.node.intra_node_bandwidth_bytes_per_s == server.figure("intra_node_bandwidth_bytes_per_s"));
    CHECK(s.node.nics_per_node == server.figure("nics_per_node"));
    CHECK(s.node.nic_bandwidth_bytes_per_s == server.figure("nic_bandwidth_bits_per_s") / 8);
    CHECK(s.node.host_watts == server.figure("host_watts"));
    check_ppu_equals_catalog(s.ppu, *catalog.find_chip(server.chip));
  }
}

TEST_CASE("hardware catalog: the figures the issue names, by hand", "[catalog]") {
  json doc = minimal_scenario();
  doc["ppu"] = "h20";
  const Scenario h20 = parse(doc);
  CHECK(h20.ppu.peak_bf16_flops_per_s == 148e12);
  CHECK(h20.ppu.hbm_bytes == 96e9);
  CHECK(h20.ppu.hbm_bandwidth_bytes_per_s == 4.0e12);
  CHECK(h20.ppu.tdp_watts == 400);
  CHECK(h20.ppu.family == "nvidia-hopper");

  doc["ppu"] = "zhenwu-810e";  // 1,945 PF over 16,384 cards, rounded: the estimate
  CHECK(parse(doc).ppu.peak_bf16_flops_per_s == 119e12);
  CHECK(parse(doc).ppu.family == "alibaba-zhenwu");

  doc.erase("ppu");
  doc["node"] = "cloudmatrix384";
  const Scenario cm = parse(doc);
  CHECK(cm.node.ppus_per_node == 8);
  CHECK(cm.node.scale_up_domain_ppus == 384);
  CHECK(cm.node.scale_up_domain() == 384);
  CHECK(cm.node.nic_bandwidth_bytes_per_s == 50e9);  // 400 Gb/s RDMA per NPU
  CHECK(cm.ppu.peak_bf16_flops_per_s == 752e12);
  CHECK(cm.ppu.family == "huawei-ascend");

  doc["node"] = "gb200-nvl72";
  const Scenario nvl = parse(doc);
  CHECK(nvl.node.ppus_per_node == 4);
  CHECK(nvl.node.scale_up_domain_ppus == 72);
  CHECK(nvl.ppu.peak_bf16_flops_per_s == 2500e12);
}

TEST_CASE("hardware catalog: an override changes exactly that field", "[catalog]") {
  json doc = minimal_scenario();
  doc["ppu"] = "h20";
  const Scenario plain = parse(doc);
  doc["ppu"] = {{"catalog", "h20"}, {"tdp_watts", 450}};
  const Scenario changed = parse(doc);
  CHECK(changed.ppu.tdp_watts == 450);
  CHECK(plain.ppu.tdp_watts == 400);
  PpuSpec expected = plain.ppu;
  expected.tdp_watts = 450;
  check_ppu_equals_catalog(plain.ppu, *hardware_catalog().find_chip("h20"));
  CHECK(changed.ppu.name == expected.name);
  CHECK(changed.ppu.peak_bf16_flops_per_s == expected.peak_bf16_flops_per_s);
  CHECK(changed.ppu.peak_fp8_flops_per_s == expected.peak_fp8_flops_per_s);
  CHECK(changed.ppu.hbm_bytes == expected.hbm_bytes);
  CHECK(changed.ppu.hbm_bandwidth_bytes_per_s == expected.hbm_bandwidth_bytes_per_s);
  CHECK(changed.ppu.idle_watts == expected.idle_watts);
  CHECK(changed.ppu.family == expected.family);

  doc.erase("ppu");
  doc["node"] = {{"catalog", "hgx-h20"}, {"nics_per_node", 4}};
  const Scenario node = parse(doc);
  CHECK(node.node.nics_per_node == 4);
  CHECK(node.node.ppus_per_node == 8);
  CHECK(node.node.nic_bandwidth_bytes_per_s == 50e9);
  CHECK(node.node.intra_node_bandwidth_bytes_per_s == 450e9);
  CHECK(node.ppu.peak_bf16_flops_per_s == 148e12);  // the server's chip

  // A ppu given beside a server overrides the server's chip.
  doc["ppu"] = "h100-sxm";
  CHECK(parse(doc).ppu.peak_bf16_flops_per_s == 989.4e12);
}

TEST_CASE("hardware catalog: an override is checked like an inline figure", "[catalog][errors]") {
  json doc = minimal_scenario();
  doc["ppu"] = {{"catalog", "h20"}, {"tdp_watts", -1}};
  CHECK_THAT(load_error(doc), Contains("configs/x.json: /ppu/tdp_watts: found -1"));
  doc["ppu"] = {{"catalog", "h20"}, {"tdp_wats", 450}};
  CHECK_THAT(load_error(doc), Contains("/ppu/tdp_wats: unknown key"));
  CHECK_THAT(load_error(doc), Contains("did you mean \"tdp_watts\""));
}

TEST_CASE("hardware catalog: unknown names get the catalog's names and a did-you-mean", "[catalog][errors]") {
  json doc = minimal_scenario();
  doc["ppu"] = "h2O";
  CHECK_THAT(load_error(doc),
             Contains("configs/x.json: /ppu: found \"h2O\", expected a chip of the hardware catalog"));
  CHECK_THAT(load_error(doc), Contains("did you mean \"h20\"?"));
  doc["ppu"] = {{"catalog", "zhenwu-801e"}};
  CHECK_THAT(load_error(doc), Contains("configs/x.json: /ppu/catalog: found \"zhenwu-801e\""));
  CHECK_THAT(load_error(doc), Contains("did you mean \"zhenwu-810e\"?"));
  doc["ppu"] = "quantum-abacus-9000";
  CHECK_THAT(load_error(doc), Contains("expected a chip of the hardware catalog"));
  CHECK_THAT(load_error(doc), !Contains("did you mean"));

  doc = minimal_scenario();
  doc["node"] = "hgx-h2";
  CHECK_THAT(load_error(doc), Contains("/node: found \"hgx-h2\", expected a server of the hardware catalog"));
  CHECK_THAT(load_error(doc), Contains("did you mean \"hgx-h20\"?"));

  doc = minimal_scenario();
  doc.erase("ppu");  // an inline node names no chip
  CHECK_THAT(load_error(doc), Contains("/ppu: missing"));

  doc = minimal_scenario();
  doc["workload"]["generator"]["reference_ppu"] = "h100";
  CHECK_THAT(load_error(doc), Contains("/workload/generator/reference_ppu: found \"h100\""));
  CHECK_THAT(load_error(doc), Contains("did you mean"));
}

TEST_CASE("hardware catalog: a catalog file without a source for a figure is refused", "[catalog][errors]") {
  json chips = json::parse(std::string(catalog_chips_json()));
  chips["chips"][0]["sources"].erase("tdp_watts");
  const std::string servers(catalog_servers_json());
  CHECK_THROWS_WITH(parse_hardware_catalog(chips.dump(), servers),
                    Contains("chips.json: /chips/0/sources/tdp_watts: missing"));

  json bad_server = json::parse(servers);
  bad_server["servers"][1]["chip"] = "h10O-sxm";
  CHECK_THROWS_WITH(parse_hardware_catalog(catalog_chips_json(), bad_server.dump()),
                    Contains("servers.json: /servers/1/chip: found \"h10O-sxm\"") &&
                        Contains("did you mean \"h100-sxm\"?"));
}

TEST_CASE("hardware catalog: every figure's source is listed in docs/hardware.md", "[catalog]") {
  const std::string docs = cli_test::read_text(cli_test::kSourceDir / "docs" / "hardware.md");
  REQUIRE_FALSE(docs.empty());
  const auto check_cited = [&](const std::string& entry, const std::map<std::string, FigureSource>& sources) {
    for (const auto& [figure, source] : sources) {
      INFO(entry << " " << figure);
      CHECK_THAT(docs, Contains("| `" + source.cite + "` |"));  // a row of the reference table
    }
  };
  for (const CatalogChip& chip : hardware_catalog().chips()) check_cited(chip.name, chip.sources);
  for (const CatalogServer& server : hardware_catalog().servers()) check_cited(server.name, server.sources);
}

TEST_CASE("hardware catalog: the table lists every entry, estimates marked", "[catalog]") {
  const std::string table = format_hardware_table(hardware_catalog());
  for (const CatalogChip& chip : hardware_catalog().chips()) CHECK_THAT(table, Contains(chip.name));
  for (const CatalogServer& server : hardware_catalog().servers()) CHECK_THAT(table, Contains(server.name));
  CHECK_THAT(table, Contains("~119.0"));  // Zhenwu's BF16 is an estimate
  CHECK_THAT(table, Contains("989.4"));
  const json listed = hardware_catalog_json(hardware_catalog());
  CHECK(listed["chips"].size() == hardware_catalog().chips().size());
  CHECK(listed["chips"][0]["sources"]["peak_bf16_flops_per_s"]["source"] == "nvidia-a100");
}

// ---- Work units (docs/workloads.md) ----------------------------------------------------

json scenario_on(const std::string& chip) {
  json doc = minimal_scenario();
  doc["ppu"] = chip;
  doc["workload"]["generator"] = {{"jobs", 200}, {"duration_s", 36000}, {"max_ppus", 128}};
  return doc;
}

TEST_CASE("work units: the same generated jobs on two chips differ by the compute ratio",
          "[catalog][generator]") {
  const Scenario h100 = parse(scenario_on("h100-sxm"));
  const Scenario h20 = parse(scenario_on("h20"));
  const JobTrace on_h100 = load_workload(h100);
  const JobTrace on_h20 = load_workload(h20);
  REQUIRE(on_h100.jobs.size() == on_h20.jobs.size());
  int compared = 0;
  for (std::size_t i = 0; i < on_h100.jobs.size(); ++i) {
    const JobSpec& a = on_h100.jobs[i];
    const JobSpec& b = on_h20.jobs[i];
    REQUIRE(a.id == b.id);
    CHECK(a.ppus == b.ppus);
    if (!a.total_flops) continue;             // model jobs communicate; compare the compute-only ones
    CHECK(*a.total_flops == *b.total_flops);  // the work does not depend on the chip
    const JobWork work_a = derive_job_work(a, h100);
    const JobWork work_b = derive_job_work(b, h20);
    CHECK_FALSE(work_a.has_step_traffic());
    // 989.4 / 148 TFLOP/s: the H20 takes 6.685 times as long.
    CHECK(work_b.compute_s / work_a.compute_s == Approx(989.4 / 148).epsilon(1e-12));
    ++compared;
  }
  CHECK(compared > 100);
}

TEST_CASE("work units: compare's jobs are the first scenario's, whatever the others generate",
          "[catalog][generator]") {
  const Scenario first = parse(scenario_on("h100-sxm"));
  json other_doc = scenario_on("zhenwu-810e");
  other_doc["workload"]["generator"]["jobs"] = 7;
  other_doc["simulation"]["seed"] = 99u;  // unsigned, as the JSON parser stores it
  const Scenario other = parse(other_doc);
  const JobTrace own = load_workload(first);
  const JobTrace shared = load_workload_for(first, other);
  REQUIRE(shared.jobs.size() == own.jobs.size());
  CHECK(load_workload(other).jobs.size() == 7);
  for (std::size_t i = 0; i < own.jobs.size(); ++i) {
    CHECK(shared.jobs[i].id == own.jobs[i].id);
    CHECK(shared.jobs[i].submit_s == own.jobs[i].submit_s);
    CHECK(shared.jobs[i].ppus == own.jobs[i].ppus);
    CHECK(shared.jobs[i].total_flops == own.jobs[i].total_flops);
  }
}

TEST_CASE("work units: the reference chip sets the work, not the scenario's chip", "[catalog][generator]") {
  json doc = scenario_on("h20");
  const JobTrace default_reference = load_workload(parse(doc));
  doc["workload"]["generator"]["reference_ppu"] = "a100-sxm-80gb";
  const JobTrace a100_reference = load_workload(parse(doc));
  for (std::size_t i = 0; i < default_reference.jobs.size(); ++i) {
    const JobSpec& a = default_reference.jobs[i];
    if (!a.total_flops) continue;
    // The same drawn run time, on a 312 instead of a 989.4 TFLOP/s reference.
    CHECK(*a100_reference.jobs[i].total_flops / *a.total_flops == Approx(312 / 989.4).epsilon(1e-12));
  }
}

JobTrace trace_of(const std::string& rows) {
  cli_test::TempDir dir;
  cli_test::write_text(dir / "jobs.jsonl", rows);
  return read_job_trace((dir / "jobs.jsonl").string(), false);
}

TEST_CASE("work units: measured durations, with and without measured_on", "[catalog][trace]") {
  JobTrace trace = trace_of(
      "{\"id\": \"a\", \"submit_s\": 0, \"ppus\": 8, \"duration_s\": 100}\n"
      "{\"id\": \"b\", \"submit_s\": 0, \"ppus\": 8, \"duration_s\": 100, \"measured_on\": \"h20\"}\n"
      "{\"id\": \"c\", \"submit_s\": 0, \"ppus\": 8, \"flops\": 1e18}\n"
      "{\"id\": \"d\", \"submit_s\": 0, \"ppus\": 1, \"ppu_milli\": 500, \"duration_s\": 10, "
      "\"measured_on\": "
      "\"h100-sxm\"}\n");
  CHECK(count_measured_durations(trace).fixed == 1);
  CHECK(count_measured_durations(trace).converted == 2);
  json doc = minimal_scenario();
  doc["ppu"] = "h100-sxm";
  doc["workload"]["model_flops_utilization"] = 0.5;
  const Scenario h100 = parse(doc);
  const MeasuredDurationCount count = express_measured_work(trace, h100);
  CHECK(count.fixed == 1);
  CHECK(count.converted == 2);
  CHECK(*trace.jobs[0].measured_duration_s == 100);  // taken as it is
  // 100 s × 8 PPUs × 148e12 × 0.5 = 5.92e16 FLOPs: on an H100 it takes 100 × 148 / 989.4 s.
  REQUIRE(trace.jobs[1].total_flops);
  CHECK(*trace.jobs[1].total_flops == Approx(5.92e16).epsilon(1e-12));
  CHECK_FALSE(trace.jobs[1].measured_duration_s);
  CHECK(derive_job_work(trace.jobs[1], h100).compute_s == Approx(100 * 148 / 989.4).epsilon(1e-12));
  // Half a PPU for 10 s on the scenario's own chip: 10 s again.
  CHECK(derive_job_work(trace.jobs[3], h100).compute_s == Approx(10).epsilon(1e-12));
  CHECK(count_measured_durations(trace).fixed == 1);
  CHECK(count_measured_durations(trace).converted == 2);
}

TEST_CASE("work units: a bad measured_on names the trace line", "[catalog][trace][errors]") {
  CHECK_THROWS_WITH(
      trace_of("{\"id\": \"a\", \"submit_s\": 0, \"ppus\": 8, \"duration_s\": 100, "
               "\"measured_on\": \"h200\"}\n"),
      Contains("jobs.jsonl:1: /measured_on: found \"h200\", expected a chip of the hardware catalog") &&
          Contains("did you mean \"h200-sxm\"?"));
  CHECK_THROWS_WITH(trace_of("{\"id\": \"a\", \"submit_s\": 0, \"ppus\": 8, \"duration_s\": 1}\n"
                             "{\"id\": \"b\", \"submit_s\": 0, \"ppus\": 8, \"flops\": 1e18, "
                             "\"measured_on\": \"h20\"}\n"),
                    Contains("jobs.jsonl:2: /measured_on: found without \"duration_s\""));
}

// ---- Command line -----------------------------------------------------------------------

using namespace cli_test;  // TempDir, run_ppusim, Outcome, describe, write_text

TEST_CASE("cli: ppusim hardware lists the catalog, --json with sources", "[catalog][cli]") {
  TempDir dir;
  const Outcome table = run_ppusim(dir, {"hardware"});
  INFO(describe(table));
  CHECK(table.exit_code == 0);
  CHECK_THAT(table.out, Contains("zhenwu-810e") && Contains("cloudmatrix384") && Contains("gb200-nvl72"));
  const Outcome listed = run_ppusim(dir, {"hardware", "--json"});
  CHECK(listed.exit_code == 0);
  CHECK(json::parse(listed.out)["servers"].size() == hardware_catalog().servers().size());
}

TEST_CASE("cli: an unknown catalog name is bad input, exit 2, with did-you-mean", "[catalog][cli][errors]") {
  TempDir dir;
  json doc = minimal_scenario();
  doc["ppu"] = "zhenwu";
  write_text(dir / "x.json", doc.dump(2));
  const Outcome run = run_ppusim(dir, {"validate", "x.json"});
  INFO(describe(run));
  CHECK(run.exit_code == 2);
  CHECK_THAT(run.err, Contains("x.json: /ppu: found \"zhenwu\", expected a chip of the hardware catalog"));
  CHECK_THAT(run.err, Contains("did you mean \"zhenwu-810e\"?"));
}

TEST_CASE("cli: the report counts and the summary warns of jobs resting on measured durations",
          "[catalog][cli]") {
  TempDir dir;
  write_text(dir / "jobs.jsonl",
             "{\"id\": \"a\", \"submit_s\": 0, \"ppus\": 8, \"duration_s\": 100}\n"
             "{\"id\": \"b\", \"submit_s\": 0, \"ppus\": 8, \"duration_s\": 50}\n"
             "{\"id\": \"c\", \"submit_s\": 0, \"ppus\": 8, \"duration_s\": 100, \"measured_on\": \"h20\"}\n"
             "{\"id\": \"d\", \"submit_s\": 0, \"ppus\": 8, \"flops\": 1e18}\n");
  json doc = minimal_scenario();
  doc["ppu"] = "h100-sxm";
  doc["workload"] = {{"trace", "jobs.jsonl"}};
  write_text(dir / "x.json", doc.dump(2));
  const Outcome run = run_ppusim(dir, {"run", "x.json", "--output", "out"});
  INFO(describe(run));
  REQUIRE(run.exit_code == 0);
  CHECK_THAT(run.out, Contains("WARNING") && Contains("2 of 4 jobs rest on measured durations"));
  const json report = read_json(dir / "out" / "report.json");
  CHECK(report["jobs"]["fixed_duration_jobs"] == 2);
  CHECK(report["jobs"]["converted_duration_jobs"] == 1);
}

}  // namespace
}  // namespace ppusim
