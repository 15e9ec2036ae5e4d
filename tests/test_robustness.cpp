// Robustness (docs/robustness.md): every class of bad input through the real `ppusim` binary,
// with its exact message and exit code; the fuzzers' reproducers (tests/data/regressions/);
// the memory estimate that refuses impossible scenarios up front; interruption by SIGTERM; and
// determinism when several runs execute at once.
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz/fuzz_targets.hpp"
#include "sim/app/isolated_run.hpp"
#include "sim/app/partial_time_series.hpp"
#include "sim/cli/printable_text.hpp"
#include "sim/config/resource_estimate.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/core/atomic_file.hpp"
#include "sim/core/input_error.hpp"
#include "sim/core/json_reader.hpp"
#include "tests/cli_runner.hpp"
#include "tests/scenario_fixtures.hpp"

namespace ppusim {
namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using nlohmann::json;
using namespace cli_test;

const fs::path kRegressions = kSourceDir / "tests" / "data" / "regressions";

/// configs/small-test.json (128 PPUs) reading the trace "t.jsonl" next to it.
json small_scenario() {
  json scenario = read_json(kSourceDir / "configs" / "small-test.json");
  scenario["workload"] = {{"trace", "t.jsonl"}};
  return scenario;
}

/// The small-test cluster with 200 synthetic jobs of 1 to 64 PPUs over ten hours.
json generator_scenario() {
  json scenario = read_json(kSourceDir / "configs" / "small-test.json");
  scenario["workload"] = {{"generator", {{"jobs", 200}, {"duration_s", 36000}, {"max_ppus", 64}}}};
  return scenario;
}

const std::string kGoodRow = R"({"id": "ok", "submit_s": 0, "ppus": 8, "flops": 1e18})";

/// One row of the table in docs/robustness.md: the files a case writes, the command, and what
/// ppusim must answer. `err` is the whole of stderr, or its start when `err_is_prefix`: where
/// the rest names this machine's free memory, or lists keys that new features will extend.
struct BadInput {
  std::string what;
  std::map<std::string, std::string> files;  // "name/x" with no content: "name" is a folder
  std::vector<std::string> args;
  int exit_code;
  std::string err;
  bool err_is_prefix = false;
};

std::string with(const json& scenario, const std::function<void(json&)>& edit) {
  json copy = scenario;
  edit(copy);
  return copy.dump(2) + "\n";
}

std::vector<BadInput> bad_inputs() {
  const json base = small_scenario();
  const std::string good = base.dump(2) + "\n";
  const std::vector<std::string> run{"run", "s.json", "-o", "out", "-q"};
  const auto scenario = [&](std::function<void(json&)> edit) {
    return std::map<std::string, std::string>{{"s.json", with(base, edit)}, {"t.jsonl", kGoodRow + "\n"}};
  };
  const auto trace = [&](const std::string& rows) {
    return std::map<std::string, std::string>{{"s.json", good}, {"t.jsonl", rows}};
  };
  std::string deep(100000, '[');
  deep += std::string(100000, ']');

  return {
      // --- the scenario file -------------------------------------------------------------
      {"scenario file missing",
       {},
       run,
       2,
       "ppusim: error: s.json: cannot open the file: No such file or directory\n"},
      {"scenario path is a folder",
       {{"s.json/x", ""}},
       run,
       2,
       "ppusim: error: s.json: is a directory, expected a file\n"},
      {"scenario file empty",
       {{"s.json", " \n"}},
       run,
       2,
       "ppusim: error: s.json: the file is empty, expected a JSON object\n"},
      {"scenario not JSON",
       {{"s.json", "name = \"x\"\n"}},
       run,
       2,
       "ppusim: error: s.json: line 1, column 2: invalid JSON: syntax error while parsing value - invalid "
       "literal; last read: 'na'\n"},
      {"scenario truncated",
       {{"s.json", "{\n  \"name\": \"x\",\n  \"ppu\": {\n"}},
       run,
       2,
       "ppusim: error: s.json: line 4, column 1: invalid JSON: syntax error while parsing object key - "
       "unexpected end of input; expected string literal\n"},
      // nlohmann quotes the bad byte itself in "last read"; the message stops there.
      {"scenario not UTF-8",
       {{"s.json", "{\"name\": \"\xff\"}\n"}},
       run,
       2,
       "ppusim: error: s.json: line 1, column 11: invalid JSON: syntax error while parsing value - invalid "
       "string: ill-formed UTF-8 byte; last read: ",
       true},
      {"scenario number too large for a double",
       {{"s.json", "{\"name\": 1e400}\n"}},
       run,
       2,
       "ppusim: error: s.json: invalid JSON: number overflow parsing '1e400'\n"},
      {"scenario nested 100,000 deep",
       {{"s.json", deep}},
       run,
       2,
       "ppusim: error: s.json: found a value nested deeper than 64 levels, expected at most 64 (is it the "
       "right file?)\n"},
      {"scenario JSON but not an object",
       {{"s.json", "[1, 2]\n"}},
       run,
       2,
       "ppusim: error: s.json: /: found an array, expected an object\n"},
      {"wrong type", scenario([](json& s) { s["topology"]["tiers"] = "3"; }), run, 2,
       "ppusim: error: s.json: /topology/tiers: found \"3\" (a string), expected 2 or 3\n"},
      {"unknown key", scenario([](json& s) { s["topology"]["tierz"] = 3; }), run, 2,
       "ppusim: error: s.json: /topology/tierz: unknown key; allowed keys here: kind, tiers, nodes_per_leaf, "
       "leaves_per_pod, leaf_oversubscription, pod_oversubscription, link_bandwidth_bits_per_s, "
       "link_latency_s, switch_radix, failures; did you mean \"tiers\"?\n"},
      {"duplicate key",
       {{"s.json", "{\"name\": \"a\", \"name\": \"b\"}\n"}},
       run,
       2,
       "ppusim: error: s.json: /name: duplicate key; each key may appear only once\n"},
      {"required field missing", scenario([](json& s) { s["ppu"].erase("tdp_watts"); }), run, 2,
       "ppusim: error: s.json: /ppu/tdp_watts: missing, expected a number in (0, 10000]\n"},
      {"out of range", scenario([](json& s) { s["topology"]["leaf_oversubscription"] = 0.5; }), run, 2,
       "ppusim: error: s.json: /topology/leaf_oversubscription: found 0.5, expected a number in [1, 1024]\n"},
      {"integer field not whole", scenario([](json& s) { s["cluster"]["nodes"] = 16.5; }), run, 2,
       "ppusim: error: s.json: /cluster/nodes: found 16.5, expected a positive integer <= 2147483647\n"},
      {"inconsistent combination", scenario([](json& s) { s["ppu"]["idle_watts"] = 700; }), run, 2,
       "ppusim: error: s.json: /ppu/idle_watts: found 700, expected a number < /ppu/tdp_watts (700)\n"},
      {"horizon zero", scenario([](json& s) { s["simulation"]["horizon_s"] = 0; }), run, 2,
       "ppusim: error: s.json: /simulation/horizon_s: found 0, expected a number in (0, 1000000000]\n"},
      {"time-series interval zero", scenario([](json& s) { s["simulation"]["time_series_interval_s"] = 0; }),
       run, 2,
       "ppusim: error: s.json: /simulation/time_series_interval_s: found 0, expected a number in [1, "
       "1000000000]\n"},
      // --- physically implausible quantities (sim/config/plausible_bounds.hpp) ---------------------
      // Each once crashed, hung or printed nonsense after `validate` had accepted it (issue #16).
      {"latency beyond a second", scenario([](json& s) { s["topology"]["link_latency_s"] = 1e12; }), run, 2,
       "ppusim: error: s.json: /topology/link_latency_s: found 1000000000000.0, expected a number in [0, "
       "1]\n"},
      {"bandwidth below 1 Mb/s",
       scenario([](json& s) { s["topology"]["link_bandwidth_bits_per_s"] = 1e-300; }), run, 2,
       "ppusim: error: s.json: /topology/link_bandwidth_bits_per_s: found 1e-300, expected a number in "
       "[1000000, 100000000000000]\n"},
      {"time-series bins below a second",
       scenario([](json& s) { s["simulation"]["time_series_interval_s"] = 1e-9; }), run, 2,
       "ppusim: error: s.json: /simulation/time_series_interval_s: found 1e-09, expected a number in [1, "
       "1000000000]\n"},
      {"TDP beyond 10 kW", scenario([](json& s) { s["ppu"]["tdp_watts"] = 1e308; }), run, 2,
       "ppusim: error: s.json: /ppu/tdp_watts: found 1e+308, expected a number in (0, 10000]\n"},
      {"PUE beyond 3", scenario([](json& s) { s["economics"]["pue"] = 1e308; }), run, 2,
       "ppusim: error: s.json: /economics/pue: found 1e+308, expected a number in [1, 3]\n"},
      {"capex beyond $100M a node", scenario([](json& s) { s["economics"]["capex_per_node_usd"] = 1e308; }),
       run, 2,
       "ppusim: error: s.json: /economics/capex_per_node_usd: found 1e+308, expected a number in [0, "
       "100000000]\n"},
      {"generator with no jobs",
       {{"s.json", with(generator_scenario(), [](json& s) { s["workload"]["generator"]["jobs"] = 0; })}},
       run,
       2,
       "ppusim: error: s.json: /workload/generator/jobs: found 0, expected a positive integer\n"},
      // --- sizes that would exhaust memory (the end of the message names this machine) -----
      {"absurd generator job count",
       {{"s.json", with(generator_scenario(), [](json& s) { s["workload"]["generator"]["jobs"] = 1e12; })}},
       run,
       2,
       "ppusim: error: s.json: needs about 1.33 PiB of memory (16 nodes, 1,000,000,000,000 jobs), ",
       true},
      {"absurd cluster",
       {{"s.json", with(generator_scenario(), [](json& s) { s["cluster"]["nodes"] = 2000000000; })}},
       run,
       2,
       "ppusim: error: s.json: needs about 12.8 TiB of memory (2,000,000,000 nodes, 200 jobs), ",
       true},
      {"absurd time series",
       {{"s.json", with(generator_scenario(),
                        [](json& s) {
                          s["simulation"]["horizon_s"] = 1e9;
                          s["simulation"]["time_series_interval_s"] = 1;
                        })}},
       run,
       2,
       "ppusim: error: s.json: needs about 196 GiB of memory (16 nodes, 200 jobs, 1,000,000,000 "
       "time-series intervals), ",
       true},
      {"absurd trace generate",
       {{"s.json", with(generator_scenario(), [](json& s) { s["workload"]["generator"]["jobs"] = 1e12; })}},
       {"trace", "generate", "s.json", "-o", "t.jsonl"},
       2,
       "ppusim: error: s.json: needs about 409 TiB of memory (1,000,000,000,000 jobs), ",
       true},
      // --- the trace ----------------------------------------------------------------------
      {"trace file missing", {{"s.json", good}}, run, 2, "ppusim: error: t.jsonl: cannot open trace file\n"},
      {"trace path is a folder",
       {{"s.json", good}, {"t.jsonl/x", ""}},
       run,
       2,
       "ppusim: error: t.jsonl: cannot open trace file (a directory)\n"},
      {"trace empty", trace(""), run, 2, "ppusim: error: t.jsonl: the trace holds no job\n"},
      {"trace of comments only", trace("# nothing\n\n"), run, 2,
       "ppusim: error: t.jsonl: the trace holds no job\n"},
      {"trace row not JSON", trace(kGoodRow + "\nid=7\n"), run, 2,
       "ppusim: error: t.jsonl:2: column 1: invalid JSON: syntax error while parsing value - invalid "
       "literal; "
       "last read: 'i'\n"},
      {"trace row not an object", trace("[\"j1\", 0, 8]\n"), run, 2,
       "ppusim: error: t.jsonl:1: /: found an array, expected a JSON object (one job per line)\n"},
      {"trace row wrong type",
       trace(R"({"id": "a", "submit_s": 0, "ppus": "8", "flops": 1})"
             "\n"),
       run, 2,
       "ppusim: error: t.jsonl:1: /ppus: found \"8\" (a string), expected a positive integer <= "
       "2147483647\n"},
      {"trace row unknown key",
       trace(R"({"id": "a", "submit_s": 0, "gpus": 8, "flops": 1})"
             "\n"),
       run, 2,
       "ppusim: error: t.jsonl:1: /gpus: unknown key; allowed keys here: id, submit_s, ppus, flops, model, "
       "duration_s, parallelism, dataset_bytes, precision",
       true},
      {"trace row out of range",
       trace(R"({"id": "a", "submit_s": -1, "ppus": 8, "flops": 1})"
             "\n"),
       run, 2, "ppusim: error: t.jsonl:1: /submit_s: found -1, expected a number >= 0\n"},
      {"trace row without work",
       trace(R"({"id": "a", "submit_s": 0, "ppus": 8})"
             "\n"),
       run, 2,
       "ppusim: error: t.jsonl:1: /: found none of \"flops\", \"model\", \"duration_s\", expected exactly "
       "one "
       "of "
       "\"flops\", \"model\", \"duration_s\"\n"},
      {"trace row inconsistent",
       trace(R"({"id": "a", "submit_s": 0, "ppus": 8, "flops": 1, "parallelism": {"tensor": 3}})"
             "\n"),
       run, 2,
       "ppusim: error: t.jsonl:1: /parallelism: found tensor 3 * pipeline 1 = 3, expected a divisor of ppus "
       "(8)\n"},
      {"trace row repeated key",
       trace(R"({"id": "a", "submit_s": 0, "ppus": 8, "ppus": 64, "flops": 1})"
             "\n"),
       run, 2, "ppusim: error: t.jsonl:1: /ppus: duplicate key; each key may appear only once\n"},
      {"trace row nested too deep", trace(std::string(50000, '[') + "\n"), run, 2,
       "ppusim: error: t.jsonl:1: found a value nested deeper than 32 levels, expected at most 32 (is it the "
       "right file?)\n"},
      {"trace row longer than 1 MiB", trace(std::string((1 << 20) + 1, ' ') + "\n"), run, 2,
       "ppusim: error: t.jsonl:1: found a row longer than 1048576 bytes, expected one job object per line\n"},
      {"trace work overflows a double",
       trace(R"({"id": "big", "submit_s": 0, "ppus": 8, "model": {"parameters": 1e300, "tokens": 1e300}})"
             "\n"),
       run, 2,
       "ppusim: error: t.jsonl:1: job big: its work in FLOPs is inf (from 6 · \"parameters\" · \"tokens\"), "
       "expected a finite number: the job would never end\n"},
      {"trace duplicate id", trace(kGoodRow + "\n" + kGoodRow + "\n"), run, 2,
       "ppusim: error: t.jsonl:2: /id: found \"ok\", already used on line 1, expected a unique id\n"},
      {"trace with only bad rows, skipping",
       trace("{}\n[]\n"),
       {"run", "s.json", "-o", "out", "-q", "--skip-bad-rows"},
       2,
       "ppusim: error: t.jsonl: no usable job (2 bad rows skipped)\n"},
  };
}

}  // namespace

