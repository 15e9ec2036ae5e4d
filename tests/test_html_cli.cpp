// The HTML reports through the `ppusim` program: `run --html`, `report html`, and compare's
// compare.html (docs/html-report.md). Runs the built executable like test_cli.cpp does.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/cli_runner.hpp"

namespace ppusim {
namespace {

using namespace cli_test;
namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using nlohmann::json;

const fs::path kSmallTest = kSourceDir / "configs" / "small-test.json";
const fs::path kSmallJobs = kSourceDir / "tests" / "data" / "small-jobs.jsonl";

fs::path small_test_copy(const TempDir& dir, const std::string& file, const std::string& policy) {
  json scenario = read_json(kSmallTest);
  scenario["workload"] = {{"trace", kSmallJobs.string()}};
  scenario["scheduler"]["policy"] = policy;
  const fs::path path = dir / file;
  write_text(path, scenario.dump(2) + "\n");
  return path;
}

}  // namespace

TEST_CASE("html cli: run --html writes report.html, and report html rebuilds the same bytes", "[cli][html]") {
  TempDir dir;
  const Outcome run = run_ppusim(dir, {"run", kSmallTest.string(), "--output", "out", "--html"});
  INFO(describe(run));
  REQUIRE(run.exit_code == 0);
  CHECK_THAT(run.out, Contains("html report: out/report.html"));
  const std::string page = read_text(dir / "out" / "report.html");
  CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK_THAT(page, Contains("<canvas id=\"chart-completion-cdf\""));
  for (const auto& entry : fs::directory_iterator(dir / "out")) {
    CHECK(entry.path().filename().string().find(".tmp.") == std::string::npos);
  }

  // From the folder (report.json + jobs.csv read back) and from the report.json itself: the
  // same page as the run wrote from memory, byte for byte.
  const Outcome from_folder = run_ppusim(dir, {"report", "html", "out", "-o", "again.html"});
  INFO(describe(from_folder));
  REQUIRE(from_folder.exit_code == 0);
  CHECK(read_text(dir / "again.html") == page);
  const Outcome from_file = run_ppusim(dir, {"report", "html", "out/report.json", "--output", "third.html"});
  REQUIRE(from_file.exit_code == 0);
  CHECK(read_text(dir / "third.html") == page);

  // Another run into another folder: the same bytes again.
  const Outcome second = run_ppusim(dir, {"run", kSmallTest.string(), "--output", "out2", "--html", "-q"});
  REQUIRE(second.exit_code == 0);
  CHECK(read_text(dir / "out2" / "report.html") == page);
}

TEST_CASE("html cli: report html without jobs.csv warns and leaves the CDFs out", "[cli][html]") {
  TempDir dir;
  REQUIRE(run_ppusim(dir, {"run", kSmallTest.string(), "--output", "out", "-q"}).exit_code == 0);
  fs::remove(dir / "out" / "jobs.csv");
  const Outcome html = run_ppusim(dir, {"report", "html", "out"});
  INFO(describe(html));
  REQUIRE(html.exit_code == 0);
  CHECK_THAT(html.err, Contains("jobs.csv not found"));
  const std::string page = read_text(dir / "out" / "report.html");  // the default output
  CHECK_THAT(page, Contains("<canvas id=\"chart-utilization\""));
  CHECK(page.find("chart-completion-cdf") == std::string::npos);
}

TEST_CASE("html cli: report html refuses what is not a report, with exit 2", "[cli][html]") {
  TempDir dir;
  const Outcome missing = run_ppusim(dir, {"report", "html", "nowhere"});
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.err, Contains("nowhere: cannot open"));

  write_text(dir / "future.json", R"({"schema_version": 99})");
  const Outcome future = run_ppusim(dir, {"report", "html", "future.json"});
  CHECK(future.exit_code == 2);
  CHECK_THAT(future.err, Contains("future.json: /schema_version: found 99, expected a version from 1 to 2"));

  write_text(dir / "text.json", "not json");
  CHECK(run_ppusim(dir, {"report", "html", "text.json"}).exit_code == 2);

  REQUIRE(run_ppusim(dir, {"run", kSmallTest.string(), "--output", "out", "-q"}).exit_code == 0);
  write_text(dir / "out" / "jobs.csv", "outcome,submit_s,start_s,end_s\nfinished,x,1,2\n");
  const Outcome bad_jobs = run_ppusim(dir, {"report", "html", "out"});
  CHECK(bad_jobs.exit_code == 2);
  CHECK_THAT(bad_jobs.err, Contains("jobs.csv: line 2: submit_s: found \"x\""));
}

TEST_CASE("html cli: compare writes compare.html", "[cli][html][compare]") {
  TempDir dir;
  const fs::path fifo = small_test_copy(dir, "fifo.json", "fifo");
  const fs::path easy = small_test_copy(dir, "easy.json", "easy-backfill");
  const Outcome compare = run_ppusim(dir, {"compare", fifo.string(), easy.string(), "-o", "cmp"});
  INFO(describe(compare));
  REQUIRE(compare.exit_code == 0);
  CHECK_THAT(compare.out, Contains("html: cmp/compare.html"));
  const std::string page = read_text(dir / "cmp" / "compare.html");
  CHECK_THAT(page, Contains("<canvas id=\"chart-cost-per-pflop-day\""));
  CHECK_THAT(page, Contains("fifo.json"));
}

}  // namespace ppusim
