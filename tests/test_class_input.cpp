// A workload class's `data_bytes_per_s_per_ppu` and `dataset` become its generated jobs'
// streaming input (docs/workloads.md, "Demand-driven classes"; docs/models.md, section c2).
// Every expected number is derived by hand in the comment above its check.
#include <catch2/catch.hpp>

#include "sim/app/isolated_run.hpp"
#include "sim/config/scenario_loader.hpp"
#include "tests/minimal_scenario_json.hpp"
#include "tests/scenario_fixtures.hpp"
#include "workloads/job_performance.hpp"
#include "workloads/streaming_input.hpp"
#include "workloads/synthetic_generator.hpp"

using namespace ppusim;
using namespace ppusim::test;
using Catch::Matchers::Contains;

namespace {

constexpr double kYearS = 365.25 * 86400.0;

/// A reference PPU of 1e15 FLOP/s at MFU 0.5: 5e14 FLOP/s of work per PPU-second.
GeneratorContext reference_context() { return unit_generator_context(); }

/// One class of 8-PPU FLOPs jobs of exactly one hour (log-normal, σ 0) and a demand over a
/// one-year window of 7.2e18 FLOP = 7.2e18 / 8.64e22 EFLOP-days: half of one job's
/// 3,600 × 8 × 5e14 = 1.44e19, so the class draws a single job cut to 7.2e18 FLOP.
GeneratorSpec one_job_class(double data_bytes_per_s_per_ppu) {
  GeneratorSpec spec;
  spec.jobs = 10;
  spec.duration_s = kYearS;
  spec.max_runtime_s = 86400;
  JobClassSpec job_class;
  job_class.name = "mining";
  job_class.min_ppus = 8;
  job_class.max_ppus = 8;
  job_class.runtime = SampleDistribution{SampleDistribution::Kind::LogNormal, 3600, 0, 0, "", ""};
  job_class.demand_eflop_days_per_year = 7.2e18 / kFlopsPerEflopDay;
  job_class.data_bytes_per_s_per_ppu = data_bytes_per_s_per_ppu;
  job_class.dataset = "logs";
  spec.classes = {job_class};
  return spec;
}

}  // namespace

TEST_CASE("a class's data rate becomes its generated jobs' streaming input", "[generator][storage][input]") {
  // The job's run time at full speed on the reference chip is 7.2e18 / (8 · 5e14) = 1,800 s;
  // at 2.5e9 B/s per PPU it reads 2.5e9 · 8 · 1,800 = 3.6e13 B, from dataset "logs".
  const JobTrace trace = generate_jobs(one_job_class(2.5e9), reference_context(), 1);
  REQUIRE(trace.jobs.size() == 1);
  const JobSpec& job = trace.jobs[0];
  REQUIRE(job.input);
  CHECK(job.input->dataset == "logs");
  CHECK(job.input->unit == InputUnit::PerStep);
  const Scenario scenario = tiny_scenario(1, 8, 1);
  CHECK(streaming_input_bytes(job, derive_job_work(job, scenario)) == Approx(3.6e13).epsilon(1e-12));
  // A class without a rate streams nothing.
  GeneratorSpec silent = one_job_class(0);
  silent.classes[0].data_bytes_per_s_per_ppu.reset();
  CHECK_FALSE(generate_jobs(silent, reference_context(), 1).jobs[0].input);
}

TEST_CASE("a class's model jobs stream per token the bytes of their full-speed run",
          "[generator][storage][input]") {
  // 64-PPU model jobs (no scenario: parameters 1e9 · √64 = 8e9, tokens W / (6 · 8e9)) of
  // work W each; the input over the run is still rate · W / 5e14, given per token.
  GeneratorSpec spec = one_job_class(1e8);
  spec.classes[0].min_ppus = 64;
  spec.classes[0].max_ppus = 64;
  const JobTrace trace = generate_jobs(spec, reference_context(), 1);
  REQUIRE(trace.jobs.size() == 1);
  const JobSpec& job = trace.jobs[0];
  REQUIRE(job.model);
  REQUIRE(job.input);
  CHECK(job.input->unit == InputUnit::PerToken);
  // W = 7.2e18 (the class's whole demand, one job cut to it): 1e8 · 7.2e18 / 5e14 = 1.44e12 B.
  CHECK(job.input->bytes * job.model->tokens == Approx(1.44e12).epsilon(1e-12));
}

TEST_CASE("a generated job whose data rate exceeds its storage share waits bytes over bandwidth",
          "[generator][engine][storage][input]") {
  // The job of the first test (8 PPUs, 7.2e18 FLOP, 3.6e13 B of input) on one node of the
  // tiny scenario, whose PPUs deliver 1e15 FLOP/s: compute 7.2e18 / (8 · 1e15) = 900 s. Its
  // node's storage client link is 10 GB/s (the store's 1 TB/s is not the limit), so the read
  // takes 3.6e13 / 1e10 = 3,600 s: the job's rate, 2.5e9 B/s per PPU at the reference
  // chip's speed, is 2e10 B/s for the node, twice its share, and the scenario's chip runs
  // twice the reference's speed. The job holds its PPUs 3,600 s and waits 3,600 − 900 =
  // 2,700 s: 8 · 2,700 / 3,600 = 6 PPU-hours of input wait.
  Scenario scenario = tiny_scenario(1, 8, 1);
  scenario.storage.datasets = {DatasetSpec{"logs", 1e15}};
  const JobTrace trace = generate_jobs(one_job_class(2.5e9), reference_context(), 1);
  const auto run = simulate_in_child_process(scenario, trace);
  const double start = run.jobs[0]["start_s"].get<double>();
  const double end = run.jobs[0]["end_s"].get<double>();
  CHECK(end - start == Approx(3600).epsilon(1e-9));
  CHECK(run.report["storage"]["input_wait_ppu_hours"].get<double>() == Approx(6).epsilon(1e-9));
  CHECK(run.report["storage"]["streaming_jobs"] == 1);
}

TEST_CASE("a class's dataset must be one of the scenario's datasets", "[generator][storage][config]") {
  nlohmann::json doc = test::minimal_scenario();
  doc["storage"]["datasets"] = nlohmann::json::parse(R"([{"name": "drive-clips", "bytes": 1e12}])");
  doc["workload"]["generator"]["classes"] = nlohmann::json::parse(R"([
      {"name": "a", "demand_eflop_days_per_year": 1, "data_bytes_per_s_per_ppu": 6e7, "dataset": "drive-clips"}])");
  CHECK(parse_scenario(doc, "s.json").workload.generator->classes[0].dataset == "drive-clips");
  auto unknown = doc;
  unknown["workload"]["generator"]["classes"][0]["dataset"] = "drives";
  CHECK_THROWS_WITH(parse_scenario(unknown, "s.json"),
                    Contains("s.json: /workload/generator/classes/0/dataset: found \"drives\", expected a "
                             "dataset of /storage/datasets (drive-clips)"));
  auto without_rate = doc;
  without_rate["workload"]["generator"]["classes"][0].erase("data_bytes_per_s_per_ppu");
  CHECK_THROWS_WITH(
      parse_scenario(without_rate, "s.json"),
      Contains("/workload/generator/classes/0/dataset: found without \"data_bytes_per_s_per_ppu\""));
}