TEST_CASE("robustness: every class of bad input gets its exact message and exit code", "[robustness][cli]") {
  for (const BadInput& c : bad_inputs()) {
    TempDir dir;
    for (const auto& [name, content] : c.files) {
      fs::create_directories((dir / name).parent_path());
      if (!fs::path(name).has_parent_path() || !content.empty()) write_text(dir / name, content);
    }
    const Outcome outcome = run_ppusim(dir, c.args);
    INFO(c.what << ": " << describe(outcome));
    CHECK(outcome.signal == 0);
    CHECK(outcome.exit_code == c.exit_code);
    if (c.err_is_prefix) {
      CHECK_THAT(outcome.err, StartsWith(c.err));
      if (c.err.find("needs about") != std::string::npos) {
        CHECK_THAT(outcome.err, Contains(" available (PPUSIM_SKIP_MEMORY_CHECK=1 runs it anyway)\n"));
      }
    } else {
      CHECK(outcome.err == c.err);
    }
    CHECK(outcome.out.empty());
    CHECK_FALSE(fs::exists(dir / "out"));  // nothing written, not even an empty folder
  }
}

TEST_CASE("robustness: accepted oddities run to the end (exit 0)", "[robustness][cli]") {
  TempDir dir;
  SECTION("an unsorted trace is accepted and sorted stably by submit time") {
    write_text(dir / "s.json", small_scenario().dump(2));
    write_text(dir / "t.jsonl", R"({"id": "late-1", "submit_s": 50, "ppus": 1, "flops": 1e15})"
                                "\n"
                                R"({"id": "early-1", "submit_s": 0, "ppus": 1, "flops": 1e15})"
                                "\n"
                                R"({"id": "late-2", "submit_s": 50, "ppus": 1, "flops": 1e15})"
                                "\n"
                                R"({"id": "early-2", "submit_s": 0, "ppus": 1, "flops": 1e15})"
                                "\n");
    const Outcome outcome = run_ppusim(dir, {"run", "s.json", "-o", "out", "-q"});
    INFO(describe(outcome));
    REQUIRE(outcome.exit_code == 0);
    // jobs.csv lists jobs in the order the scheduler saw them.
    std::istringstream table(read_text(dir / "out" / "jobs.csv"));
    std::vector<std::string> ids;
    std::string line;
    std::getline(table, line);  // header
    while (std::getline(table, line)) ids.push_back(line.substr(0, line.find(',')));
    CHECK(ids == std::vector<std::string>{"early-1", "early-2", "late-1", "late-2"});
  }
  SECTION("bad rows are skipped and counted with --skip-bad-rows") {
    write_text(dir / "s.json", small_scenario().dump(2));
    write_text(dir / "t.jsonl", kGoodRow + "\n{}\nnot json\n" + kGoodRow + "\n");
    const Outcome outcome = run_ppusim(dir, {"run", "s.json", "-o", "out", "-q", "--skip-bad-rows"});
    INFO(describe(outcome));
    REQUIRE(outcome.exit_code == 0);
    const json jobs = read_json(dir / "out" / "report.json").at("jobs");
    CHECK(jobs.at("submitted") == 1);
    CHECK(jobs.at("skipped_trace_rows") == 3);  // {}, not JSON, and the repeated id
  }
  SECTION("a job larger than the cluster is rejected and counted at run time") {
    write_text(dir / "s.json", small_scenario().dump(2));
    write_text(dir / "t.jsonl",
               kGoodRow + "\n" + R"({"id": "huge", "submit_s": 0, "ppus": 1024, "flops": 1})" + "\n");
    const Outcome outcome = run_ppusim(dir, {"run", "s.json", "-o", "out", "-q"});
    INFO(describe(outcome));
    REQUIRE(outcome.exit_code == 0);
    const json jobs = read_json(dir / "out" / "report.json").at("jobs");
    CHECK(jobs.at("finished") == 1);
    CHECK(jobs.at("rejected") == 1);
  }
}

