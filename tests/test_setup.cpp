// The setup pipeline between allocation and first step, against hand arithmetic.
#include <catch2/catch.hpp>

#include "sim/app/isolated_run.hpp"
#include "tests/scenario_fixtures.hpp"

using namespace ppusim;
using namespace ppusim::test;

namespace {

double stage_p50(const IsolatedRunOutput& run, const char* stage) {
  return run.report["setup"]["stages_s"][stage]["p50"].get<double>();
}

}  // namespace

TEST_CASE("a job whose stages have fixed durations starts computing at their sum", "[setup]") {
  // One 8-PPU job on one node. Provisioning fixed 100 s. Image 10 GB from a 1 GB/s registry:
  // 10 s. Dataset 1 TB at the 10 GB/s client cap: 100 s. Checkpoint 0.5 TB: 50 s. Framework
  // init 20 s + 5 s per node: 25 s. First step at 285 s; 8e17 FLOP at 8e15 FLOP/s: 100 s more.
  Scenario scenario = tiny_scenario(2, 8, 2);
  scenario.setup.provisioning_s = {DurationDistribution::Kind::Fixed, 100, 0};
  scenario.setup.image_bytes = 10e9;
  scenario.setup.registry_bandwidth_bytes_per_s = 1e9;
  scenario.setup.framework_init_base_s = 20;
  scenario.setup.framework_init_per_node_s = 5;
  JobSpec job = flops_job("j", 0, 8, 8e17);
  job.dataset_bytes = 1e12;
  job.checkpoint_bytes = 0.5e12;
  const auto run = simulate_in_child_process(scenario, trace_of({job}));
  CHECK(stage_p50(run, "provisioning") == Approx(100));
  CHECK(stage_p50(run, "image_pull") == Approx(10));
  CHECK(stage_p50(run, "dataset_staging") == Approx(100));
  CHECK(stage_p50(run, "checkpoint_load") == Approx(50));
  CHECK(stage_p50(run, "framework_init") == Approx(25));
  CHECK(stage_p50(run, "total") == Approx(285));
  CHECK(run.jobs[0]["end_s"].get<double>() == Approx(385));
  // Setup holds 8 PPUs for 285 s of the job's 385 s.
  CHECK(run.report["setup"]["share_of_allocated_ppu_time"].get<double>() == Approx(285.0 / 385));
}

TEST_CASE("a job with time-only setup stays analytic and starts computing after them", "[setup]") {
  // Provisioning uniform on [50, 50] (a degenerate draw) and init 30 s: no shared resource, so
  // no actor; first step at 80 s, end at 80 + 100 s.
  Scenario scenario = tiny_scenario(2, 8, 2);
  scenario.setup.provisioning_s = {DurationDistribution::Kind::Uniform, 50, 50};
  scenario.setup.framework_init_base_s = 30;
  const auto run = simulate_in_child_process(scenario, trace_of({flops_job("j", 0, 8, 8e17)}));
  CHECK(run.report["engine"]["local_jobs"] == 1);
  CHECK(stage_p50(run, "total") == Approx(80));
  CHECK(run.jobs[0]["end_s"].get<double>() == Approx(180));
  CHECK(run.jobs[0]["compute_s"].get<double>() == Approx(100));
}

TEST_CASE("N simultaneous pulls of one image share the registry: N·size/B each", "[setup]") {
  // 8 one-PPU nodes, 8 one-PPU jobs at t=0, a 10 GB image from a 10 GB/s registry, no cache:
  // 8 flows share 10 GB/s, so every pull takes 8 · 10e9 / 10e9 = 8 s.
  Scenario scenario = tiny_scenario(8, 1, 8);
  scenario.setup.image_bytes = 10e9;
  scenario.setup.registry_bandwidth_bytes_per_s = 10e9;
  std::vector<JobSpec> jobs;
  for (int i = 0; i < 8; ++i) jobs.push_back(flops_job("p" + std::to_string(i), 0, 1, 1e15));
  const auto run = simulate_in_child_process(scenario, trace_of(jobs));
  CHECK(run.report["setup"]["stages_s"]["image_pull"]["mean"].get<double>() == Approx(8));
  CHECK(run.report["setup"]["stages_s"]["image_pull"]["max"].get<double>() == Approx(8));
}

TEST_CASE("a node's image cache spares the second pull of the same image", "[setup]") {
  // One node. Job a pulls "x" (10 GB at 1 GB/s: 10 s) and runs 10 s (ends at 20); job b, same
  // image, arrives at 30: cached, no pull. Job c, image "y", arrives at 60: pulls. With a cache
  // of one image, job d ("x" again, at 90) pulls again: "y" evicted it.
  Scenario scenario = tiny_scenario(1, 8, 1);
  scenario.setup.image_bytes = 10e9;
  scenario.setup.registry_bandwidth_bytes_per_s = 1e9;
  scenario.setup.image_cache_images = 1;
  auto job = [](const char* id, double t, const char* image) {
    JobSpec j = flops_job(id, t, 8, 8e16);
    j.image = image;
    return j;
  };
  const auto run = simulate_in_child_process(
      scenario, trace_of({job("a", 0, "x"), job("b", 30, "x"), job("c", 60, "y"), job("d", 90, "x")}));
  CHECK(run.jobs[0]["end_s"].get<double>() == Approx(20));
  CHECK(run.jobs[1]["end_s"].get<double>() == Approx(40));  // no pull: 30 + 10 s compute
  CHECK(run.jobs[2]["end_s"].get<double>() == Approx(80));  // pull: 60 + 10 + 10
  CHECK(run.jobs[3]["end_s"].get<double>() == Approx(110));
}

TEST_CASE("a per-node pull rate without a shared registry keeps the job analytic", "[setup]") {
  // 10 GB at 1 GB/s per node, no registry bottleneck: 10 s of pull, timed without SimGrid.
  Scenario scenario = tiny_scenario(2, 8, 2);
  scenario.setup.image_bytes = 10e9;
  scenario.setup.image_pull_node_bandwidth_bytes_per_s = 1e9;
  const auto run = simulate_in_child_process(scenario, trace_of({flops_job("j", 0, 16, 16e17)}));
  CHECK(run.report["engine"]["local_jobs"] == 1);
  CHECK(stage_p50(run, "image_pull") == Approx(10));
  CHECK(run.jobs[0]["end_s"].get<double>() == Approx(110));
}
