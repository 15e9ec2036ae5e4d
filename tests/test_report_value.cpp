// The typed report (sim/report/report.hpp): report.json is written from it and read back into
// it without loss, and the terminal summary prints it in numbers for people.
#include <catch2/catch.hpp>
#include <filesystem>

#include "sim/app/isolated_run.hpp"
#include "sim/cli/commands.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/core/json_reader.hpp"
#include "sim/report/report_json.hpp"
#include "sim/report/summary_table.hpp"

using namespace ppusim;
using nlohmann::json;

namespace {

const std::filesystem::path kSourceDir = PPUSIM_SOURCE_DIR;

json read_json_file(const std::string& path) { return parse_json_text(read_text_file(path), path); }

}  // namespace

TEST_CASE("report value: report.json reads back into the same value, byte for byte", "[report]") {
  // Real runs (each in a child process: SimGrid runs once per process); inference-mix also has
  // the services section.
  for (const char* config : {"small-test.json", "inference-mix.json"}) {
    const Scenario scenario = load_scenario((kSourceDir / "configs" / config).string());
    const IsolatedRunOutput run = simulate_in_child_process(scenario, load_workload(scenario));
    const Report report = report_from_json(run.report);
    CHECK(report_to_json(report).dump(2) == run.report.dump(2));
    CHECK(report.services.empty() == (std::string(config) == "small-test.json"));
  }
}

TEST_CASE("report value: a report of another schema is not read", "[report]") {
  json document = {{"schema_version", kReportSchemaVersion + 1}};
  CHECK_THROWS_WITH(report_from_json(document, "new.json"),
                    Catch::Contains("new.json: /schema_version: found 3, expected a positive integer <= 2"));
}

TEST_CASE("report value: a missing or mistyped field names the file and the JSON path", "[report]") {
  const json written =
      read_json_file((kSourceDir / "tests" / "data" / "ci-baseline.json").string()).at("report");
  REQUIRE_NOTHROW(report_from_json(written));
  json no_busy = written;
  no_busy["utilization"].erase("busy");
  CHECK_THROWS_WITH(report_from_json(no_busy, "r.json"),
                    Catch::Contains("r.json: /utilization/busy: missing, expected a number"));
  json text_bin = written;
  text_bin["time_series"]["utilization_busy"][1] = "high";
  CHECK_THROWS_WITH(report_from_json(text_bin, "r.json"),
                    Catch::Contains("r.json: /time_series/utilization_busy/1: found \"high\" (a string), "
                                    "expected a number"));
  // Inside a baseline file the report sits at /report.
  json no_cost = written;
  no_cost.erase("cost");
  CHECK_THROWS_WITH(report_from_json(no_cost, "b.json", "/report"),
                    Catch::Contains("b.json: /report/cost: missing"));
}

TEST_CASE("report value: a schema-1 report reads without the sections it lacks, and writes back so",
          "[report]") {
  // tests/data/ci-baseline-schema1.json holds a report written before schema 2: no
  // training_speed, no failures, no failures timeline in time_series (docs/report.md).
  const json older =
      read_json_file((kSourceDir / "tests" / "data" / "ci-baseline-schema1.json").string()).at("report");
  const Report report = report_from_json(older);
  CHECK(report.schema_version == 1);
  CHECK_FALSE(report.sections.training_speed);
  CHECK_FALSE(report.sections.failures);
  CHECK_FALSE(report.sections.failures_timeline);
  CHECK(report.sections.setup);
  CHECK(report.utilization.busy == older["utilization"]["busy"].get<double>());
  const json back = report_to_json(report);
  for (const char* absent : {"training_speed", "failures"}) CHECK_FALSE(back.contains(absent));
  CHECK_FALSE(back["time_series"].contains("interruptions_hardware"));
  // Every field the older report has comes back with its value; the cost items that came with
  // schema 2 (lost_work, restarts) read 0.
  CHECK(back["setup"] == older["setup"]);
  CHECK(back["time_series"] == older["time_series"]);
  CHECK(back["jobs"] == older["jobs"]);
  CHECK(back["cost"]["breakdown_usd"] == older["cost"]["breakdown_usd"]);
  CHECK(back["cost"]["spent_on_usd"]["lost_work"] == 0.0);
}