TEST_CASE("robustness: validate prints the memory estimate and refuses what run would refuse",
          "[robustness][cli][memory]") {
  TempDir dir;
  write_text(dir / "s.json", generator_scenario().dump(2));
  const Outcome good = run_ppusim(dir, {"validate", "s.json"});
  {
    INFO(describe(good));
    CHECK(good.exit_code == 0);
    CHECK_THAT(good.out, Contains("s.json: valid") && Contains("\n  needs about ") &&
                             Contains(" MiB of memory (16 nodes, 200 jobs); ") && Contains(" available\n"));
  }

  json huge = generator_scenario();
  huge["cluster"]["nodes"] = 2000000000;
  write_text(dir / "huge.json", huge.dump(2));
  const Outcome refused = run_ppusim(dir, {"validate", "huge.json"});
  {
    INFO(describe(refused));
    CHECK(refused.exit_code == 2);
    CHECK_THAT(refused.err, StartsWith("ppusim: error: huge.json: needs about "));
  }
  // The estimate is an estimate: the variable lets a user who knows better go on. validate
  // builds no platform, so this one is quick whatever the node count.
  const Outcome forced = run_ppusim(dir, {"validate", "huge.json"}, {"PPUSIM_SKIP_MEMORY_CHECK=1"});
  INFO(describe(forced));
  CHECK(forced.exit_code == 0);
  CHECK_THAT(forced.out, Contains("huge.json: valid"));
}

