// Generated model jobs: a published transformer shape and a layout the step model accepts
// (workloads/generated_model_shape.hpp, docs/workloads.md "Model jobs").
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cli_runner.hpp"
#include "sim/cli/commands.hpp"
#include "sim/config/scenario_loader.hpp"
#include "workloads/generated_model_shape.hpp"
#include "workloads/job_performance.hpp"
#include "workloads/layout_check.hpp"
#include "workloads/ppu_memory.hpp"
#include "workloads/synthetic_generator.hpp"
#include "workloads/trace_reader.hpp"
#include "workloads/transformer_model.hpp"

namespace ppusim {
namespace {

const std::filesystem::path kReference =
    std::filesystem::path(PPUSIM_SOURCE_DIR) / "configs/reference-100k.json";

/// configs/reference-100k.json with `node` instead of hgx-h100 and `jobs` jobs.
Scenario reference_on(const std::string& node, std::int64_t jobs) {
  std::ifstream in(kReference);
  std::stringstream text;
  text << in.rdbuf();
  std::string json = text.str();
  json.replace(json.find("\"hgx-h100\""), 10, "\"" + node + "\"");
  // A folder of its own: ctest -j runs the test cases as parallel processes, and two of them
  // reading "hgx-h100" through one shared file name raced (one removed it under the other).
  const cli_test::TempDir dir;
  const auto path = dir / ("shapes-" + node + ".json");
  std::ofstream(path) << json;
  Scenario scenario = load_scenario(path.string());
  scenario.workload.generator->jobs = jobs;
  return scenario;
}

bool in_table(const TransformerShape& shape) {
  for (const PublishedShape& published : published_shapes()) {
    const TransformerShape& s = published.shape;
    if (s.layers == shape.layers && s.hidden == shape.hidden && s.heads == shape.heads &&
        s.kv_heads == shape.kv_heads && s.ffn_hidden == shape.ffn_hidden && s.gated_mlp == shape.gated_mlp &&
        s.sequence_length == shape.sequence_length && s.vocabulary == shape.vocabulary)
      return true;
  }
  return false;
}

/// The same draws without a scenario: models known by N only, whose 6·N·D is the drawn work.
JobTrace unshaped_draws(const Scenario& scenario) {
  GeneratorContext context;
  context.ppus_per_node = scenario.node.ppus_per_node;
  context.peak_flops_per_s_per_ppu = 989.4e12;  // the reference chip, h100-sxm
  context.model_flops_utilization = scenario.workload.model_flops_utilization;
  context.hbm_bytes = scenario.ppu.hbm_bytes;
  context.default_global_batch_tokens = scenario.workload.default_global_batch_tokens;
  return generate_jobs(*scenario.workload.generator, context, scenario.simulation.seed);
}

}  // namespace

TEST_CASE("generated model jobs: a table shape, a valid fitting layout, tokens from the drawn work",
          "[generator][shapes]") {
  const Scenario scenario = reference_on("hgx-h100", 3000);
  const JobTrace shaped = load_workload(scenario);  // runs check_job_layouts: throws on a bad one
  const JobTrace plain = unshaped_draws(scenario);
  REQUIRE(shaped.jobs.size() == plain.jobs.size());
  int model_jobs = 0;
  for (std::size_t i = 0; i < shaped.jobs.size(); ++i) {
    const JobSpec& job = shaped.jobs[i];
    const JobSpec& before = plain.jobs[i];
    INFO(job.id << ": " << job.ppus << " PPUs");
    // Sizes, arrivals and the kind of description are the draws' own.
    REQUIRE(job.ppus == before.ppus);
    REQUIRE(job.submit_s == before.submit_s);
    REQUIRE(job.model.has_value() == before.model.has_value());
    if (!job.model) {
      CHECK(*job.total_flops == *before.total_flops);
      continue;
    }
    ++model_jobs;
    REQUIRE(job.model->shape);
    const TransformerShape& shape = *job.model->shape;
    CHECK(in_table(shape));
    CHECK_FALSE(find_layout_problem(job, scenario));
    CHECK_FALSE(why_job_cannot_fit(job, scenario));
    CHECK(job.model->parameters == transformer_parameters(shape).total());
    // The batch grows with the job: 1024 tokens per PPU, never below the workload's default.
    CHECK(job.model->global_batch_tokens == std::max(4194304.0, 1024.0 * job.ppus));
    const double per_token =
        flops_per_step(shape, 1.0, Recomputation::Selective).model / shape.sequence_length;
    const double drawn_work = 6 * before.model->parameters * before.model->tokens;
    CHECK(job.model->tokens * per_token == Approx(drawn_work).epsilon(1e-12));
  }
  CHECK(model_jobs > 0);

  // `ppusim trace generate` writes the shapes and layouts, and they read back to the same jobs.
  std::ostringstream written;
  write_job_trace(shaped, written);
  const cli_test::TempDir dir;
  const auto path = dir / "shapes-trace.jsonl";
  std::ofstream(path) << written.str();
  std::ostringstream rewritten;
  write_job_trace(read_job_trace(path.string(), false), rewritten);
  CHECK(rewritten.str() == written.str());
}

TEST_CASE("generated model: the shape nearest 1e9·sqrt(P) and the shallowest pipeline that fits",
          "[generator][shapes]") {
  const Scenario scenario = reference_on("hgx-h100", 1);
  SECTION("1024 PPUs: Llama 3 70B, t = 8, p = 1") {
    // 1e9·√1024 = 32 B parameters: Llama 3 70B (N = 69.6 B, ratio 2.17) is nearer than Llama 2
    // 13B (12.9 B, ratio 2.49). t = 8 divides its 64 heads and 8 key/value heads. At p = 1 a
    // PPU holds 4·N/8 = 34.8 GB of weights and gradients, 12·N/1024 = 0.8 GB of ZeRO-1
    // optimizer state, and 80 layers × 8192·8192·(15 + 3 + 2·3·3.5)/8 = 0.33 GB of
    // activations (selective recomputation, one sequence): 61.8 GB <= 80 GB.
    const auto model = choose_generated_model(1024, 0, scenario);
    REQUIRE(model);
    CHECK(model->shape->name == "llama3-70b");
    CHECK(model->parameters == Approx(69.6e9).epsilon(0.005));
    CHECK(model->parallelism.tensor == 8);
    CHECK(model->parallelism.pipeline == 1);
    CHECK(model->parallelism.zero_stage == 1);
  }
  SECTION("16384 PPUs: GPT-3 175B, t = 8, p = 1 with ZeRO-2") {
    // 1e9·√16384 = 128 B: GPT-3 175B (ratio 1.37) beats Llama 3 70B (1.84). The batch is
    // 1024 × 16384 tokens = 8192 sequences of 2048, 4 per replica at d = 2048. At p = 1 ZeRO-1
    // leaves 4·175e9/8 = 87.5 GB of weights and gradients: too much. ZeRO-2 shards the
    // gradients over d: 43.8 GB of weights, 96 layers × 2048·12288·(15 + 19)/8 = 0.11 GB of
    // activations (one micro-batch in flight): 54 GB.
    const auto model = choose_generated_model(16384, 0, scenario);
    REQUIRE(model);
    CHECK(model->shape->name == "gpt3-175b");
    CHECK(model->parallelism.tensor == 8);
    CHECK(model->parallelism.pipeline == 1);
    CHECK(model->parallelism.zero_stage == 2);
    CHECK(model->global_batch_tokens == 1024.0 * 16384);
  }
}

TEST_CASE("generated model jobs: the same shapes and tokens on H100 and H20", "[generator][shapes]") {
  const Scenario h100 = reference_on("hgx-h100", 3000);
  const Scenario h20 = reference_on("hgx-h20", 3000);
  const JobTrace a = load_workload(h100);
  const JobTrace b = load_workload_for(h100, h20);
  const JobTrace c = load_workload(h20);  // its own generator: drawn at the reference chip too
  REQUIRE(a.jobs.size() == b.jobs.size());
  REQUIRE(a.jobs.size() == c.jobs.size());
  for (std::size_t i = 0; i < a.jobs.size(); ++i) {
    INFO(a.jobs[i].id << ": " << a.jobs[i].ppus << " PPUs");
    for (const JobTrace* other : {&b, &c}) {
      const JobSpec& x = a.jobs[i];
      const JobSpec& y = other->jobs[i];
      REQUIRE(x.model.has_value() == y.model.has_value());
      if (!x.model) continue;
      CHECK(x.model->parameters == y.model->parameters);
      CHECK(x.model->tokens == y.model->tokens);
      CHECK(x.model->shape->layers == y.model->shape->layers);
      CHECK(x.model->shape->hidden == y.model->shape->hidden);
    }
  }
}

TEST_CASE("reference-100k's generator: no job's speed rests on an MFU override", "[generator][shapes]") {
  const Scenario scenario = reference_on("hgx-h100", 30000);
  REQUIRE_FALSE(scenario.workload.model_flops_utilization_given);
  int step_model = 0, family_default = 0;
  for (const JobSpec& job : load_workload(scenario).jobs) {
    const SpeedSource source = derive_job_work(job, scenario).speed.source;
    REQUIRE(source != SpeedSource::MfuOverride);
    (source == SpeedSource::StepModel ? step_model : family_default)++;
  }
  CHECK(step_model > 0);
  CHECK(family_default > 0);
}

}  // namespace ppusim