TEST_CASE("report value: the summary prints numbers for people", "[report]") {
  Report r;
  r.ppusim_version = "0.1.0";
  r.scenario = {"big", 1, "H100-SXM-class", 12500, 100000, "easy-backfill", "pack"};
  r.window_s = 1.00346e7;  // 116.14 days
  r.jobs.submitted = 1069548;
  r.jobs.finished = 1069000;
  r.jobs.rejected = 548;
  // Queueing: mean 0.5 h, p50 0, p90 2 h, p99 4 h: in hours, the largest (4.00) with 2 decimals.
  r.jobs.queueing_delay_s.mean = 1800;
  r.jobs.queueing_delay_s.p90 = 7200;
  r.jobs.queueing_delay_s.p99 = 14400;
  r.utilization = {0.7726, 0.7701, 0.35};
  r.work.delivered_pflop_days = 51234.5;
  r.energy.facility_kwh = 4.74834e-03;  // 4.74834e-06 MWh: no exponent
  r.cost.model = "owned";
  r.cost.total_usd = 17774770.73;
  r.cost.capex_compute_usd = 12936300;
  r.cost.cloud_bill_usd = 0;
  r.cost.usd_per_delivered_pflop_day = 346.93;
  r.failures.enabled = true;
  r.failures.interruptions = 2410;
  r.failures.lost_ppu_hours = {995.9, 2000, 210.7, 3206.6};
  r.failures.effective_training_time_ratio = 0.741;
  ServiceReport chat;
  chat.name = "chat";
  chat.requests.completed = 12345;
  chat.requests.arrived = 12400;
  chat.ttft_s.p50 = 0.12;
  chat.ttft_s.p99 = 2.5;
  chat.tpot_s.p50 = 0.025;
  chat.tpot_s.p99 = 1.43;
  chat.throughput.output_tokens_per_s = 48213.7;
  chat.slo.attainment = 0.987;
  chat.replicas.ppu_hours = 1234.56;
  r.services = {chat};
  const std::string summary = format_summary_table(r);
  CHECK_THAT(summary, Catch::Contains("big: 100,000 PPUs (H100-SXM-class), 12,500 nodes, easy-backfill"));
  CHECK_THAT(summary, Catch::Contains("  simulated window                         116 days\n"));
  CHECK_THAT(summary, Catch::Contains("1,069,548 / 1,069,000"));
  CHECK_THAT(summary, Catch::Contains("mean / p50 / p90 / p99 0.50 / 0.00 / 2.00 / 4.00 h"));
  CHECK_THAT(summary, Catch::Contains("  utilization: allocated                   77.3 %"));
  CHECK_THAT(summary, Catch::Contains("51,200 PF-days"));
  CHECK_THAT(summary, Catch::Contains("0.00000475 MWh"));
  CHECK_THAT(summary, Catch::Contains("  cost of the window (owned)               $17,774,770.73"));
  CHECK_THAT(summary,
             Catch::Contains("    of which                               capex compute $12,936,300.00\n"));
  CHECK_THAT(summary, Catch::Contains("2,410"));
  CHECK_THAT(summary, Catch::Contains("3,210 (lost work 996, restarts 2,210)"));
  CHECK_THAT(summary, Catch::Contains("  effective training time ratio            74.1 %"));
  CHECK_THAT(summary, Catch::Contains("  cost per delivered PF-day                $346.93"));
  CHECK_THAT(summary, Catch::Contains("  cost per allocated PPU-hour              n/a"));
  CHECK_THAT(summary,
             Catch::Contains("12,345 / 12,400 requests, TTFT p50 120 ms, p99 2.50 s, TPOT p50 25.0 ms, "
                             "p99 1.43 s, 48,200 tokens/s, SLO met 98.7 %, 1,230 PPU-hours"));
  for (const char* unreadable : {"e+0", "e-0", "cloud_bill", "capex_compute"})
    CHECK_THAT(summary, !Catch::Contains(unreadable));
}
