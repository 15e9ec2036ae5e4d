// The whole-pipeline fuzz target (fuzz/pipeline_target.hpp, docs/robustness.md) on every test
// run: its seeds must run to a report within its budget, and every input it once failed on
// (tests/data/regressions/pipeline/) must now be refused with an InputError or, for accept-*
// files, run to a report.
#include <catch2/catch.hpp>
#include <filesystem>

#include "cli_runner.hpp"
#include "fuzz/pipeline_target.hpp"

using namespace ppusim;
using namespace ppusim::cli_test;
namespace fs = std::filesystem;

TEST_CASE("fuzz pipeline: every seed runs load to report within the budget", "[robustness][fuzz]") {
  int seeds = 0;
  for (const auto& entry : fs::directory_iterator(kSourceDir / "fuzz" / "seeds" / "pipeline")) {
    INFO(entry.path().filename().string());
    fuzz::Verdict verdict{};
    REQUIRE_NOTHROW(verdict = fuzz::feed_pipeline(read_text(entry.path())));
    // Rejected would mean the seed is invalid or over the budget: then it teaches the fuzzer
    // only the loader.
    CHECK(verdict == fuzz::Verdict::Accepted);
    ++seeds;
  }
  CHECK(seeds >= 5);
}

TEST_CASE("fuzz pipeline: a scenario over the budget is skipped before anything runs", "[robustness][fuzz]") {
  // configs/reference-100k.json is valid, but 100,000 PPUs are far over the target's budget.
  CHECK(fuzz::feed_pipeline(read_text(kSourceDir / "configs" / "reference-100k.json")) ==
        fuzz::Verdict::Rejected);
  CHECK(fuzz::feed_pipeline("{\"ppu\": 1}") == fuzz::Verdict::Rejected);
}

TEST_CASE("fuzz pipeline: saved findings are refused with an InputError or run to a report",
          "[robustness][fuzz]") {
  const fs::path folder = kSourceDir / "tests" / "data" / "regressions" / "pipeline";
  if (!fs::is_directory(folder)) return;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (!entry.is_regular_file() || entry.path().extension() == ".md") continue;
    const std::string name = entry.path().filename().string();
    INFO(name);
    fuzz::Verdict verdict{};
    REQUIRE_NOTHROW(verdict = fuzz::feed_pipeline(read_text(entry.path())));
    CHECK(verdict == (name.rfind("accept-", 0) == 0 ? fuzz::Verdict::Accepted : fuzz::Verdict::Rejected));
  }
}