TEST_CASE("robustness: the memory estimate", "[robustness][memory]") {
  Scenario scenario = load_scenario((kSourceDir / "configs" / "reference-100k.json").string());
  scenario.source_path = "scenario.json";

  SECTION("it is a sum of measured terms (docs/robustness.md)") {
    const ResourceEstimate estimate = estimate_resources(scenario);
    CHECK(estimate.nodes == 12500);
    CHECK(estimate.leaf_groups == 391);
    CHECK(estimate.pods == 13);
    CHECK(estimate.jobs == 30000);
    CHECK(estimate.time_series_bins == 168);  // one week in hours
    // `ppusim run configs/reference-100k.json` peaks at 143 MB with the jobs' speed records
    // (136 MB before them, 122 MB before the failures block; docs/robustness.md): the estimate
    // may err high, never low, and not by much.
    CHECK(estimate.bytes > 143e6);
    CHECK(estimate.bytes < 1.5 * 143e6);
  }
  SECTION("a scenario that does not fit is refused with the estimate and what is available") {
    scenario.cluster.nodes = 12500000;
    scenario.workload.generator->jobs = 1000000;
    const ResourceEstimate estimate = estimate_resources(scenario);
    const AvailableMemory available{21.3 * 1024 * 1024 * 1024, false};
    REQUIRE_THROWS_AS(require_memory(scenario, estimate, available), InputError);
    REQUIRE_THROWS_WITH(
        require_memory(scenario, estimate, available),
        "scenario.json: needs about 74.2 GiB of memory (12,500,000 nodes, 1,000,000 jobs), this "
        "machine has 21.3 GiB available (PPUSIM_SKIP_MEMORY_CHECK=1 runs it anyway)");
    const AvailableMemory cgroup{2.0 * 1024 * 1024 * 1024, true};
    REQUIRE_THROWS_WITH(require_memory(scenario, estimate, cgroup),
                        Contains("the memory limit of this process's cgroup leaves 2.00 GiB available"));
    CHECK_NOTHROW(require_memory(scenario, estimate, AvailableMemory{1e12, false}));
    CHECK_NOTHROW(require_memory(scenario, estimate, std::nullopt));  // /proc unreadable: no check
  }
  SECTION("a trace's job count comes from its size, without reading it") {
    TempDir dir;
    write_text(dir / "t.jsonl", std::string(8000, '\n'));
    scenario.workload.generator.reset();
    scenario.workload.trace_path = (dir / "t.jsonl").string();
    const ResourceEstimate estimate = estimate_resources(scenario);
    CHECK(estimate.trace_bytes == 8000u);
    CHECK(estimate.jobs == 100);
    scenario.workload.trace_path = (dir / "absent.jsonl").string();
    CHECK_FALSE(estimate_resources(scenario).jobs_known);
  }
  SECTION("absurd sizes stay finite and printable") {
    scenario.simulation.horizon_s = 1e300;
    scenario.simulation.time_series_interval_s = 1e-300;
    scenario.workload.generator->jobs = std::numeric_limits<std::int64_t>::max();
    const ResourceEstimate estimate = estimate_resources(scenario);
    CHECK(std::isfinite(estimate.bytes));
    CHECK_THROWS_WITH(require_memory(scenario, estimate, AvailableMemory{1e9, false}),
                      StartsWith("scenario.json: needs about ") && Contains("time-series intervals"));
  }
  SECTION("failure events: components × window / MTBF, plus spot reclaims") {
    // reference-100k: 12,500 nodes of 8 PPUs, a one-week horizon (168 h).
    REQUIRE(scenario.simulation.horizon_s == 168 * 3600.0);
    scenario.failures = FailureSpec{};
    CHECK(estimate_resources(scenario).failure_events == 0);
    scenario.failures.enabled = true;
    ComponentFailureSpec& node = scenario.failures.components[static_cast<std::size_t>(ComponentKind::Node)];
    node.enabled = true;
    node.lifetime.mean_s = 1000 * 3600.0;  // 12,500 nodes × 168 h / 1,000 h = 2,100
    CHECK(estimate_resources(scenario).failure_events == Approx(2100));
    ComponentFailureSpec& ppu = scenario.failures.components[static_cast<std::size_t>(ComponentKind::Ppu)];
    ppu.enabled = true;
    ppu.lifetime.mean_s = 100000 * 3600.0;  // + 100,000 PPUs × 168 h / 100,000 h = 168
    CHECK(estimate_resources(scenario).failure_events == Approx(2268));
    CHECK_NOTHROW(require_feasible_failure_events(scenario, estimate_resources(scenario)));

    node.lifetime.mean_s = 36;  // the loader's smallest MTBF, 0.01 h: 12,500 × 604,800 s / 36 s
    const ResourceEstimate absurd = estimate_resources(scenario);
    CHECK(absurd.failure_events == Approx(12500.0 * 604800 / 36 + 168));
    CHECK_THROWS_WITH(
        require_feasible_failure_events(scenario, absurd),
        StartsWith("scenario.json: the failures block draws about 210,000,168 failure events") &&
            Contains("expected at most 10,000,000"));
  }
  SECTION("sizes in words") {
    CHECK(format_bytes(512) == "512 bytes");
    CHECK(format_bytes(105e6) == "100 MiB");
    CHECK(format_bytes(37.2 * 1024 * 1024 * 1024) == "37.2 GiB");
    CHECK(format_bytes(1.5 * 1024 * 1024 * 1024) == "1.50 GiB");
    CHECK(format_count(12500000) == "12,500,000");
    CHECK(format_count(1) == "1");
    CHECK(format_count(1e30) == "1e+30");
  }
  SECTION("this machine's available memory is read") {
    const std::optional<AvailableMemory> available = available_memory();
    REQUIRE(available.has_value());  // Linux: /proc/meminfo
    CHECK(available->bytes > 0);
  }
}

