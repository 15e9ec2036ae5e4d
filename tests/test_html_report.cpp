// The HTML reports (docs/html-report.md), built in process from hand-made reports: what the page
// must hold (the embedded library, the data block, a canvas per chart), what it must not (any
// external URL, any unescaped input), and the job CDFs and jobs.csv reader behind two charts.
#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>

#include "sim/compare/compare_html.hpp"
#include "sim/core/input_error.hpp"
#include "sim/core/statistics.hpp"
#include "sim/report/chartjs_library.hpp"
#include "sim/report/html_escape.hpp"
#include "sim/report/html_figures.hpp"
#include "sim/report/html_report.hpp"
#include "sim/report/job_delay_cdf.hpp"
#include "sim/report/jobs_csv_reader.hpp"
#include "sim/report/report.hpp"
#include "sim/report/report_builder.hpp"

using namespace ppusim;
using nlohmann::json;

namespace {

const std::string kHostile = "</script><script>alert(1)";

Distribution distribution(double p50, double p90, double p99) { return {10, p50, p50, p90, p99, p99}; }

/// A report with every section the page reads (docs/report.md), round numbers; no failures.
Report sample_report(const std::string& name) {
  Report r;
  r.ppusim_version = "0.1.0";
  r.scenario = {name, 7, "test-ppu", 2, 16, "fifo", "pack"};
  r.window_s = 7200.0;
  r.jobs.in_workload = 10;
  r.jobs.submitted = 10;
  r.jobs.finished = 9;
  r.jobs.running_at_end = 1;
  r.jobs.queueing_delay_s = distribution(0, 60, 120);
  r.jobs.completion_time_s = distribution(1800, 3600, 5400);
  r.utilization = {0.8, 0.7, 0.3};
  r.work.delivered_pflop_days = 1.5;
  r.energy.facility_kwh = 1234.5;
  r.cost.model = "owned";
  r.cost.total_usd = 1500.0;
  r.cost.capex_compute_usd = 1000.0;
  r.cost.capex_network_usd = 300.0;
  r.cost.energy_usd = 200.0;
  r.cost.spent_computing_usd = 1000.0;
  r.cost.spent_on_setup_usd = 100.0;
  r.cost.spent_allocated_not_computing_usd = 100.0;
  r.cost.spent_idle_usd = 300.0;
  r.cost.usd_per_delivered_pflop_day = 1000.0;
  r.cost.usd_per_allocated_ppu_hour = 1.25;
  r.cost.usd_per_available_ppu_hour = 1.0;
  r.setup.jobs_through_setup = 10;
  for (Distribution* stage :
       {&r.setup.queueing_s, &r.setup.provisioning_s, &r.setup.image_pull_s, &r.setup.dataset_staging_s,
        &r.setup.checkpoint_load_s, &r.setup.framework_init_s, &r.setup.total_s}) {
    *stage = distribution(30, 90, 100);
  }
  r.setup.share_of_allocated_ppu_time = 0.05;
  r.time_series.interval_s = 3600.0;
  r.time_series.start_s = {0.0, 3600.0};
  r.time_series.utilization_allocated = {0.7, 0.9};
  r.time_series.utilization_busy = {0.6, 0.8};
  r.time_series.utilization_delivered_flops = {0.25, 0.35};
  r.time_series.mean_queued_jobs = {1.5, 0.0};
  r.time_series.component_failures = {0, 0};
  r.time_series.interruptions_hardware = {0, 0};
  r.time_series.interruptions_network = {0, 0};
  r.time_series.interruptions_preemption = {0, 0};
  return r;
}

JobDelaySamples sample_delays() { return {{0, 0, 60, 120, 30}, {1800, 3600, 5400, 900}}; }

/// Two scenarios for the compare page: sample reports with the queueing and setup times the
/// tests read, the second one delivering nothing (no cost per PF-day: a missing bar, "n/a").
std::vector<ComparedScenario> sample_scenarios(const std::string& second_name) {
  Report a = sample_report("base");
  a.jobs.finished = 10;
  a.setup.queueing_s = distribution(0, 60, 60);
  a.setup.total_s = distribution(120, 300, 300);
  a.cost.capex_network_usd = 0;
  a.cost.energy_usd = 500.0;
  a.cost.spent_computing_usd = 1200.0;
  a.cost.spent_on_setup_usd = 0;
  a.cost.spent_allocated_not_computing_usd = 0;
  a.failures.effective_training_time_ratio = 1.0;
  Report b = a;
  b.scenario.name = second_name;
  b.cost.usd_per_delivered_pflop_day.reset();
  return {{"a.json", a}, {second_name + ".json", b}};
}

Comparison sample_comparison(const std::string& second_name) {
  return compare_reports(sample_scenarios(second_name));
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

/// The JSON of the page's data block, parsed.
json data_block(const std::string& page) {
  const std::string open = "<script type=\"application/json\" id=\"ppusim-data\">";
  const std::size_t begin = page.find(open);
  REQUIRE(begin != std::string::npos);
  const std::size_t start = begin + open.size();
  const std::size_t end = page.find("</script>", start);
  REQUIRE(end != std::string::npos);
  return json::parse(page.substr(start, end - start));
}

/// What every page must satisfy, whatever it shows.
void check_self_contained_page(const std::string& page, std::size_t expected_charts) {
  // The library, whole, with its licence banner.
  CHECK(page.find(std::string(chartjs_library())) != std::string::npos);
  CHECK(chartjs_library().find("Released under the MIT License") != std::string_view::npos);
  CHECK(chartjs_version().substr(0, 2) == "3.");
  // The data block, and one canvas per chart it describes.
  const json data = data_block(page);
  REQUIRE(data["charts"].size() == expected_charts);
  CHECK(occurrences(page, "<canvas ") == expected_charts);
  for (const json& chart : data["charts"]) {
    INFO(chart["id"]);
    CHECK(occurrences(page, "<canvas id=\"" + chart["id"].get<std::string>() + "\"") == 1);
  }
  // Exactly our four scripts: error catcher, data, library, renderer; nothing else closes one.
  CHECK(occurrences(page, "<script") == 4);
  CHECK(occurrences(page, "</script") == 4);
  // Nothing to fetch: no src or href at all (so none with http:// or https://), no link,
  // image or frame elements, and a policy that forbids any fetch.
  CHECK_FALSE(std::regex_search(page, std::regex(R"((src|href)\s*=)", std::regex::icase)));
  CHECK_FALSE(std::regex_search(page, std::regex(R"(<(link|img|iframe|object|embed)\b)", std::regex::icase)));
  CHECK(page.find("content=\"default-src &#39;none&#39;;") != std::string::npos);
  // The DOM records the outcome for the browser test.
  CHECK(page.find("dataset.chartsRendered") != std::string::npos);
  CHECK(page.find("id=\"ppusim-errors\"") != std::string::npos);
}

}  // namespace

TEST_CASE("html: the run page embeds Chart.js, its data and a canvas per chart, nothing external", "[html]") {
  const JobDelaySamples delays = sample_delays();
  const std::string page = render_run_html(sample_report("small"), &delays);
  check_self_contained_page(page, 7);
  const json data = data_block(page);
  std::vector<std::string> ids;
  for (const json& chart : data["charts"]) ids.push_back(chart["id"]);
  CHECK(ids == std::vector<std::string>{"chart-utilization", "chart-queue", "chart-setup-stages",
                                        "chart-completion-cdf", "chart-queueing-cdf", "chart-cost-items",
                                        "chart-cost-use"});
  // The time series: steps in hours, the last bin's value repeated at the window's end.
  const json& utilization = data["charts"][0];
  CHECK(utilization["x"] == json({0.0, 1.0, 2.0}));
  CHECK(utilization["series"][0]["y"] == json({0.7, 0.9, 0.9}));
  // Key figures, as text.
  CHECK(page.find("<td>80.0 %</td>") != std::string::npos);
  CHECK(page.find("<td>$1,500.00</td>") != std::string::npos);
  // No failures configured: a note in the chart's place.
  CHECK(page.find("<figure class=\"chart chart-note\" id=\"chart-failures-timeline\">") != std::string::npos);
  CHECK(page.find("No failures configured") != std::string::npos);
}

TEST_CASE("html: the run page shows the storage section when the report has one", "[html][storage]") {
  // 3.6e13 B from the shared store and 7.2e12 B from the object store in the 7,200 s window:
  // 36 TB at 5 GB/s and 7.2 TB at 1 GB/s mean; 2 of 10 allocated PPU-hours waited (20 %);
  // storage cost $12.50.
  Report r = sample_report("streaming");
  CHECK(render_run_html(r, nullptr).find("Storage") == std::string::npos);
  r.storage = ReportStorage{};
  r.storage->streaming_jobs = 3;
  r.storage->input_wait_ppu_hours = 2;
  r.storage->input_wait_share_of_allocated_ppu_time = 0.2;
  r.storage->store_bytes_read = 3.6e13;
  r.storage->object_store_bytes_read = 7.2e12;
  r.storage->cache_hit_ratio = 3.6e13 / (3.6e13 + 7.2e12);
  r.cost.storage_usd = 12.5;
  const std::string page = render_run_html(r, nullptr);
  CHECK(page.find("<td>2.00 (20.0 % of allocated)</td>") != std::string::npos);
  CHECK(page.find("<td>36.0 TB, 5.00 GB/s mean</td>") != std::string::npos);
  CHECK(page.find("<td>7.20 TB, 1.00 GB/s mean</td>") != std::string::npos);
  CHECK(page.find("<td>83.3 %</td>") != std::string::npos);
  CHECK(page.find("<td>$12.50</td>") != std::string::npos);
}

TEST_CASE("html: the failures timeline stacks each bin's interruptions by cause", "[html]") {
  Report report = sample_report("failing");
  report.failures.enabled = true;
  report.time_series.component_failures = {3, 1};
  report.time_series.interruptions_hardware = {2, 0};
  report.time_series.interruptions_network = {1, 0};
  report.time_series.interruptions_preemption = {0, 1};
  const JobDelaySamples delays = sample_delays();
  const std::string page = render_run_html(report, &delays);
  check_self_contained_page(page, 8);
  json chart;
  const json data = data_block(page);
  for (const json& c : data["charts"]) {
    if (c["id"] == "chart-failures-timeline") chart = c;
  }
  REQUIRE(chart.is_object());
  CHECK(chart["kind"] == "bar");
  CHECK(chart["stacked"] == true);
  // Bins of 1 h in a 2 h window: labelled by their start in hours.
  CHECK(chart["labels"] == json({"0", "1"}));
  REQUIRE(chart["series"].size() == 3);
  CHECK(chart["series"][0]["values"] == json({2, 0}));
  CHECK(chart["series"][1]["values"] == json({1, 0}));
  CHECK(chart["series"][2]["values"] == json({0, 1}));
  // 2 + 1 + 1 = 4 interruptions from 3 + 1 = 4 component failures and reclaims.
  CHECK_THAT(chart["caption"].get<std::string>(),
             Catch::Contains("4 interruptions in all, from 4 component"));
  CHECK(page.find("No failures configured") == std::string::npos);
  CHECK_THAT(chart["caption"].get<std::string>(), Catch::Contains("each time bin of 1 hour,"));

  // Bins of 1 h over 3 days: still labelled in hours, not "0.0416667 days" (issue #16).
  report.window_s = 3 * 86400.0;
  const json long_window = data_block(render_run_html(report, &delays));
  for (const json& c : long_window["charts"]) {
    if (c["id"] == "chart-failures-timeline") chart = c;
  }
  CHECK(chart["labels"] == json({"0", "1"}));
  CHECK(chart["category_label"] == "bin start, simulated time (h)");
  CHECK_THAT(chart["caption"].get<std::string>(), Catch::Contains("each time bin of 1 hour,"));
  // Bins of 2 days: labelled in days.
  report.time_series.interval_s = 2 * 86400.0;
  report.time_series.start_s = {0.0, 2 * 86400.0};
  const json day_bins = data_block(render_run_html(report, &delays));
  for (const json& c : day_bins["charts"]) {
    if (c["id"] == "chart-failures-timeline") chart = c;
  }
  CHECK(chart["labels"] == json({"0", "2"}));
  CHECK_THAT(chart["caption"].get<std::string>(), Catch::Contains("each time bin of 2 days,"));

  // A schema-1 report with failures but no timeline columns (report_from_json reads it so):
  // said, not drawn.
  report.schema_version = 1;
  report.sections.failures_timeline = false;
  for (auto* column :
       {&report.time_series.component_failures, &report.time_series.interruptions_hardware,
        &report.time_series.interruptions_network, &report.time_series.interruptions_preemption}) {
    column->clear();
  }
  const std::string old = render_run_html(report, &delays);
  check_self_contained_page(old, 7);
  CHECK(old.find("no interruption counts in its time series (report schema 1") != std::string::npos);
}

TEST_CASE("html: without job delays or a setup section, those charts are left out and said so", "[html]") {
  Report report = sample_report("old");
  report.schema_version = 1;
  report.sections.setup = false;  // as report_from_json reads a schema-1 report without one
  const std::string page = render_run_html(report, nullptr);
  check_self_contained_page(page, 4);
  CHECK(page.find("chart-completion-cdf") == std::string::npos);
  CHECK(page.find("there was none next to this report.json") != std::string::npos);
  CHECK(page.find("no setup section") != std::string::npos);
}

TEST_CASE("html: the compare page shows each scenario and escapes nothing it should not", "[html]") {
  const std::string page = render_compare_html(sample_comparison("other"));
  check_self_contained_page(page, 5);
  const json data = data_block(page);
  CHECK(data["charts"][0]["labels"] == json({"base", "other"}));
  // A missing value is a missing bar (null), and "n/a" in the table.
  CHECK(data["charts"][0]["series"][0]["values"][1].is_null());
  CHECK(page.find("<td>n/a</td>") != std::string::npos);
  // An item zero in every scenario (cloud_bill) is not stacked.
  for (const json& series : data["charts"][3]["series"]) CHECK(series["label"] != "cloud bill");
  // Neither scenario has failures configured: a note instead of the interruptions chart.
  CHECK(page.find("<figure class=\"chart chart-note\" id=\"chart-interruptions\">") != std::string::npos);
}

TEST_CASE("html: each row of the compare table is in one unit, and in words", "[html]") {
  std::vector<ComparedScenario> scenarios = sample_scenarios("other");
  // Setup p50 / p90: 120 / 300 s in the first scenario, 3,900 / 3,924 s in the second. The row's
  // largest, 3,924 s, is 65.4 min: the whole row in minutes with one decimal (issue #16).
  scenarios[1].report.setup.total_s.p50 = 3900.0;
  scenarios[1].report.setup.total_s.p90 = 3924.0;
  scenarios[1].report.cost.spent_on_lost_work_usd = 10.0;
  const std::string page = render_compare_html(compare_reports(scenarios));
  CHECK(page.find("<th scope=\"row\">setup p50 / p90 (min)</th><td>2.0 / 5.0</td><td>65.0 / 65.4</td>") !=
        std::string::npos);
  // Queueing 0 / 60 s in both: seconds, 60.0 has three significant digits with one decimal.
  CHECK(page.find("<th scope=\"row\">queueing p50 / p90 (s)</th><td>0.0 / 60.0</td><td>0.0 / 60.0</td>") !=
        std::string::npos);
  CHECK(page.find("<th scope=\"row\">busy share of allocated PPU-time</th><td>87.5 %</td>") !=
        std::string::npos);
  // Work lost to failures is stacked under its label, never as the raw key.
  const json data = data_block(page);
  bool labelled = false;
  for (const json& series : data["charts"][4]["series"]) {
    CHECK(series["label"] != "lost_work");
    labelled = labelled || series["label"] == "work lost to failures";
  }
  CHECK(labelled);
}

TEST_CASE("html: the compare page stacks each scenario's interruptions by cause", "[html]") {
  std::vector<ComparedScenario> scenarios = sample_scenarios("other");
  // The first scenario's failures timeline: 3 + 2 = 5 hardware and 2 + 0 = 2 network
  // interruptions over its two bins, none preempted; the second has no failures.
  Report& failing = scenarios[0].report;
  failing.failures.enabled = true;
  failing.time_series.interruptions_hardware = {3, 2};
  failing.time_series.interruptions_network = {2, 0};
  const std::string page = render_compare_html(compare_reports(scenarios));
  check_self_contained_page(page, 6);
  const json chart = data_block(page)["charts"][5];
  CHECK(chart["id"] == "chart-interruptions");
  CHECK(chart["stacked"] == true);
  // Causes that are zero everywhere (preemption) are left out.
  REQUIRE(chart["series"].size() == 2);
  CHECK(chart["series"][0]["values"] == json({5, 0}));
  CHECK(chart["series"][1]["values"] == json({2, 0}));
}

TEST_CASE("html: a hostile name cannot end a script or add markup", "[html]") {
  const JobDelaySamples delays = sample_delays();
  for (const std::string& page : {render_run_html(sample_report(kHostile), &delays),
                                  render_compare_html(sample_comparison(kHostile))}) {
    CHECK(page.find(kHostile) == std::string::npos);
    CHECK(page.find("<script>alert(1)") == std::string::npos);
    CHECK(occurrences(page, "</script") == 4);
    // In the text: as character references, so the browser shows the name as it is.
    CHECK(page.find("&lt;/script&gt;&lt;script&gt;alert(1)") != std::string::npos);
  }
  // In the data block of the compare page (chart labels): JSON escapes, and JSON.parse (here
  // nlohmann) gives the name back exactly.
  const std::string page = render_compare_html(sample_comparison(kHostile));
  CHECK(page.find("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)") != std::string::npos);
  CHECK(data_block(page)["charts"][0]["labels"][1] == kHostile);
}

TEST_CASE("html: escaping of text and of the JSON data block", "[html]") {
  CHECK(html_text("a<b>&\"c\"'d'") == "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;");
  CHECK(html_text("plain ü") == "plain ü");
  const json value = {{"name", "</script><!-- & >"}};
  const std::string text = script_json(value);
  CHECK(text.find('<') == std::string::npos);
  CHECK(text.find('>') == std::string::npos);
  CHECK(text.find('&') == std::string::npos);
  CHECK(json::parse(text) == value);
  // Invalid UTF-8 (it cannot come from a JSON scenario, but a page must never fail to render).
  CHECK_NOTHROW(script_json(json("bad \xff byte")));
}

TEST_CASE("html: the same inputs give the same bytes", "[html][determinism]") {
  const JobDelaySamples delays = sample_delays();
  CHECK(render_run_html(sample_report("x"), &delays) == render_run_html(sample_report("x"), &delays));
  CHECK(render_compare_html(sample_comparison("y")) == render_compare_html(sample_comparison("y")));
}

TEST_CASE("html: the CDF curve passes through the report's percentiles", "[html]") {
  std::vector<double> sample;
  for (int i = 0; i < 1000; ++i) sample.push_back((i * 7919) % 1000 * 1.5);  // a shuffled 0..1498.5
  const json curve = quantile_curve(sample);
  REQUIRE(curve["x"].size() == 201);
  REQUIRE(curve["p"].size() == 201);
  CHECK(curve["count"] == 1000);
  const Distribution d = summarize(sample);
  CHECK(curve["p"][100].get<double>() == 0.5);
  CHECK(curve["x"][100].get<double>() == d.p50);
  CHECK(curve["x"][180].get<double>() == d.p90);
  CHECK(curve["x"][198].get<double>() == d.p99);
  CHECK(curve["x"][0].get<double>() == 0.0);
  CHECK(curve["x"][200].get<double>() == d.max);
  CHECK(std::is_sorted(curve["x"].begin(), curve["x"].end()));

  const json empty = quantile_curve({});
  CHECK(empty["count"] == 0);
  CHECK(empty["x"].empty());
}

TEST_CASE("html: jobs.csv read back gives the job table's delays", "[html]") {
  // Ids with a comma, a doubled quote and a line break, as RFC 4180 quotes them.
  const json table = json::array({
      {{"id", "a,b"},
       {"outcome", "finished"},
       {"ppus", 8},
       {"held_ppus", 8},
       {"leaves_spanned", 1},
       {"submit_s", 10.5},
       {"start_s", 20.25},
       {"end_s", 3600.125},
       {"compute_s", 3500.0},
       {"reject_reason", ""}},
      {{"id", "say \"hi\"\nthere"},
       {"outcome", "running"},
       {"ppus", 8},
       {"held_ppus", 8},
       {"leaves_spanned", 1},
       {"submit_s", 0.1},
       {"start_s", 0.30000000000000004},
       {"end_s", nullptr},
       {"compute_s", 1.0},
       {"reject_reason", ""}},
      {{"id", "big"},
       {"outcome", "rejected"},
       {"ppus", 999},
       {"held_ppus", 0},
       {"leaves_spanned", 0},
       {"submit_s", 5.0},
       {"start_s", nullptr},
       {"end_s", nullptr},
       {"compute_s", 0.0},
       {"reject_reason", "needs 999 PPUs, the cluster has 16"}},
  });
  const JobDelaySamples direct = job_delays_from_table(table);
  CHECK(direct.queueing_s.size() == 2);
  CHECK(direct.completion_s.size() == 1);
  std::istringstream csv(format_job_table_csv(table));
  const JobDelaySamples read = read_job_delays_csv(csv, "jobs.csv");
  CHECK(read.queueing_s == direct.queueing_s);  // exactly: the CSV writes round-trip numbers
  CHECK(read.completion_s == direct.completion_s);

  std::istringstream no_column("id,outcome,ppus\nx,finished,1\n");
  CHECK_THROWS_WITH(read_job_delays_csv(no_column, "j.csv"),
                    Catch::Contains("j.csv: line 1: found no column \"submit_s\""));
  std::istringstream bad_number("outcome,submit_s,start_s,end_s\nfinished,1,2,soon\n");
  CHECK_THROWS_WITH(read_job_delays_csv(bad_number, "j.csv"),
                    Catch::Contains("j.csv: line 2: end_s: found \"soon\", expected a number"));
  std::istringstream short_row("outcome,submit_s,start_s,end_s\nfinished,1\n");
  CHECK_THROWS_AS(read_job_delays_csv(short_row, "j.csv"), InputError);
}

TEST_CASE("html: figures for people", "[html]") {
  CHECK(format_usd(1234567.891) == "$1,234,567.89");
  CHECK(format_usd(12.5) == "$12.50");
  CHECK(format_usd(std::optional<double>()) == "n/a");
  CHECK(format_percent(0.7726) == "77.3 %");
  CHECK(format_time_spans({0.0, 1449.0, 2563.0}) ==
        "0.0 / 24.1 / 42.7 min");  // 1449 s = 24.15 min, a double just under: 24.1
  CHECK(format_time_span(9867.1) == "2.74 h");
  CHECK(format_time_span(7.3) == "7.30 s");
  CHECK(format_time_span(3 * 86400.0) == "3.00 days");
}
