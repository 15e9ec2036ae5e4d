// End-to-end tests of the `ppusim` program: each test runs the built executable as a child
// process, in a fresh temporary folder, and checks its exit code, what it prints on stdout and
// stderr, and the files it writes. Scenarios are configs/small-test.json or small variants
// written into the temporary folder, so every run takes a fraction of a second.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "sim/app/partial_time_series.hpp"
#include "tests/cli_runner.hpp"

namespace ppusim {
namespace {

using namespace cli_test;  // TempDir, run_ppusim, Outcome, describe, read_text, ...
namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using nlohmann::json;

const fs::path kSmallTest = kSourceDir / "configs" / "small-test.json";
const fs::path kSmallJobs = kSourceDir / "tests" / "data" / "small-jobs.jsonl";

/// Rows of a JSON Lines trace that hold a job: not blank, not a '#' comment.
int count_job_rows(const fs::path& path) {
  std::istringstream in(read_text(path));
  int rows = 0;
  for (std::string line; std::getline(in, line);) {
    const auto first = line.find_first_not_of(" \t\r");
    if (first != std::string::npos && line[first] != '#') ++rows;
  }
  return rows;
}

/// configs/small-test.json, with its trace made absolute so that the copy can live anywhere.
json small_test_scenario() {
  json scenario = read_json(kSmallTest);
  scenario["workload"] = {{"trace", kSmallJobs.string()}};
  return scenario;
}

/// The small-test cluster with synthetic jobs: 200 jobs of 1 to 64 PPUs over ten hours.
json generator_scenario() {
  json scenario = read_json(kSmallTest);
  scenario["workload"] = {{"generator", {{"jobs", 200}, {"duration_s", 36000}, {"max_ppus", 64}}}};
  return scenario;
}

fs::path write_scenario(const TempDir& dir, const std::string& name, const json& scenario) {
  const fs::path path = dir / name;
  write_text(path, scenario.dump(2) + "\n");
  return path;
}

/// Names of the files in `folder`, sorted.
std::vector<std::string> files_in(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST_CASE("cli: run writes the report, the time series, the job table and a summary", "[cli]") {
  TempDir dir;
  const Outcome run = run_ppusim(dir, {"run", kSmallTest.string(), "--output", "out"});
  INFO(describe(run));
  REQUIRE(run.signal == 0);
  REQUIRE(run.exit_code == 0);

  // Exactly the three outputs: in particular no leftover "*.tmp.<pid>" from the atomic writes.
  const fs::path out = dir / "out";
  CHECK(files_in(out) == std::vector<std::string>{"jobs.csv", "report.json", "time_series.csv"});
  for (const auto& name : files_in(out)) CHECK(name.find(".tmp.") == std::string::npos);

  const json report = read_json(out / "report.json");
  CHECK(report.at("schema_version") == 2);
  CHECK(report.at("jobs").at("submitted") == count_job_rows(kSmallJobs));
  CHECK(report.at("jobs").at("finished") == count_job_rows(kSmallJobs));
  CHECK(report.at("scenario").at("name") == "small-test");

  CHECK_THAT(read_text(out / "time_series.csv"), StartsWith("start_s,utilization_allocated,"));
  CHECK_THAT(read_text(out / "jobs.csv"), StartsWith("id,outcome,"));

  CHECK_THAT(run.out, Contains("utilization: allocated"));
  CHECK_THAT(run.out, Contains("cost per delivered PF-day"));
  CHECK_THAT(run.out, Contains("report: out/report.json"));
  CHECK(run.err.empty());

  SECTION("--quiet prints no summary table but writes the same outputs") {
    const Outcome quiet = run_ppusim(dir, {"run", kSmallTest.string(), "--output", "quiet", "--quiet"});
    INFO(describe(quiet));
    REQUIRE(quiet.exit_code == 0);
    CHECK(quiet.out.empty());
    CHECK(read_text(dir / "quiet" / "report.json") == read_text(out / "report.json"));
  }
}

TEST_CASE("cli: runs are deterministic and --seed selects the generator's draw", "[cli]") {
  TempDir dir;

  SECTION("the same scenario twice gives byte-identical outputs") {
    const auto a = run_ppusim(dir, {"run", kSmallTest.string(), "-o", "a", "-q"});
    const auto b = run_ppusim(dir, {"run", kSmallTest.string(), "-o", "b", "-q"});
    REQUIRE(a.exit_code == 0);
    REQUIRE(b.exit_code == 0);
    for (const char* name : {"report.json", "jobs.csv", "time_series.csv"}) {
      INFO(name);
      CHECK(read_text(dir / "a" / name) == read_text(dir / "b" / name));
    }
  }

  SECTION("--seed on a generator scenario") {
    const std::string scenario = write_scenario(dir, "gen.json", generator_scenario()).string();
    for (const auto& [folder, seed] : std::vector<std::pair<std::string, std::string>>{
             {"seed7-a", "7"}, {"seed7-b", "7"}, {"seed8", "8"}, {"seed1", "1"}, {"default", ""}}) {
      std::vector<std::string> args{"run", scenario, "-o", folder, "-q"};
      if (!seed.empty()) args.insert(args.end(), {"--seed", seed});
      const Outcome run = run_ppusim(dir, args);
      INFO(folder << ": " << describe(run));
      REQUIRE(run.exit_code == 0);
    }
    const auto report = [&](const std::string& folder) { return read_text(dir / folder / "report.json"); };
    const auto jobs = [&](const std::string& folder) { return read_text(dir / folder / "jobs.csv"); };

    CHECK(report("seed7-a") == report("seed7-b"));
    CHECK(jobs("seed7-a") == jobs("seed7-b"));
    CHECK(report("seed7-a") != report("seed8"));
    // The report echoes the seed, so compare the job table too: a different seed must draw
    // different jobs, not just print a different number.
    CHECK(jobs("seed7-a") != jobs("seed8"));
    CHECK(json::parse(report("seed8")).at("scenario").at("seed") == 8);
    // --seed equal to the scenario's simulation.seed (1) changes nothing.
    CHECK(report("seed1") == report("default"));
  }
}

TEST_CASE("cli: a horizon that cuts streaming reads in flight ends the run cleanly", "[cli]") {
  // configs/perception-cached.json cut at 300 s: its jobs a and b started at 0 s and are in their
  // first 1,800 s segment, computing while the segment's input reads are in flight. The actors
  // stop at the horizon and cancel those reads; dropped unfinished, each one made SimGrid print
  // a `Comm::~Comm` backtrace (two in this run).
  TempDir dir;
  json scenario = read_json(kSourceDir / "configs" / "perception-cached.json");
  scenario["workload"]["trace"] = (kSourceDir / "tests" / "data" / "perception-jobs.jsonl").string();
  scenario["simulation"]["horizon_s"] = 300;
  const fs::path path = write_scenario(dir, "cut.json", scenario);
  const Outcome run = run_ppusim(dir, {"run", path.string(), "--output", "out", "--quiet"});
  INFO(describe(run));
  CHECK(run.exit_code == 0);
  CHECK_THAT(run.err, !Contains("Comm::~Comm") && !Contains("Backtrace"));
  CHECK(read_json(dir / "out" / "report.json")["window_s"].get<double>() == 300);
}

TEST_CASE("cli: a bad scenario exits 2 naming the file and the JSON path, and writes nothing", "[cli]") {
  TempDir dir;
  struct Case {
    std::string what;
    std::string file;     // name in the temp folder
    std::string content;  // empty: the file is not created at all
    std::vector<std::string> fragments;
  };
  json unknown_key = small_test_scenario();
  unknown_key["topology"]["tierz"] = 3;
  json wrong_type = small_test_scenario();
  wrong_type["topology"]["tiers"] = "3";

  const std::vector<Case> cases{
      {"unknown key",
       "unknown-key.json",
       unknown_key.dump(2),
       {": /topology/tierz: ", "unknown key", "\"tiers\""}},
      {"wrong type", "wrong-type.json", wrong_type.dump(2), {": /topology/tiers: ", "found \"3\""}},
      {"invalid JSON",
       "invalid.json",
       "{\"name\": \"x\",\n \"ppu\": {\n",
       {": line 3, column 1: invalid JSON"}},
      {"missing file", "missing.json", "", {": cannot open the file"}},
  };
  for (const auto& c : cases) {
    const fs::path path = dir / c.file;
    if (!c.content.empty()) write_text(path, c.content);
    const Outcome run = run_ppusim(dir, {"run", path.string(), "--output", "out"});
    INFO(c.what << ": " << describe(run));
    CHECK(run.signal == 0);
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.err, StartsWith("ppusim: error: " + path.string() + ": "));
    for (const auto& fragment : c.fragments) CHECK_THAT(run.err, Contains(fragment));
    CHECK(run.out.empty());
    CHECK_FALSE(fs::exists(dir / "out"));
  }
}

TEST_CASE("cli: a malformed trace row stops the run unless --skip-bad-rows", "[cli]") {
  TempDir dir;
  const fs::path trace = dir / "bad.jsonl";
  write_text(trace,
             "{\"id\": \"a\", \"submit_s\": 0, \"ppus\": 1, \"flops\": 1e15}\n"
             "{\"id\": \"b\", \"submit_s\": 0, \"ppus\": 2, \"flops\": 1e15}\n"
             "{\"id\": \"c\", \"submit_s\": 0, \"ppus\": -3, \"flops\": 1e15}\n"
             "{\"id\": \"d\", \"submit_s\": 1, \"ppus\": 4, \"duration_s\": 60}\n");
  json scenario = small_test_scenario();
  scenario["workload"] = {{"trace", trace.string()}};
  const std::string path = write_scenario(dir, "bad-trace.json", scenario).string();

  const Outcome strict = run_ppusim(dir, {"run", path, "--output", "strict"});
  {
    INFO(describe(strict));
    CHECK(strict.signal == 0);
    CHECK(strict.exit_code == 2);
    CHECK_THAT(strict.err, Contains(trace.string() + ":3: /ppus: found -3"));
    CHECK_FALSE(fs::exists(dir / "strict"));
  }

  const Outcome skipping = run_ppusim(dir, {"run", path, "--output", "skipping", "--skip-bad-rows", "-q"});
  INFO(describe(skipping));
  REQUIRE(skipping.exit_code == 0);
  const json report = read_json(dir / "skipping" / "report.json");
  CHECK(report.at("jobs").at("skipped_trace_rows") == 1);
  CHECK(report.at("jobs").at("submitted") == 3);
}

TEST_CASE("cli: validate checks a scenario and its workload without running it", "[cli]") {
  TempDir dir;
  const Outcome good = run_ppusim(dir, {"validate", kSmallTest.string()});
  {
    INFO(describe(good));
    CHECK(good.exit_code == 0);
    CHECK_THAT(good.out, Contains(kSmallTest.string() + ": valid"));
    CHECK_THAT(good.out, Contains(std::to_string(count_job_rows(kSmallJobs)) + " jobs"));
    // Validation writes nothing, not even the default output folder out/small-test.
    CHECK(files_in(dir.path()) == std::vector<std::string>{".capture"});
  }

  json bad = small_test_scenario();
  bad["topology"]["tiers"] = 4;
  const std::string path = write_scenario(dir, "bad.json", bad).string();
  const Outcome rejected = run_ppusim(dir, {"validate", path});
  INFO(describe(rejected));
  CHECK(rejected.exit_code == 2);
  CHECK_THAT(rejected.err, Contains(path + ": /topology/tiers: "));
  CHECK_THAT(rejected.out, !Contains("valid"));
}

TEST_CASE("cli: --help lists the commands and options, and bad arguments exit 2", "[cli]") {
  TempDir dir;
  const Outcome help = run_ppusim(dir, {"--help"});
  {
    INFO(describe(help));
    CHECK(help.exit_code == 0);
    for (const char* command : {"run", "validate", "trace"}) CHECK_THAT(help.out, Contains(command));
  }

  const Outcome run_help = run_ppusim(dir, {"run", "--help"});
  {
    INFO(describe(run_help));
    CHECK(run_help.exit_code == 0);
    for (const char* option : {"--output", "--seed", "--skip-bad-rows", "--quiet"}) {
      CHECK_THAT(run_help.out, Contains(option));
    }
  }

  const Outcome generate_help = run_ppusim(dir, {"trace", "generate", "--help"});
  {
    INFO(describe(generate_help));
    CHECK(generate_help.exit_code == 0);
    for (const char* option : {"--output", "--seed"}) CHECK_THAT(generate_help.out, Contains(option));
  }

  // Each bad command line is refused by the parser before any file is read, so a scenario
  // that does not exist is fine here; the fragment is what tells the user what went wrong.
  const std::string scenario = kSmallTest.string();
  const std::vector<std::pair<std::vector<std::string>, std::string>> bad_lines{
      {{"run", scenario, "--bogus"}, "--bogus"},
      {{"run"}, "scenario is required"},
      {{"run", scenario, "--seed"}, "--seed"},
      {{"run", scenario, "--seed", "abc"}, "--seed"},
      {{}, "subcommand is required"},
      {{"frobnicate"}, "subcommand is required"},
      {{"trace", "generate", scenario}, "--output"},
  };
  for (const auto& [args, fragment] : bad_lines) {
    const Outcome run = run_ppusim(dir, args);
    INFO(describe(run));
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.err, Contains(fragment));
  }
  CHECK_FALSE(fs::exists(dir / "out"));
}

TEST_CASE("cli: trace generate writes a trace that runs like the generator", "[cli]") {
  TempDir dir;
  const std::string generator = write_scenario(dir, "gen.json", generator_scenario()).string();
  const Outcome generate = run_ppusim(dir, {"trace", "generate", generator, "-o", "gen.jsonl"});
  {
    INFO(describe(generate));
    REQUIRE(generate.exit_code == 0);
    CHECK_THAT(generate.out, Contains("gen.jsonl: 200 jobs"));
    CHECK(count_job_rows(dir / "gen.jsonl") == 200);
  }

  // "trace": "gen.jsonl" is resolved against the scenario's folder, i.e. the temp folder.
  json replay = generator_scenario();
  replay["workload"] = {{"trace", "gen.jsonl"}};
  const std::string replay_path = write_scenario(dir, "replay.json", replay).string();
  const Outcome from_trace = run_ppusim(dir, {"run", replay_path, "-o", "from-trace", "-q"});
  const Outcome from_generator = run_ppusim(dir, {"run", generator, "-o", "from-generator", "-q"});
  INFO(describe(from_trace) + "\n" + describe(from_generator));
  REQUIRE(from_trace.exit_code == 0);
  REQUIRE(from_generator.exit_code == 0);
  const json trace_report = read_json(dir / "from-trace" / "report.json");
  CHECK(trace_report.at("jobs").at("submitted") == 200);
  // docs/workloads.md: the trace reads back to the same jobs bit for bit, so the whole
  // simulation, not just the job count, must come out the same.
  CHECK(trace_report == read_json(dir / "from-generator" / "report.json"));
  CHECK(read_text(dir / "from-trace" / "jobs.csv") == read_text(dir / "from-generator" / "jobs.csv"));

  SECTION("a trace-based scenario has no generator to draw from") {
    const Outcome refused = run_ppusim(dir, {"trace", "generate", kSmallTest.string(), "-o", "none.jsonl"});
    INFO(describe(refused));
    CHECK(refused.exit_code == 2);
    CHECK_THAT(refused.err,
               Contains(kSmallTest.string() + ": /workload: found a trace, expected a generator"));
    CHECK_FALSE(fs::exists(dir / "none.jsonl"));
  }
}

TEST_CASE("cli: a job larger than the cluster is rejected and counted, not dropped", "[cli]") {
  TempDir dir;
  const fs::path trace = dir / "big.jsonl";
  write_text(trace,
             "{\"id\": \"small\", \"submit_s\": 0, \"ppus\": 8, \"flops\": 1e18}\n"
             "{\"id\": \"huge\", \"submit_s\": 0, \"ppus\": 256, \"flops\": 1e18}\n");
  json scenario = small_test_scenario();  // 128 PPUs
  scenario["workload"] = {{"trace", trace.string()}};
  const std::string path = write_scenario(dir, "big.json", scenario).string();

  const Outcome run = run_ppusim(dir, {"run", path, "-o", "out"});
  INFO(describe(run));
  REQUIRE(run.exit_code == 0);
  const json jobs = read_json(dir / "out" / "report.json").at("jobs");
  CHECK(jobs.at("submitted") == 2);
  CHECK(jobs.at("finished") == 1);
  CHECK(jobs.at("rejected") == 1);
  const json& reasons = jobs.at("rejected_reasons");
  REQUIRE(reasons.is_object());
  REQUIRE(reasons.size() == 1);
  CHECK_THAT(reasons.begin().key(), Contains("256"));
  CHECK(reasons.begin().value() == 1);
  CHECK_THAT(read_text(dir / "out" / "jobs.csv"), Contains("\nhuge,rejected,256,"));
}

TEST_CASE("cli: an output path that is a file fails cleanly and leaves the file alone", "[cli]") {
  TempDir dir;
  write_text(dir / "occupied", "not a folder\n");
  for (const std::string output : {"occupied", "occupied/sub"}) {
    const Outcome run = run_ppusim(dir, {"run", kSmallTest.string(), "--output", output, "-q"});
    INFO(describe(run));
    CHECK(run.signal == 0);  // an exception ending in abort() would show up as SIGABRT here
    CHECK(run.exit_code != 0);
    CHECK_THAT(run.err, Contains(output + "/report.json"));
    CHECK(read_text(dir / "occupied") == "not a folder\n");
  }
  CHECK(files_in(dir.path()) == std::vector<std::string>{".capture", "occupied"});
}

// Known problems, kept visible without failing the suite (see the comments for what is
// expected). Remove [!mayfail] once fixed.

// README.md: exit code 2 is bad input, 1 an internal error. An output folder that cannot be
// created is the user's input, yet write_file_atomically throws std::runtime_error, which
// main.cpp reports as "internal error" with exit 1.
TEST_CASE("cli: an unusable output folder is bad input (exit 2), not an internal error", "[cli]") {
  TempDir dir;
  write_text(dir / "occupied", "not a folder\n");
  const Outcome run = run_ppusim(dir, {"run", kSmallTest.string(), "--output", "occupied", "-q"});
  INFO(describe(run));
  CHECK(run.exit_code == 2);
  CHECK_THAT(run.err, StartsWith("ppusim: error: "));
}

// CLI11 2.1 converts unsigned options with strtoull and checks neither the sign nor ERANGE, so
// "--seed -1" and "--seed 18446744073709551616" both silently run with seed 2^64-1. A seed
// outside 0 .. 2^64-1 (the range docs/config.md gives) should be refused like "--seed abc".
TEST_CASE("cli: --seed outside 0 .. 2^64-1 is refused", "[cli]") {
  TempDir dir;
  for (const std::string seed : {"-1", "18446744073709551616"}) {
    const Outcome run = run_ppusim(dir, {"run", kSmallTest.string(), "-o", "out", "-q", "--seed=" + seed});
    INFO("--seed=" << seed << ": " << describe(run));
    CHECK(run.exit_code == 2);
    CHECK_FALSE(fs::exists(dir / "out"));
  }
}

}  // namespace ppusim