// Sanitizers multiply memory use; the estimate is for the normal build.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

TEST_CASE("robustness: the memory estimate is not below what a run takes", "[robustness][memory]") {
  if (kSanitized) return;
  // 16,000 PPUs (2,000 nodes), 20,000 jobs over a day: 0.4 s, 66 MiB measured when written,
  // estimated 79 MiB. A change that makes runs need more memory than the estimate says should
  // re-measure the coefficients (docs/robustness.md, "Memory estimate").
  TempDir dir;
  json scenario = generator_scenario();
  scenario["cluster"] = {{"nodes", 2000}};
  scenario["topology"]["nodes_per_leaf"] = 32;
  scenario["topology"]["leaves_per_pod"] = 16;
  scenario["workload"]["generator"] = {{"jobs", 20000}, {"duration_s", 86400}, {"max_ppus", 1024}};
  scenario["simulation"] = {{"horizon_s", 86400}};
  write_text(dir / "mid.json", scenario.dump(2));
  const Outcome outcome = run_ppusim(dir, {"run", "mid.json", "-o", "out", "-q"});
  INFO(describe(outcome));
  REQUIRE(outcome.exit_code == 0);
  const double estimate = estimate_resources(load_scenario((dir / "mid.json").string())).bytes;
  const double measured = outcome.peak_rss_kb * 1024.0;
  CHECK(estimate >= measured);
  CHECK(estimate <= 1.5 * measured);
}

TEST_CASE("robustness: saved hard inputs and fuzz findings are refused with an InputError and never crash",
          "[robustness][fuzz]") {
  // tests/data/regressions/<target>/<file>, fed to its parser as fuzz/fuzz_targets.hpp does:
  // crash-*, leak-*, timeout-* are inputs a fuzz run once failed on, edge-* hand-made hard
  // cases; each must be refused with an InputError. accept-* files must be accepted. Under the
  // sanitizer build (scripts/ci-sanitizers.sh) a memory error or undefined behaviour fails too.
  int files = 0;
  for (const auto& target : fuzz::kFuzzTargets) {
    const fs::path folder = kRegressions / std::string(target.name);
    if (!fs::is_directory(folder)) continue;
    for (const auto& entry : fs::directory_iterator(folder)) {
      if (!entry.is_regular_file()) continue;
      const std::string name = entry.path().filename().string();
      const bool should_accept = name.rfind("accept-", 0) == 0;
      INFO(target.name << "/" << name);
      fuzz::Verdict verdict{};
      REQUIRE_NOTHROW(verdict = target.feed(read_text(entry.path())));
      CHECK(verdict == (should_accept ? fuzz::Verdict::Accepted : fuzz::Verdict::Rejected));
      ++files;
    }
  }
  CHECK(files > 0);
}

