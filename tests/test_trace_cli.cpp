// `ppusim trace import`, `ppusim trace stats` and a scenario reading a foreign trace through
// workload.format, run as the user runs them.
#include <catch2/catch.hpp>

#include "cli_runner.hpp"

namespace ppusim::cli_test {
namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using nlohmann::json;

const fs::path kTraces = kSourceDir / "tests/data/traces";

/// configs/small-test.json with the given workload, written into `dir`.
fs::path write_scenario(const TempDir& dir, const std::string& name, const json& workload) {
  json scenario = read_json(kSourceDir / "configs/small-test.json");
  scenario["workload"] = workload;
  const fs::path path = dir / name;
  write_text(path, scenario.dump(2) + "\n");
  return path;
}

}  // namespace

TEST_CASE("cli: trace import writes our format and says what it left out", "[cli][importers]") {
  TempDir dir;
  const Outcome pods = run_ppusim(dir, {"trace", "import", "--format", "openb-pods",
                                        (kTraces / "openb_pod_list.csv").string(), "-o", "pods.jsonl"});
  INFO(describe(pods));
  REQUIRE(pods.exit_code == 0);
  CHECK_THAT(pods.out, Contains("wrote 14 jobs to pods.jsonl"));
  CHECK_THAT(pods.out, Contains("left out 1 rows: no GPU requested"));
  CHECK_THAT(pods.out,
             Contains("kept 2 rows: never scheduled (Pending), run time = the median of the scheduled pods, "
                      "9339430 s"));
  CHECK_THAT(read_text(dir / "pods.jsonl"), Contains("\"ppu_milli\":460"));

  const Outcome stats = run_ppusim(dir, {"trace", "stats", "pods.jsonl", "--json"});
  REQUIRE(stats.exit_code == 0);
  const json parsed = json::parse(stats.out);
  CHECK(parsed["records"] == 14);
  CHECK(parsed["fractional_jobs"] == 2);  // gpu_milli 460 twice
  CHECK(parsed["ppus"]["max"] == 8);
}

TEST_CASE("cli: a bad trace row exits 2 with file:line:column, and nothing is written", "[cli][importers]") {
  TempDir dir;
  write_text(dir / "bad.csv",
             "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03.9,10,2\n2023-11-16 x,1,1\n");
  const Outcome bad =
      run_ppusim(dir, {"trace", "import", "--format", "azure-llm", "bad.csv", "-o", "requests.jsonl"});
  INFO(describe(bad));
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Contains("bad.csv:3:1: column TIMESTAMP: found \"2023-11-16 x\", expected a time"));
  CHECK_FALSE(fs::exists(dir / "requests.jsonl"));
  const Outcome skipped = run_ppusim(dir, {"trace", "import", "--format", "azure-llm", "bad.csv", "-o",
                                           "requests.jsonl", "--skip-bad-rows"});
  CHECK(skipped.exit_code == 0);
  CHECK_THAT(skipped.out, Contains("skipped 1 bad rows"));
}

TEST_CASE("cli: a scenario runs a foreign trace through workload.format", "[cli][importers]") {
  TempDir dir;
  json workload = {{"trace", (kTraces / "fixtures/helios_jobs.csv").string()}, {"format", "helios"}};
  const std::string path = write_scenario(dir, "helios.json", workload).string();
  const Outcome run = run_ppusim(dir, {"run", path, "--output", "out", "-q"});
  INFO(describe(run));
  REQUIRE(run.exit_code == 0);
  CHECK(read_json(dir / "out" / "report.json").at("jobs").at("submitted") == 3);

  workload["format"] = "azure-llm";  // requests are not a workload
  const std::string wrong = write_scenario(dir, "wrong.json", workload).string();
  const Outcome refused = run_ppusim(dir, {"validate", wrong});
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.err, Contains("/workload/format: found \"azure-llm\""));
}

}  // namespace ppusim::cli_test
