// Issue #16, "Poor messages": inputs whose message once pointed the wrong way, each with its
// exit code and the stable part of the message it gives now. (The wrong kind of file, trace
// key typos and a request trace given as a job trace are in tests/test_robustness.cpp.)
#include <catch2/catch.hpp>

#include "cli_runner.hpp"

using namespace ppusim::cli_test;
using json = nlohmann::json;
using Catch::Contains;
namespace fs = std::filesystem;

TEST_CASE("messages: a required key written as null is reported as null, not as missing",
          "[robustness][cli]") {
  TempDir dir;
  json scenario = read_json(kSourceDir / "configs" / "small-test.json");
  scenario["ppu"]["tdp_watts"] = nullptr;
  scenario["workload"]["trace"] = (kSourceDir / "tests" / "data" / "small-jobs.jsonl").string();
  write_text(dir / "s.json", scenario.dump(2));
  const Outcome outcome = run_ppusim(dir, {"validate", "s.json"});
  INFO(describe(outcome));
  CHECK(outcome.exit_code == 2);
  CHECK_THAT(outcome.err, Contains("s.json: /ppu/tdp_watts: found null, expected "));
  CHECK_THAT(outcome.err, !Contains("missing"));
}

TEST_CASE("messages: a report of a newer schema is named, not the baseline it is checked against",
          "[robustness][cli]") {
  // A schema-99 report checked against the project's baseline (schema 2) once read
  // "ci-baseline.json: /report/schema_version: incompatible schema version: found 2, expected 99".
  TempDir dir;
  const fs::path baseline = kSourceDir / "tests" / "data" / "ci-baseline.json";
  json report = read_json(baseline).at("report");
  report["schema_version"] = 99;
  write_text(dir / "report.json", report.dump(2));
  const std::string expected =
      "report.json: /schema_version: found 99, expected 1 to 2: a report schema newer";

  const Outcome check = run_ppusim(dir, {"check", "report.json", "-b", baseline.string(), "-t",
                                         (kSourceDir / "configs" / "gate" / "ci-tolerances.json").string()});
  INFO(describe(check));
  CHECK(check.exit_code == 2);
  CHECK_THAT(check.err, Contains(expected));
  CHECK_THAT(check.err, !Contains("ci-baseline.json"));

  const Outcome make = run_ppusim(dir, {"baseline", "report.json", "-o", "base.json"});
  INFO(describe(make));
  CHECK(make.exit_code == 2);
  CHECK_THAT(make.err, Contains(expected));
  CHECK_FALSE(fs::exists(dir / "base.json"));
}

TEST_CASE("messages: validate checks every file it is given and names each bad one", "[robustness][cli]") {
  // configs/ holds scenarios only (specs are in configs/sweeps/ and configs/plans/, the gate's
  // tolerances in configs/gate/), so `ppusim validate configs/*.json` is a check of them all.
  TempDir dir;
  write_text(dir / "bad.json", "{\"ppu\": 1}");
  const std::string small = (kSourceDir / "configs" / "small-test.json").string();
  const Outcome outcome = run_ppusim(dir, {"validate", small, "bad.json", small});
  INFO(describe(outcome));
  CHECK(outcome.exit_code == 2);
  CHECK_THAT(outcome.err, Catch::StartsWith("ppusim: error: bad.json: "));
  // Both good files were checked, the one after the bad one too.
  std::size_t valid = 0;
  for (std::size_t at = outcome.out.find(": valid"); at != std::string::npos;
       at = outcome.out.find(": valid", at + 1))
    ++valid;
  CHECK(valid == 2);
  const Outcome good = run_ppusim(dir, {"validate", small});
  CHECK(good.exit_code == 0);
}