TEST_CASE("robustness: SIGTERM stops a run with complete outputs marked as interrupted",
          "[robustness][cli]") {
  // As the SIGINT test in tests/test_cli.cpp: a run of several seconds (100,000 PPUs, 300,000
  // jobs over 9 days) stopped while it simulates, here by SIGTERM (what `kill`, systemd and batch
  // schedulers send): exit 143 (128 + 15), every output whole, the report saying when it stopped.
  TempDir dir;
  json scenario = read_json(kSourceDir / "bench" / "month-100k.json");
  scenario["workload"]["generator"]["jobs"] = 300000;
  scenario["workload"]["generator"]["duration_s"] = 9 * 86400;
  scenario["simulation"]["horizon_s"] = 9 * 86400;
  write_text(dir / "long.json", scenario.dump(2));
  // Signalled once it is simulating: the partial time series, written every 0.05 s of wall
  // time from the simulation loop, appears only then.
  PpusimProcess process(dir, {"run", "long.json", "--output", "out", "--partial-every", "0.05"});
  REQUIRE(process.wait_until([&dir] { return fs::exists(dir / "out" / kPartialTimeSeriesFile); }));
  process.send(SIGTERM);
  const Outcome outcome = process.wait();
  INFO(describe(outcome));
  REQUIRE(outcome.signal == 0);
  CHECK(outcome.exit_code == 143);
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir / "out"))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"jobs.csv", "report.json", "time_series.csv"});
  const json report = read_json(dir / "out" / "report.json");
  REQUIRE(report["interrupted_at_s"].is_number());
  CHECK(report["interrupted_at_s"].get<double>() < 9 * 86400.0);
  CHECK_THAT(outcome.out, Contains("INTERRUPTED"));
}

TEST_CASE("robustness: runs executing at the same time give byte-identical outputs", "[robustness][cli]") {
  // Nothing in a run may depend on the machine's state: the time, the process id, the order in
  // which processes get the CPU, a shared temporary file.
  TempDir dir;
  write_text(dir / "gen.json", generator_scenario().dump(2));
  std::vector<std::unique_ptr<PpusimProcess>> runs;
  for (const char* folder : {"a", "b", "c"}) {
    runs.push_back(std::make_unique<PpusimProcess>(
        dir, std::vector<std::string>{"run", "gen.json", "-o", folder, "-q"}));
  }
  for (const auto& run : runs) {
    const Outcome outcome = run->wait();
    INFO(describe(outcome));
    REQUIRE(outcome.exit_code == 0);
  }
  for (const char* name : {"report.json", "jobs.csv", "time_series.csv"}) {
    INFO(name);
    const std::string first = read_text(dir / "a" / name);
    CHECK_FALSE(first.empty());
    CHECK(read_text(dir / "b" / name) == first);
    CHECK(read_text(dir / "c" / name) == first);
  }
}

// Inputs that once crashed the engine or made it overflow, found by the robustness work and
// fixed (tests/data/regressions/engine/); run through the real binary.
const fs::path kEngine = kRegressions / "engine";

TEST_CASE("robustness: a job of 2^31 - 1 PPUs is rejected and counted like any job larger than the cluster",
          "[robustness][cli]") {
  // The trace reader accepts ppus up to 2^31 - 1. ResourcePool::whole_nodes_needed once
  // computed ppus + ppus_per_node - 1 in int, which wrapped negative: ever_fits() said yes and
  // allocate() threw std::length_error inside the SimGrid actor (SIGABRT, no output).
  TempDir dir;
  const Outcome outcome =
      run_ppusim(dir, {"run", (kEngine / "trace-ppus-int-max.json").string(), "-o", "out", "-q"});
  INFO(describe(outcome));
  REQUIRE(outcome.signal == 0);
  REQUIRE(outcome.exit_code == 0);
  const json jobs = read_json(dir / "out" / "report.json").at("jobs");
  CHECK(jobs.at("rejected") == 1);
  CHECK(jobs.at("finished") == 1);
}

TEST_CASE("robustness: leaf groups and pods of up to 2^31 - 1 run without integer overflow",
          "[robustness][cli]") {
  // The loader accepts nodes_per_leaf and leaves_per_pod up to INT_MAX; estimate_runtime_s
  // (sim/engine/job_plan.cpp) once computed nodes + nodes_per_leaf - 1 in int. Undefined
  // behaviour, which only the sanitizer build (scripts/ci-sanitizers.sh) shows, as exit 1.
  TempDir dir;
  for (const char* name : {"nodes-per-leaf-int-max", "leaves-per-pod-int-max"}) {
    const Outcome outcome =
        run_ppusim(dir, {"run", (kEngine / (std::string(name) + ".json")).string(), "-o", "out", "-q"});
    INFO(name << ": " << describe(outcome));
    CHECK(outcome.exit_code == 0);
    CHECK(outcome.err.empty());
  }
}

// Once open problems (docs/robustness.md, "Found and fixed" 3-6), fixed: the inputs are in
// tests/data/regressions/engine/ (the deep rows also in trace_jsonl/, fed to the parser).

TEST_CASE("robustness: a deeply nested trace row is refused, without a stack overflow or quadratic memory",
          "[robustness]") {
  TempDir dir;
  // Before the fix these took 2.7 GB (then SIGSEGV) and 1.8 GB; the limit keeps a regression from taking
  // more.
  const rlim_t limit = kSanitized ? 0 : rlim_t{4} << 30;
  for (const char* name : {"trace-deep-array", "trace-deep-unknown-key"}) {
    const Outcome outcome =
        PpusimProcess(dir, {"validate", (kEngine / (std::string(name) + ".json")).string()}, {}, limit)
            .wait();
    INFO(name << ": " << describe(outcome));
    CHECK(outcome.signal == 0);
    CHECK(outcome.exit_code == 2);
    CHECK_THAT(outcome.err,
               Contains(std::string(name) + ".jsonl:1: found a value nested deeper than 32 levels"));
    CHECK(outcome.peak_rss_kb < 300 * 1024);
  }
}

