// The transformer performance model: FLOPs with attention, memory per PPU against HBM,
// pipeline bubble, tensor-parallel and expert traffic; checked against hand arithmetic.
#include <catch2/catch.hpp>

#include "sim/app/isolated_run.hpp"
#include "tests/cli_runner.hpp"
#include "tests/scenario_fixtures.hpp"
#include "workloads/job_performance.hpp"
#include "workloads/ppu_memory.hpp"
#include "workloads/transformer_model.hpp"

using namespace ppusim;
using namespace ppusim::test;

namespace {

/// A small GPT: l = 2, h = 1024, s = 1024, V = 51200 (a = 8 heads by default).
TransformerShape small_gpt() {
  TransformerShape shape;
  shape.layers = 2;
  shape.hidden = 1024;
  shape.sequence_length = 1024;
  shape.vocabulary = 51200;
  return shape;
}

/// A job training `shape` on `ppus` PPUs with `batch_tokens` per step for `steps` steps.
JobSpec shaped_job(const std::string& id, int ppus, const TransformerShape& shape, double batch_tokens,
                   double steps) {
  JobSpec job;
  job.id = id;
  job.ppus = ppus;
  job.model =
      ModelDescription{transformer_parameters(shape).total(), steps * batch_tokens, batch_tokens, shape};
  job.origin = "test";
  return job;
}

}  // namespace

TEST_CASE("FLOPs per step of a small GPT follow Narayanan et al. eq. 2 and 3", "[model]") {
  const TransformerShape shape = small_gpt();
  const double B = 8, s = 1024, l = 2, h = 1024, V = 51200;
  // Eq. 2 (no recomputation): 72·B·s·l·h²·(1 + s/(6h) + V/(12·l·h)) = 1.2369e12 · 3.25.
  const double expected_model = 72 * B * s * l * h * h * (1 + s / (6 * h) + V / (12 * l * h));
  CHECK(expected_model == Approx(4.020089389056e12));
  const StepFlops none = flops_per_step(shape, B, Recomputation::None);
  CHECK(none.model == Approx(expected_model).epsilon(1e-12));
  CHECK(none.executed == none.model);
  // Eq. 3 (full recomputation): 96·B·s·l·h²·(1 + s/(6h) + V/(16·l·h)).
  const StepFlops full = flops_per_step(shape, B, Recomputation::Full);
  CHECK(full.model == none.model);
  CHECK(full.executed ==
        Approx(96 * B * s * l * h * h * (1 + s / (6 * h) + V / (16 * l * h))).epsilon(1e-12));
  // Selective: the attention scores again, 4·B·s²·h per layer.
  CHECK(flops_per_step(shape, B, Recomputation::Selective).executed ==
        Approx(expected_model + l * 4 * B * s * s * h).epsilon(1e-12));
  // Parameters, eq. 2's 12·l·h²·(1 + 13/(12h) + (V + s)/(12·l·h)).
  CHECK(transformer_parameters(shape).total() ==
        Approx(12 * l * h * h * (1 + 13 / (12 * h) + (V + s) / (12 * l * h))).epsilon(1e-12));
}

TEST_CASE("a 7B model with Adam does not fit 80 GB at TP=1, and fits with ZeRO-3 over 8", "[model][memory]") {
  const Scenario scenario = tiny_scenario(1, 8, 1);  // 80 GB of HBM per PPU
  JobSpec job = model_job("7b", 0, 8, 7e9, 1e12, 4e6);
  // 16 bytes per parameter on every PPU (d = 8, no sharding): 2 + 2 + 12 = 16 · 7e9 = 112 GB.
  const MemoryPerPpu memory = memory_per_ppu(job, scenario);
  CHECK(memory.weights == Approx(14e9));
  CHECK(memory.gradients == Approx(14e9));
  CHECK(memory.optimizer == Approx(84e9));
  CHECK(why_job_cannot_fit(job, scenario) ==
        std::optional<std::string>(
            "exceeds PPU memory, needs 112.0 GB per PPU (weights 14.0 + gradients 14.0 + "
            "optimizer 84.0) > 80.0 GB HBM"));
  // ZeRO-3 over d = 8: everything divided by 8, 14 GB.
  job.parallelism.zero_stage = 3;
  CHECK(memory_per_ppu(job, scenario).total() == Approx(14e9));
  CHECK_FALSE(why_job_cannot_fit(job, scenario));
  // ZeRO-1 shards only the optimizer state: 14 + 14 + 84/8 = 38.5 GB.
  job.parallelism.zero_stage = 1;
  CHECK(memory_per_ppu(job, scenario).total() == Approx(38.5e9));
}