namespace ppusim {
namespace {

TEST_CASE("cli: SIGINT stops a run with complete outputs marked as interrupted", "[cli]") {
  // A run of several seconds (100,000 PPUs, 300,000 jobs over 9 days), interrupted while it runs:
  // exit 130 (128 + SIGINT), every output file whole (no temporary left), the report saying
  // when the simulated run stopped, and the summary saying so too.
  TempDir dir;
  json scenario = read_json(kSourceDir / "bench" / "month-100k.json");
  scenario["workload"]["generator"]["jobs"] = 300000;
  scenario["workload"]["generator"]["duration_s"] = 9 * 86400;
  scenario["simulation"]["horizon_s"] = 9 * 86400;
  const fs::path path = write_scenario(dir, "long.json", scenario);
  // Signalled once it is simulating (not after a fixed delay, which under load may fall before
  // the run has started): the partial time series, written every 0.05 s of wall time from the
  // simulation loop, appears only then.
  PpusimProcess process(dir, {"run", path.string(), "--output", "out", "--partial-every", "0.05"});
  REQUIRE(process.wait_until([&dir] { return fs::exists(dir / "out" / kPartialTimeSeriesFile); }));
  process.send(SIGINT);
  const Outcome outcome = process.wait();
  INFO(describe(outcome));
  REQUIRE(outcome.signal == 0);
  CHECK(outcome.exit_code == 130);
  CHECK(files_in(dir / "out") == std::vector<std::string>{"jobs.csv", "report.json", "time_series.csv"});
  const json report = read_json(dir / "out" / "report.json");
  REQUIRE(report["interrupted_at_s"].is_number());
  const double stopped = report["interrupted_at_s"].get<double>();
  CHECK(stopped < 9 * 86400.0);
  CHECK(report["window_s"].get<double>() == stopped);
  CHECK_THAT(outcome.out, Contains("INTERRUPTED"));
}

}  // namespace
}  // namespace ppusim