TEST_CASE("robustness: work that overflows to infinity is refused, not simulated forever", "[robustness]") {
  TempDir dir;
  // Before the fix: exit 0, the job "running" for ever, SimGrid's "Oops! Deadlock detected".
  const Outcome overflow =
      run_ppusim(dir, {"run", (kEngine / "work-overflow.json").string(), "-o", "out", "-q"});
  INFO(describe(overflow));
  CHECK(overflow.exit_code == 2);
  CHECK_THAT(overflow.err, Contains("work-overflow.jsonl:2: job model-6nd: its work in FLOPs is inf") &&
                               Contains("expected a finite number"));
  CHECK_THAT(overflow.err, !Contains("Deadlock"));
  CHECK_FALSE(fs::exists(dir / "out" / "report.json"));

  const Outcome peak =
      run_ppusim(dir, {"run", (kEngine / "peak-flops-overflow.json").string(), "-o", "out", "-q"});
  INFO(describe(peak));
  CHECK(peak.exit_code == 2);
  // Since the plausibility bounds (issue #16) the peak rate itself is refused, before any job.
  CHECK_THAT(peak.err, Contains("/ppu/peak_bf16_flops_per_s: found 1e+308, expected a number in "));
  // Before the fix: exit 0 and a trace of "flops": null rows that ppusim cannot read back.
  const Outcome generate = run_ppusim(
      dir, {"trace", "generate", (kEngine / "peak-flops-overflow.json").string(), "-o", "t.jsonl"});
  INFO(describe(generate));
  CHECK(generate.exit_code == 2);
  CHECK_FALSE(fs::exists(dir / "t.jsonl"));
}

TEST_CASE("robustness: a trace without line breaks is refused after 1 MiB, not read until memory runs out",
          "[robustness]") {
  TempDir dir;
  json scenario = generator_scenario();
  scenario["workload"].erase("generator");
  scenario["workload"]["trace"] = "/dev/zero";  // not a regular file: no size for the memory estimate
  write_text(dir / "s.json", scenario.dump(2));
  const Outcome outcome =
      PpusimProcess(dir, {"validate", (dir / "s.json").string()}, {}, kSanitized ? 0 : rlim_t{1} << 30)
          .wait();
  INFO(describe(outcome));
  CHECK(outcome.exit_code == 2);
  CHECK_THAT(outcome.err, Contains("/dev/zero:1: found a row longer than 1048576 bytes"));
}

TEST_CASE("robustness: error messages quoting invalid UTF-8 are valid text", "[robustness]") {
  CHECK(printable_text("plain, tab\tand newline\n") == "plain, tab\tand newline\n");
  CHECK(printable_text("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80") ==
        "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80");
  CHECK(printable_text("bad \xFF and \xC3") == "bad \\xFF and \\xC3");  // invalid lead, cut sequence
  CHECK(printable_text("\xC0\xAF overlong") == "\\xC0\\xAF overlong");  // overlong '/'
  CHECK(printable_text("\xED\xA0\x80 surrogate") == "\\xED\\xA0\\x80 surrogate");
  CHECK(printable_text(std::string("nul \0 esc \x1B", 11)) == "nul \\x00 esc \\x1B");

  TempDir dir;
  json scenario = generator_scenario();
  scenario["workload"].erase("generator");
  scenario["workload"]["trace"] = (kRegressions / "trace_jsonl" / "edge-invalid-utf8.jsonl").string();
  write_text(dir / "s.json", scenario.dump(2));
  const Outcome outcome = run_ppusim(dir, {"validate", (dir / "s.json").string()});
  INFO(describe(outcome));
  CHECK(outcome.exit_code == 2);
  CHECK(printable_text(outcome.err) == outcome.err);  // nothing left to escape: valid UTF-8
}

TEST_CASE("robustness: a SimGrid deadlock is an error, never a finished run", "[robustness][engine]") {
  // Below the loader's bounds (issue #16): a link of 1e-300 B/s. SimGrid reports "Deadlock
  // detected" and ends the run; before, half the jobs were reported finished with exit 0.
  Scenario scenario = test::tiny_scenario(4, 8, 2);
  scenario.source_path = "s.json";
  scenario.topology.link_bandwidth_bytes_per_s = 1e-300;
  scenario.node.nic_bandwidth_bytes_per_s = 1e-300;
  const JobTrace trace = test::trace_of({test::model_job("wide", 0, 32, 1e9, 1.6e12, 1.6e10)});
  CHECK_THROWS_AS(simulate_in_child_process(scenario, trace), InputError);
  CHECK_THROWS_WITH(simulate_in_child_process(scenario, trace),
                    StartsWith("s.json: the simulation deadlocked at ") && Contains("no report was written"));
}

TEST_CASE("robustness: a write that fails is an error, and an output set is whole or absent",
          "[robustness][cli]") {
  TempDir dir;
  SECTION("a full device (/dev/full) is refused by every command that writes a file") {
    if (!fs::exists("/dev/full")) return;
    write_text(dir / "s.json", generator_scenario().dump());
    const std::string config = (kSourceDir / "configs" / "small-test.json").string();
    // Before issue #16: exit 0 for each, the write errors unchecked.
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"trace", "generate", "s.json", "-o", "/dev/full"},
          std::vector<std::string>{"topology", config, "--json", "/dev/full"}}) {
      const Outcome outcome = run_ppusim(dir, args);
      INFO(describe(outcome));
      CHECK(outcome.exit_code == 2);
      CHECK_THAT(outcome.err, Contains("/dev/full: cannot write: No space left on device"));
    }
    CHECK(fs::is_character_file("/dev/full"));  // written in place, never renamed over
  }
  SECTION("a set whose last file cannot be written leaves none of its files") {
    write_text(dir / "blocker", "a file where a folder should be");
    CHECK_THROWS_WITH(
        write_files_atomically({{(dir / "out" / "report.json").string(), "{}"},
                                {(dir / "out" / "time_series.csv").string(), "t"},
                                {(dir / "blocker" / "jobs.csv").string(), "j"}}),
        Contains("blocker/jobs.csv: cannot create its folder ") && Contains("blocker: Not a directory"));
    CHECK_FALSE(fs::exists(dir / "out" / "report.json"));
    CHECK_FALSE(fs::exists(dir / "out" / "time_series.csv"));
    CHECK(fs::is_empty(dir / "out"));  // no temporary left behind either
  }
}