TEST_CASE("activation memory follows Korthikanti et al. per layer and in-flight micro-batch",
          "[model][memory]") {
  // A 7B-like shape, l = 32, h = 4096, s = 2048, a = 32; micro-batches of one sequence.
  TransformerShape shape;
  shape.layers = 32;
  shape.hidden = 4096;
  shape.sequence_length = 2048;
  JobSpec job = shaped_job("7b", 8, shape, 8 * 2048.0, 10);
  job.parallelism.zero_stage = 3;
  const Scenario scenario = tiny_scenario(1, 8, 1);
  // Selective recomputation, t = 1: 34·s·b·h per layer, 32 layers: 9.13 GB.
  const double selective = 32 * 34.0 * 2048 * 4096;
  CHECK(memory_per_ppu(job, scenario).activations == Approx(selective));
  // No recomputation adds 5·a·s²·b per layer: (34 + 5·32·2048/4096)·s·b·h = 114·s·b·h.
  job.parallelism.recomputation = Recomputation::None;
  CHECK(memory_per_ppu(job, scenario).activations == Approx(32 * 114.0 * 2048 * 4096));
  // Full recomputation keeps 2·s·b·h per layer.
  job.parallelism.recomputation = Recomputation::Full;
  CHECK(memory_per_ppu(job, scenario).activations == Approx(32 * 2.0 * 2048 * 4096));
}

TEST_CASE("a job that does not fit its PPUs' memory is rejected at admission, the others run",
          "[model][memory]") {
  const Scenario scenario = tiny_scenario(1, 8, 1);
  const auto run = simulate_in_child_process(
      scenario, trace_of({model_job("too-big", 0, 8, 7e9, 1e12, 4e6), flops_job("small", 0, 8, 8e15)}));
  CHECK(run.jobs[0]["outcome"] == "rejected");
  CHECK(run.jobs[0]["reject_reason"].get<std::string>().starts_with(
      "exceeds PPU memory, needs 112.0 GB per PPU"));
  CHECK(run.jobs[1]["outcome"] == "finished");
  CHECK(run.report["jobs"]["rejected_reasons"]["exceeds PPU memory"] == 1);
}

TEST_CASE("pipeline bubble: p = 4 stages and m = 4 micro-batches idle 3/7 of the step", "[model][engine]") {
  // d = 1: no gradient ring. The ideal step is T_c / S; the bubble adds (p − 1)/m = 3/4 of it,
  // so the run lasts 7/4 of its compute time and the PPUs are busy 4/7 of it.
  Scenario scenario = tiny_scenario(1, 4, 1);
  TransformerShape shape = small_gpt();
  shape.layers = 4;
  JobSpec job = shaped_job("pp", 4, shape, 16 * 1024.0, 10);
  job.parallelism.pipeline = 4;
  job.parallelism.micro_batches = 4;
  const JobWork work = derive_job_work(job, scenario);
  CHECK(work.bubble_s_per_step == Approx(0.75 * work.compute_s / 10));
  const auto run = simulate_in_child_process(scenario, trace_of({job}));
  CHECK(run.jobs[0]["end_s"].get<double>() == Approx(1.75 * work.compute_s).epsilon(1e-12));
  CHECK(run.report["utilization"]["busy"].get<double>() == Approx(4.0 / 7));
}

TEST_CASE("a TP-only job in one node takes compute plus its all-reduces at intra-node bandwidth",
          "[model][engine]") {
  // t = 8, d = 1, B = 8 sequences → m = 8 micro-batches of b = 1. Per step and PPU:
  // m · l · 4 all-reduces · 2(t − 1)/t · b·s·h·2 bytes = 8·2·4·1.75·2,097,152 = 234,881,024 B,
  // at 1e12 B/s: 2.34881024e-4 s. Compute per step: executed FLOPs / (8 · 1e15 FLOP/s).
  const Scenario scenario = tiny_scenario(1, 8, 1);
  JobSpec job = shaped_job("tp", 8, small_gpt(), 8 * 1024.0, 100);
  job.parallelism.tensor = 8;
  const double executed = flops_per_step(small_gpt(), 8, Recomputation::Selective).executed;
  const JobWork work = derive_job_work(job, scenario);
  CHECK(work.tensor_comm_s_per_step == Approx(234881024 / 1e12).epsilon(1e-12));
  CHECK(work.compute_s == Approx(100 * executed / 8e15).epsilon(1e-12));
  const auto run = simulate_in_child_process(scenario, trace_of({job}));
  CHECK(run.jobs[0]["end_s"].get<double>() ==
        Approx(100 * (executed / 8e15 + 234881024 / 1e12)).epsilon(1e-12));
}

