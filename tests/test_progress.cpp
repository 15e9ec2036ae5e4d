// Watching a run: progress on stderr and time_series.partial.csv (sim/cli/progress_meter.hpp,
// sim/app/partial_time_series.hpp). They must change no simulated number, and a run killed
// outright must leave a partial file that says what it is.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>

#include "cli_runner.hpp"
#include "scenario_fixtures.hpp"
#include "sim/app/partial_time_series.hpp"
#include "sim/cli/progress_meter.hpp"

using namespace ppusim;
using namespace ppusim::cli_test;
using json = nlohmann::json;
namespace fs = std::filesystem;

TEST_CASE("progress: the partial series counts open intervals up to now and leaves the metrics alone",
          "[progress]") {
  // One node of 8 PPUs, bins of 10 s. Job 0 holds all 8 PPUs from t=0 and computes at half
  // duty from t=0. At now=15: bin 0 is allocated 8·10 PPU·s of 8·10 (1.0), busy 0.5; bin 1 is
  // cut at 15: 8·5 of 8·5 (1.0), busy 0.5. One job queued since t=5: 1 queued job over
  // [5, 10) is 0.5 mean queued jobs in bin 0, then 1 in bin 1.
  const Scenario scenario = test::tiny_scenario(1, 8, 1);
  std::vector<JobRecord> jobs(2);
  jobs[0].ppus = 8;
  jobs[0].ppu_equivalents = 8;
  RunMetrics metrics(jobs, 10, std::numeric_limits<double>::infinity());
  metrics.job_started(0, 0, 8, 8, 1);
  metrics.begin_compute(0, 0, 0.5, 1e15);
  metrics.queue_length_changed(5, 1);

  const std::string text = format_partial_time_series(scenario, metrics, 15);
  std::istringstream lines(text);
  std::string comment, header, bin0, bin1, extra;
  std::getline(lines, comment);
  std::getline(lines, header);
  std::getline(lines, bin0);
  std::getline(lines, bin1);
  CHECK_FALSE(std::getline(lines, extra));
  CHECK(comment.rfind("# partial: simulated up to 15.000000 s", 0) == 0);
  CHECK(header ==
        "start_s,utilization_allocated,utilization_busy,utilization_delivered_flops,mean_queued_jobs,"
        "component_failures,interruptions_hardware,interruptions_network,interruptions_preemption");
  // Delivered: 1e15 FLOP/s × 0.5 duty of a peak of 8 × 2e15: 1/32.
  // No failures configured: the failures timeline's counts are 0.
  CHECK(bin0 == "0,1,0.5,0.03125,0.5,0,0,0,0");
  CHECK(bin1 == "10,1,0.5,0.03125,1,0,0,0,0");

  // The run's own metrics are untouched: closing them at 20 counts [0, 20) once.
  metrics.close(20);
  CHECK(metrics.allocated_ppu_s().total() == 8 * 20);
  CHECK(metrics.busy_ppu_s().total() == 8 * 0.5 * 20);
}

TEST_CASE("progress: format_duration", "[progress]") {
  CHECK(format_duration(0) == "00:00:00");
  CHECK(format_duration(3 * 86400 + 4 * 3600 + 5 * 60 + 6) == "3d 04:05:06");
}

TEST_CASE("progress: --progress prints lines on stderr and changes no output byte", "[progress][cli]") {
  TempDir dir;
  const std::string scenario = (kSourceDir / "configs" / "small-test.json").string();
  const Outcome plain = run_ppusim(dir, {"run", scenario, "-o", "plain", "-q", "--partial-every", "0"});
  REQUIRE(plain.exit_code == 0);
  CHECK(plain.err.empty());  // not a terminal, no --progress: nothing
  // Partial file at every manager wake-up, progress lines: the same outputs.
  const Outcome watched =
      run_ppusim(dir, {"run", scenario, "-o", "watched", "-q", "--progress", "--partial-every", "1e-9"});
  INFO(describe(watched));
  REQUIRE(watched.exit_code == 0);
  CHECK_THAT(watched.err, Catch::StartsWith("ppusim: simulated 00:00:00 (0.0% of jobs), 0/10 jobs ended"));
  for (const char* name : {"report.json", "time_series.csv", "jobs.csv"}) {
    CHECK(read_text(dir / "plain" / name) == read_text(dir / "watched" / name));
  }
  CHECK_FALSE(fs::exists(dir / "watched" / kPartialTimeSeriesFile));
}

TEST_CASE("progress: a run killed by SIGKILL leaves time_series.partial.csv, marked partial",
          "[progress][cli]") {
  // A run of several seconds (100,000 PPUs, 300,000 jobs over 9 days), as in the SIGTERM test of
  // test_robustness.cpp, killed outright once its partial file exists.
  TempDir dir;
  json scenario = read_json(kSourceDir / "bench" / "month-100k.json");
  const int nine_days_s = 9 * 86400;
  scenario.merge_patch({{"workload", {{"generator", {{"jobs", 300000}, {"duration_s", nine_days_s}}}}},
                        {"simulation", {{"horizon_s", nine_days_s}}}});
  write_text(dir / "long.json", scenario.dump());
  const fs::path partial = dir / "out" / kPartialTimeSeriesFile;

  PpusimProcess process(dir, {"run", "long.json", "-o", "out", "-q", "--partial-every", "0.05"});
  // Wait for the file to hold a bin of data (false if the run ended first: a failure).
  REQUIRE(process.wait_until([&partial] {
    const std::string text = read_text(partial);
    return std::count(text.begin(), text.end(), '\n') >= 3;
  }));
  process.send(SIGKILL);
  REQUIRE(process.wait().signal == SIGKILL);

  CHECK_FALSE(fs::exists(dir / "out" / "report.json"));
  std::istringstream lines(read_text(partial));
  std::string line;
  std::getline(lines, line);
  CHECK_THAT(line, Catch::StartsWith("# partial: simulated up to "));
  std::getline(lines, line);
  CHECK(line ==
        "start_s,utilization_allocated,utilization_busy,utilization_delivered_flops,mean_queued_jobs,"
        "component_failures,interruptions_hardware,interruptions_network,interruptions_preemption");
  int rows = 0;
  while (std::getline(lines, line)) {
    ++rows;
    double start = 0, allocated = 0;
    REQUIRE(std::sscanf(line.c_str(), "%lf,%lf", &start, &allocated) == 2);
    CHECK(start == Approx(3600.0 * (rows - 1)));
    CHECK(allocated >= 0);
    CHECK(allocated <= 1);
  }
  CHECK(rows >= 1);
}