namespace {

/// The processes whose parent is `parent`, from /proc.
std::vector<pid_t> children_of(pid_t parent) {
  std::vector<pid_t> children;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat(entry.path() / "stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    const auto close = text.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(text.substr(close + 2));
    char state = 0;
    long ppid = 0;
    rest >> state >> ppid;
    if (ppid == parent) children.push_back(static_cast<pid_t>(std::stol(name)));
  }
  return children;
}

/// Gone, or a zombie waiting for a reaper: either way no longer running.
bool ended(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  const auto close = text.rfind(')');
  return close == std::string::npos || text.substr(close + 2, 1) == "Z";
}

}  // namespace

TEST_CASE("robustness: the runs of a sweep die with the sweep", "[robustness][sweep][cli]") {
  // Before issue #16: SIGTERM or SIGINT to the sweep process alone left its forked runs going
  // on as orphans, each writing a full output.
  for (const int signal : {SIGTERM, SIGINT}) {
    TempDir dir;
    json scenario = generator_scenario();
    scenario["workload"]["generator"]["jobs"] = 200000;  // seconds of simulation, not milliseconds
    scenario["workload"]["generator"]["duration_s"] = 3.6e6;
    write_text(dir / "base.json", scenario.dump());
    write_text(dir / "spec.json", json({{"base", "base.json"},
                                        {"grid", {{"/scheduler/policy", {"fifo", "easy-backfill"}}}},
                                        {"seeds", {1}},
                                        {"metrics", {"/utilization/allocated"}}})
                                      .dump());
    PpusimProcess sweep(dir, {"sweep", "spec.json", "-o", "out", "-j", "2", "-q"});
    std::vector<pid_t> runs;
    REQUIRE(sweep.wait_until([&] {
      runs = children_of(sweep.pid());
      return runs.size() == 2;
    }));
    sweep.send(signal);
    const Outcome outcome = sweep.wait();
    INFO(describe(outcome));
    CHECK(outcome.signal == signal);
    for (const pid_t run : runs) {
      for (int i = 0; i < 500 && !ended(run); ++i) ::usleep(20000);
      CHECK(ended(run));
    }
    for (const auto& entry : fs::recursive_directory_iterator(dir / "out")) {
      CHECK(entry.path().filename() != "report.json");
    }
  }
}

TEST_CASE("robustness: reads are bounded and messages quote at most 200 characters", "[robustness][cli]") {
  TempDir dir;
  SECTION("endless devices are refused at once") {
    // Before issue #16: read until 3 GB of memory.
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"validate", "/dev/zero"},
          std::vector<std::string>{"trace", "import", "-f", "helios", "/dev/zero", "-o", "t.jsonl"}}) {
      const Outcome outcome = run_ppusim(dir, args);
      INFO(describe(outcome));
      CHECK(outcome.exit_code == 2);
      CHECK(outcome.err == "ppusim: error: /dev/zero: found a NUL byte at byte 1, expected a text file\n");
    }
  }
  SECTION("a file beyond the cap is refused with the cap") {
    write_text(dir / "long.json", std::string(100, ' '));
    CHECK_THROWS_WITH(
        read_text_file((dir / "long.json").string(), 64),
        Catch::EndsWith("long.json: found more than 64 bytes, expected a file of at most that size (is it "
                        "the right file?)"));
  }
  SECTION("a one-line file of 1 MB is quoted by its first 200 characters") {
    // Before: the whole line echoed (a 200 MB line took 1 GB of memory to print).
    write_text(dir / "one.csv", std::string(1000000, 'a'));
    for (const char* format : {"helios", "azure-llm", "openb-pods"}) {
      const Outcome outcome = run_ppusim(dir, {"trace", "import", "-f", format, "one.csv", "-o", "t.jsonl"});
      INFO(describe(outcome));
      CHECK(outcome.exit_code == 2);
      CHECK_THAT(outcome.err,
                 StartsWith("ppusim: error: one.csv:1: found the header \"" + std::string(200, 'a') +
                            "… (1000000 bytes in all)\", expected one naming the columns "));
      CHECK(outcome.err.size() < 500);
    }
  }
}

TEST_CASE("robustness: a file of the wrong kind is named for what it is", "[robustness][cli]") {
  TempDir dir;
  write_text(dir / "s.json", small_scenario().dump());
  write_text(dir / "spec.json",
             json({{"base", "s.json"}, {"seeds", {1}}, {"grid", {{"/cluster/nodes", {16}}}}}).dump());
  const auto check = [&](const std::vector<std::string>& args, const std::string& message) {
    const Outcome outcome = run_ppusim(dir, args);
    INFO(describe(outcome));
    CHECK(outcome.exit_code == 2);
    CHECK_THAT(outcome.err, StartsWith("ppusim: error: " + message));
  };
  // Before issue #16: "unknown key" lists with a "did you mean" that could not help.
  check({"validate", "spec.json"},
        "spec.json: found a sweep or plan spec (it has \"base\"), expected a scenario");
  check({"sweep", "s.json"}, "s.json: found a scenario (it has \"ppu\"), expected a spec with \"base\"");
  write_text(dir / "t.jsonl", R"({"id": "a", "submit_s": 0, "ppus": 1, "flops": 1e15, "tenant": "x"})"
                              "\n");
  // `tenant` is a trace field since issue #14: a scenario without tenants names the problem.
  check({"validate", "s.json"},
        "t.jsonl:1: /tenant: found \"x\", expected no tenant (the scenario has no \"tenants\")");
  write_text(dir / "t.jsonl", R"({"id": "a", "submit_sec": 0, "ppus": 1, "flops": 1e15})"
                              "\n");
  const Outcome typo = run_ppusim(dir, {"validate", "s.json"});
  CHECK_THAT(typo.err, Contains("/submit_sec: unknown key") && Contains("did you mean \"submit_s\"?"));
  write_text(dir / "t.jsonl", R"({"arrival_s": 0, "input_tokens": 10, "output_tokens": 5})"
                              "\n");
  const Outcome requests = run_ppusim(dir, {"validate", "s.json"});
  CHECK_THAT(requests.err,
             Contains("/arrival_s: unknown key") && Contains("this row looks like a request trace"));
}

}  // namespace ppusim