TEST_CASE("expert all-to-all bytes from tokens, hidden size and top-k", "[model]") {
  // l = 2, h = 1024, s = 1024, E = 8 experts, k = 2; 8 PPUs, t = p = 1, d = e = 8; B = 8
  // sequences → m = 1 micro-batch of one sequence per PPU. Per step and PPU:
  // m · l · 4 · (b·s/t) · k · h · 2 bytes · (e − 1)/e = 1·2·4·1024·2·1024·2·7/8 = 29,360,128 B.
  TransformerShape shape = small_gpt();
  shape.experts = 8;
  shape.top_k = 2;
  Parallelism parallel;
  parallel.expert = 8;
  const ReplicaLayout layout = replica_layout(parallel, 8, 8);
  CHECK(layout.micro_batches == 1);
  CHECK(expert_all_to_all_bytes_per_ppu_per_step(shape, layout) == Approx(29360128));

  // On 2 nodes of 4 PPUs, 4 of the 8 expert ranks share a node: 3/7 of the bytes stay inside
  // (over the fabric), 4/7 leave it, 4 PPUs' worth over the node's 400 GB/s of NICs.
  const Scenario scenario = tiny_scenario(2, 4, 2);
  JobSpec job = shaped_job("moe", 8, shape, 8 * 1024.0, 10);
  job.parallelism.expert = 8;
  const JobWork work = derive_job_work(job, scenario);
  CHECK(work.expert_off_node_bytes_per_ppu_per_step == Approx(29360128 * 4.0 / 7));
  CHECK(work.expert_comm_s_per_step ==
        Approx(std::max(29360128 * 3.0 / 7 / 1e12, 4 * 29360128 * 4.0 / 7 / 400e9)));
  // Expert MLP parameters sit on e = 8 ranks, so each expert's gradients are reduced over
  // d / e = 1 replica: only the dense part has a ring, 2·7/8·2·N_dense bytes.
  const TransformerParameters n = transformer_parameters(shape);
  CHECK(work.allreduce_bytes_per_ppu_per_step == Approx(2 * 7.0 / 8 * 2 * n.dense));
}

TEST_CASE("a job known by parameters only keeps the 6·N·D model", "[model]") {
  const Scenario scenario = tiny_scenario(4, 8, 4);
  const JobWork work = derive_job_work(model_job("m", 0, 16, 1e9, 1.6e12, 1.6e10), scenario);
  CHECK(work.total_flops == 6 * 1e9 * 1.6e12);
  CHECK(work.step_overhead_s() == 0);
}

TEST_CASE("cli: the transformer demo rejects the job without ZeRO and runs the rest", "[model][cli]") {
  using namespace ppusim::cli_test;
  TempDir dir;
  const Outcome run = run_ppusim(dir, {"run", (kSourceDir / "configs" / "transformer-demo.json").string(),
                                       "--output", "out", "--quiet"});
  INFO(describe(run));
  REQUIRE(run.exit_code == 0);
  const nlohmann::json report = read_json(dir / "out" / "report.json");
  CHECK(report["jobs"]["rejected"] == 1);
  CHECK(report["jobs"]["rejected_reasons"]["exceeds PPU memory"] == 1);
  CHECK(report["jobs"]["finished"] == 10);
  const std::string jobs = read_text(dir / "out" / "jobs.csv");
  CHECK_THAT(jobs, Catch::Matchers::Contains(
                       "7b-without-zero,rejected,8,0,0,180.0,,,0.0,\"exceeds PPU memory, needs "
                       "112.0 GB per PPU (weights 14.0 + gradients 14.0 + optimizer 84.0) > "
                       "80.0 GB HBM\""));
  // Four quarter-PPU jobs known by a measured duration of 1 h share one PPU and keep that duration.
  CHECK_THAT(jobs, Catch::Matchers::Contains("notebook-4,finished,1,1,1,0.0,0.0,3600.0,3600.0,"));
}
