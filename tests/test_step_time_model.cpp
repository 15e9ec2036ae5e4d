// The step-time model (workloads/step_time_model.hpp), the layout checks and search, and the
// calibration against MegaScale's Table 2; every expected value is derived by hand.
#include <catch2/catch.hpp>
#include <cmath>

#include "sim/cli/explain_command.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/core/input_error.hpp"
#include "sim/engine/job_plan.hpp"
#include "tests/cli_runner.hpp"
#include "tests/minimal_scenario_json.hpp"
#include "tests/scenario_fixtures.hpp"
#include "topologies/fat_tree_layout.hpp"
#include "workloads/job_performance.hpp"
#include "workloads/layout_check.hpp"
#include "workloads/layout_search.hpp"
#include "workloads/step_time_model.hpp"
#include "workloads/trace_reader.hpp"

using namespace ppusim;

namespace {

/// A round chip: 1 PFLOP/s, GEMMs at exactly η = 0.5 of it at any size (F_half = 0), memory
/// and links so fast or slow as each test says.
const ChipFamilyEfficiency kRound{"round", 0.5, 0.0, 1.0, 1.0, 0.4, "test"};

StepHardware round_chip() {
  StepHardware hw;
  hw.peak_flops_per_s = 1e15;
  hw.hbm_bandwidth_bytes_per_s = 1e30;  // memory time negligible: every op is GEMM-bound
  hw.scale_up_bandwidth_bytes_per_s = 1e12;
  hw.nic_bandwidth_bytes_per_ppu = 50e9;
  hw.ppus_per_node = 8;
  hw.scale_up_domain = 8;
  hw.link_latency_s = 0;
  hw.gradient_bytes_per_parameter = 2;
  hw.efficiency = &kRound;
  return hw;
}

/// l = 1, h = 1024, a = 8, s = 1024, V = 1024: per sequence the forward pass costs
/// 24·s·h² + 4·s²·h = 28·2³⁰ FLOPs per layer and 2·s·h·V = 2·2³⁰ for the logits.
TransformerShape round_gpt(int layers = 1) {
  TransformerShape shape;
  shape.layers = layers;
  shape.hidden = 1024;
  shape.heads = 8;
  shape.sequence_length = 1024;
  shape.vocabulary = 1024;
  return shape;
}

ReplicaLayout layout_of(int t, int p, int d, double m, int v = 1) {
  ReplicaLayout layout;
  layout.tensor = t;
  layout.pipeline = p;
  layout.data = d;
  layout.micro_batches = m;
  layout.micro_batch_sequences = 1;
  layout.virtual_stages = v;
  layout.recomputation = Recomputation::None;
  return layout;
}

constexpr double kGiga = 1024.0 * 1024 * 1024;

}  // namespace

TEST_CASE("step model: a GEMM-bound layer on a round chip runs at the GEMM efficiency", "[step]") {
  // One sequence, one PPU: forward 28·2³⁰ + logits 2·2³⁰, backward twice that: 90·2³⁰ FLOPs
  // at 0.5 · 10¹⁵ FLOP/s. MFU = 0.5 exactly (nothing else in the step).
  const StepEstimate step = estimate_step(round_gpt(), 1, layout_of(1, 1, 1, 1), 1, 0, round_chip());
  CHECK(step.model_flops_per_step == Approx(90 * kGiga));
  CHECK(step.speed.breakdown_s.compute == Approx(90 * kGiga / 5e14).epsilon(1e-9));
  CHECK(step.speed.step_time_s == Approx(90 * kGiga / 5e14).epsilon(1e-9));
  CHECK(step.speed.mfu == Approx(0.5).epsilon(1e-9));
}

TEST_CASE("step model: the interleaved bubble is (p - 1)/(v·m) of the ideal step", "[step]") {
  // p = 4 stages of 2 layers, m = 8 micro-batches on one node (p2p on the scale-up fabric).
  for (int v : {1, 2}) {
    const StepEstimate step = estimate_step(round_gpt(8), 8, layout_of(1, 4, 1, 8, v), 4, 0, round_chip());
    CHECK(step.speed.breakdown_s.bubble == Approx(step.speed.breakdown_s.compute * 3.0 / (v * 8)));
  }
}

TEST_CASE("step model: overlap hides the data-parallel ring exactly when backward >= communication",
          "[step]") {
  // d = 2 on one node: the ring sends 2(d − 1)/d · g · N = 2N bytes per PPU over the scale-up
  // fabric, and hides behind the one micro-batch's backward, 2/3 of its 90·2³⁰ FLOPs.
  const TransformerShape shape = round_gpt();
  const double h = 1024, N = 12 * h * h + 13 * h + (1024 + 1024) * h;  // l(12h² + 13h) + (V + s)h
  const double backward_s = 60 * kGiga / 5e14;
  StepHardware hw = round_chip();
  hw.scale_up_bandwidth_bytes_per_s = 2 * N / (0.5 * backward_s);  // ring = half the backward
  StepEstimate step = estimate_step(shape, 2, layout_of(1, 1, 2, 1), 2, 0, hw);
  CHECK(step.data_parallel_s == Approx(0.5 * backward_s));
  CHECK(step.speed.breakdown_s.data_parallel == 0);

  hw.scale_up_bandwidth_bytes_per_s = 2 * N / (2 * backward_s);  // ring = twice the backward
  step = estimate_step(shape, 2, layout_of(1, 1, 2, 1), 2, 0, hw);
  CHECK(step.data_parallel_s == Approx(2 * backward_s));
  CHECK(step.speed.breakdown_s.data_parallel == Approx(backward_s));
}

TEST_CASE("step model: a chip twice as fast halves compute and leaves communication as it was", "[step]") {
  // t = 2, p = 2, d = 4 on 16 PPUs of 2 nodes: tensor, pipeline and data-parallel traffic.
  const TransformerShape shape = round_gpt(4);
  const ReplicaLayout layout = layout_of(2, 2, 4, 8);
  StepHardware slow = round_chip();
  slow.hbm_bandwidth_bytes_per_s = 3e12;  // memory-bound element-wise ops count too
  StepHardware fast = slow;
  fast.peak_flops_per_s *= 2;
  fast.hbm_bandwidth_bytes_per_s *= 2;
  const StepEstimate a = estimate_step(shape, 32, layout, 16, 0, slow);
  const StepEstimate b = estimate_step(shape, 32, layout, 16, 0, fast);
  CHECK(b.speed.breakdown_s.compute == Approx(a.speed.breakdown_s.compute / 2));
  CHECK(b.speed.breakdown_s.tensor_parallel == Approx(a.speed.breakdown_s.tensor_parallel));
  CHECK(a.speed.breakdown_s.tensor_parallel > 0);
  CHECK(b.speed.breakdown_s.pipeline_p2p == Approx(a.speed.breakdown_s.pipeline_p2p));
  CHECK(a.speed.breakdown_s.pipeline_p2p > 0);
  CHECK(b.data_parallel_s == Approx(a.data_parallel_s));
  CHECK(a.data_parallel_s > 0);
}

namespace {

Scenario layout_scenario();

/// G: the time of 2³⁰ FLOPs at the round chip's 0.5 · 10¹⁵ FLOP/s.
constexpr double kG = kGiga / 5e14;

/// `layout` with the overlap switched on as given.
ReplicaLayout overlapped(ReplicaLayout layout, bool tensor, bool pipeline, DataParallelOverlap data) {
  layout.overlap = {tensor, pipeline, data};
  return layout;
}

}  // namespace

TEST_CASE("overlap: a tensor-parallel collective hides behind its neighbouring GEMM, the excess stays",
          "[step][overlap]") {
  // t = 2, one sequence of T = 1024 tokens, h = 1024, f = 4h. The forward GEMMs per PPU:
  // Q/K/V 2·T·h·3h/2 = 3·2³⁰ FLOPs (3G), output projection 2·T·(h/2)·h = 1G, MLP-in and -out 4G
  // each. One collective moves (t − 1)/t · 2·T·h = 2²⁰ bytes: at 2²⁰/(2G) bytes/s it takes 2G.
  // Not overlapped: 8 collectives per layer = 16G. Overlapped: forward, only the projection's
  // 1G is too short (2G − 1G exposed); backward, each GEMM counts twice (2G ≥ 2G): 1G in all.
  StepHardware hw = round_chip();
  hw.scale_up_bandwidth_bytes_per_s = (1 << 20) / (2 * kG);
  const ReplicaLayout plain = layout_of(2, 1, 1, 1);
  const StepEstimate serial = estimate_step(round_gpt(), 1, plain, 2, 0, hw);
  CHECK(serial.speed.breakdown_s.tensor_parallel == Approx(16 * kG));
  const ReplicaLayout hidden = overlapped(plain, true, false, DataParallelOverlap::Backward);
  const StepEstimate overlapped_step = estimate_step(round_gpt(), 1, hidden, 2, 0, hw);
  CHECK(overlapped_step.speed.breakdown_s.tensor_parallel == Approx(1 * kG));
  CHECK(overlapped_step.speed.breakdown_s.compute == Approx(serial.speed.breakdown_s.compute));
  // Full recomputation repeats the forward pass and its four collectives: 24G, or 2G hidden.
  ReplicaLayout full = plain;
  full.recomputation = Recomputation::Full;
  CHECK(estimate_step(round_gpt(), 1, full, 2, 0, hw).speed.breakdown_s.tensor_parallel == Approx(24 * kG));
  full.overlap.tensor_parallel = true;
  CHECK(estimate_step(round_gpt(), 1, full, 2, 0, hw).speed.breakdown_s.tensor_parallel == Approx(2 * kG));
}

TEST_CASE("overlap: pipeline transfers hide behind a chunk's forward except on the fill and drain chains",
          "[step][overlap]") {
  // p = 4 stages of 2 layers, m = 8, one node: 2·v·m = 16 transfers of 2·T·h = 2²¹ bytes. A
  // chunk's forward is 2 layers × 28G = 56G. Overlapped, the 2(p − 1) = 6 transfers of the fill
  // and drain chains stay exposed; the other 10 only by what exceeds 56G.
  StepHardware hw = round_chip();
  const ReplicaLayout plain = layout_of(1, 4, 1, 8);
  const ReplicaLayout hidden = overlapped(plain, false, true, DataParallelOverlap::Backward);
  hw.scale_up_bandwidth_bytes_per_s = (1 << 21) / (10 * kG);  // a transfer of 10G
  CHECK(estimate_step(round_gpt(8), 8, plain, 4, 0, hw).speed.breakdown_s.pipeline_p2p == Approx(160 * kG));
  CHECK(estimate_step(round_gpt(8), 8, hidden, 4, 0, hw).speed.breakdown_s.pipeline_p2p == Approx(60 * kG));
  hw.scale_up_bandwidth_bytes_per_s = (1 << 21) / (100 * kG);  // a transfer of 100G: 44G exposed each
  CHECK(estimate_step(round_gpt(8), 8, hidden, 4, 0, hw).speed.breakdown_s.pipeline_p2p ==
        Approx(6 * 100 * kG + 10 * 44 * kG));
}

TEST_CASE("pipeline transfers cross the NIC only when the stages sit on different nodes", "[step]") {
  // p = 2, one micro-batch per replica: 2 transfers of 2·T·h = 2²¹ bytes. With d = 4 the job's
  // 8 PPUs fill one node (scale-up fabric, 10¹² B/s); with d = 8 each stage's 8 ranks fill a
  // node of their own (t·c·d = 8 ≥ 8 PPUs per node), and the transfers take the NIC share of
  // a PPU, 50·10⁹ B/s.
  const StepHardware hw = round_chip();
  const StepEstimate one_node = estimate_step(round_gpt(2), 4, layout_of(1, 2, 4, 1), 8, 0, hw);
  CHECK(one_node.speed.breakdown_s.pipeline_p2p == Approx(2 * std::pow(2.0, 21) / 1e12));
  const StepEstimate two_nodes = estimate_step(round_gpt(2), 8, layout_of(1, 2, 8, 1), 16, 0, hw);
  CHECK(two_nodes.speed.breakdown_s.pipeline_p2p == Approx(2 * std::pow(2.0, 21) / 50e9));
}

TEST_CASE(
    "overlap: the data-parallel window is the last backward, plus the first forward when weights are "
    "gathered",
    "[step][overlap]") {
  // d = 2 on one node, one micro-batch: t_mb = 90G (forward 28G + logits 2G, backward twice
  // that). The ring takes 81G: behind the backward (60G) 21G stay; behind the whole micro-batch
  // (prefetched all-gather, ZeRO ≥ 1) nothing; without overlap all 81G.
  const TransformerShape shape = round_gpt();
  const double h = 1024, N = 12 * h * h + 13 * h + (1024 + 1024) * h;
  StepHardware hw = round_chip();
  hw.scale_up_bandwidth_bytes_per_s = 2 * N / (81 * kG);
  auto exposed = [&](DataParallelOverlap overlap, int zero_stage) {
    const ReplicaLayout layout = overlapped(layout_of(1, 1, 2, 1), false, false, overlap);
    return estimate_step(shape, 2, layout, 2, zero_stage, hw).speed.breakdown_s.data_parallel;
  };
  CHECK(exposed(DataParallelOverlap::Backward, 1) == Approx(21 * kG));
  CHECK(exposed(DataParallelOverlap::ForwardAndBackward, 1) == 0);
  CHECK(exposed(DataParallelOverlap::ForwardAndBackward, 0) == Approx(21 * kG));  // no all-gather to move
  CHECK(exposed(DataParallelOverlap::None, 1) == Approx(81 * kG));
}

TEST_CASE("overlap: a row's fields override the scenario's default one by one, and bad values name the field",
          "[step][overlap][trace]") {
  cli_test::TempDir dir;
  cli_test::write_text(
      dir / "t.jsonl",
      R"({"id": "a", "submit_s": 0, "ppus": 16, "model": {"layers": 8, "hidden": 1024, "sequence_length": 4096, )"
      R"("tokens": 1e9}, "parallelism": {"tensor": 2, "overlap": {"pipeline_p2p": true}}})"
      "\n");
  const JobTrace trace = read_job_trace((dir / "t.jsonl").string(), false);
  const JobSpec& job = trace.jobs.at(0);
  CHECK(job.parallelism.overlap.pipeline_p2p == true);
  CHECK(!job.parallelism.overlap.tensor_parallel);
  Scenario s = layout_scenario();
  s.workload.overlap = {true, false, DataParallelOverlap::ForwardAndBackward};
  CHECK(job_overlap(job, s) == CommunicationOverlap{true, true, DataParallelOverlap::ForwardAndBackward});
  std::ostringstream written;
  write_job_trace(trace, written);
  CHECK_THAT(written.str(), Catch::Contains(R"("overlap":{"pipeline_p2p":true})"));

  cli_test::write_text(
      dir / "bad.jsonl",
      R"({"id": "a", "submit_s": 0, "ppus": 16, "model": {"layers": 8, "hidden": 1024, "sequence_length": 4096, )"
      R"("tokens": 1e9}, "parallelism": {"overlap": {"data_parallel": "always"}}})"
      "\n");
  CHECK_THROWS_WITH(read_job_trace((dir / "bad.jsonl").string(), false),
                    Catch::Contains("/parallelism/overlap/data_parallel: found \"always\"") &&
                        Catch::Contains(R"(expected "none", "backward" or "forward-and-backward")"));
  nlohmann::json scenario = test::minimal_scenario();
  scenario["workload"]["overlap"] = {{"tensor_parallel", "yes"}};
  CHECK_THROWS_WITH(parse_scenario(scenario, "x.json"), Catch::Contains("/workload/overlap/tensor_parallel"));
  scenario["workload"]["overlap"] = {{"data_parallel", "forward-and-backward"}, {"pipeline_p2p", true}};
  const Scenario loaded = parse_scenario(scenario, "x.json");
  CHECK(loaded.workload.overlap ==
        CommunicationOverlap{false, true, DataParallelOverlap::ForwardAndBackward});
}

namespace {

Scenario layout_scenario() {
  Scenario s = test::tiny_scenario(4, 8, 4);
  s.workload.model_flops_utilization_given = false;
  return s;
}

JobSpec gpt_job(int ppus, int t, int p, int v = 1, int m = 0) {
  JobSpec job;
  job.id = "gpt";
  job.origin = "job.json";
  job.ppus = ppus;
  ModelDescription model;
  TransformerShape shape;
  shape.layers = 24;
  shape.hidden = 2048;
  shape.heads = 16;
  shape.kv_heads = 4;
  shape.sequence_length = 2048;
  model.shape = shape;
  model.tokens = 1e9;
  model.global_batch_tokens = 64 * 2048;  // 64 sequences
  model.parameters = transformer_parameters(shape).total();
  job.model = model;
  job.parallelism.tensor = t;
  job.parallelism.pipeline = p;
  job.parallelism.virtual_stages = v;
  job.parallelism.micro_batches = m;
  return job;
}

std::string problem_pointer(const JobSpec& job, const Scenario& scenario) {
  const auto problem = find_layout_problem(job, scenario);
  return problem ? problem->pointer : "";
}

}  // namespace

TEST_CASE("layout errors name the field", "[step][layout]") {
  const Scenario s = layout_scenario();
  CHECK(problem_pointer(gpt_job(32, 4, 2), s).empty());
  CHECK(problem_pointer(gpt_job(24, 4, 4), s) == "/parallelism");          // 16 does not divide 24
  CHECK(problem_pointer(gpt_job(32, 16, 2), s) == "/parallelism/tensor");  // > scale-up domain 8
  JobSpec heads = gpt_job(24, 3, 1);
  CHECK(problem_pointer(heads, s) == "/model/heads");                                   // 16 heads, t = 3
  CHECK(problem_pointer(gpt_job(32, 8, 1), s) == "/model/kv_heads");                    // 4 kv heads, t = 8
  CHECK(problem_pointer(gpt_job(32, 2, 16), s) == "/parallelism/pipeline");             // 24 layers, p = 16
  CHECK(problem_pointer(gpt_job(32, 2, 4, 4), s) == "/parallelism/virtual_stages");     // p·v = 16
  CHECK(problem_pointer(gpt_job(32, 1, 1, 1, 64), s) == "/parallelism/micro_batches");  // 2 seq / 64
  JobSpec tiny_batch = gpt_job(32, 1, 1);
  tiny_batch.model->global_batch_tokens = 16 * 2048;  // 16 sequences for 32 replicas
  CHECK(problem_pointer(tiny_batch, s) == "/model/global_batch_tokens");
  // explain refuses them with the field in the message.
  CHECK_THROWS_WITH(explain_job(gpt_job(32, 16, 2), s),
                    Catch::Contains("job.json: /parallelism/tensor: found 16"));
}

TEST_CASE("trace rows: new fields are read, checked and written back", "[step][trace]") {
  cli_test::TempDir dir;
  cli_test::write_text(
      dir / "t.jsonl",
      R"({"id": "a", "submit_s": 0, "ppus": 16, "mfu": 0.4, "model": {"layers": 8, "hidden": 1024, )"
      R"("heads": 8, "kv_heads": 2, "ffn_hidden": 2816, "gated_mlp": true, "sequence_length": 4096, )"
      R"("tokens": 1e9}, "parallelism": {"tensor": 2, "pipeline": 2, "context": 2, "virtual_stages": 2}})"
      "\n");
  const JobTrace trace = read_job_trace((dir / "t.jsonl").string(), false);
  const JobSpec& job = trace.jobs.at(0);
  CHECK(job.mfu == 0.4);
  CHECK(job.model->shape->kv_heads == 2);
  CHECK(job.model->shape->ffn_hidden == 2816);
  CHECK(job.model->shape->gated_mlp);
  CHECK(job.parallelism.context == 2);
  CHECK(job.parallelism.virtual_stages == 2);
  std::ostringstream written;
  write_job_trace(trace, written);
  CHECK_THAT(written.str(), Catch::Contains(R"("kv_heads":2,"ffn_hidden":2816,"gated_mlp":true)"));
  CHECK_THAT(written.str(), Catch::Contains(R"("context":2,"virtual_stages":2)"));
  // SwiGLU: three h × f matrices per layer.
  const TransformerParameters n = transformer_parameters(*job.model->shape);
  CHECK(n.experts == 8 * (3.0 * 1024 * 2816 + 2816 + 1024));
  cli_test::write_text(
      dir / "bad.jsonl",
      R"({"id": "a", "submit_s": 0, "ppus": 8, "model": {"layers": 8, "hidden": 1024, "heads": 8, )"
      R"("kv_heads": 3, "sequence_length": 4096, "tokens": 1e9}})"
      "\n");
  CHECK_THROWS_WITH(read_job_trace((dir / "bad.jsonl").string(), false),
                    Catch::Contains("/model/kv_heads: found 3, expected a divisor of the heads (8)"));
}

TEST_CASE("family: an unknown chip family is refused with a did-you-mean", "[step]") {
  CHECK_THROWS_WITH(chip_family_efficiency("nvidia-hoper"),
                    Catch::Contains("/ppu/family: found \"nvidia-hoper\"") &&
                        Catch::Contains("did you mean \"nvidia-hopper\""));
  CHECK(chip_family_efficiency("nvidia-ampere").gemm_efficiency > 0);
}

TEST_CASE("derive_job_work: the step model sets the speed unless an MFU is given", "[step]") {
  Scenario s = layout_scenario();
  JobSpec job = gpt_job(32, 4, 2);
  const JobWork modelled = derive_job_work(job, s);
  CHECK(modelled.speed.source == SpeedSource::StepModel);
  const StepEstimate step = estimate_job_step(job, s);
  CHECK(modelled.compute_s == Approx(modelled.steps * step.speed.breakdown_s.compute));
  job.mfu = 0.3;
  const JobWork typed = derive_job_work(job, s);
  CHECK(typed.speed.source == SpeedSource::MfuOverride);
  CHECK(typed.speed.mfu == 0.3);
  job.mfu.reset();
  s.workload.model_flops_utilization_given = true;
  CHECK(derive_job_work(job, s).speed.source == SpeedSource::MfuOverride);
  JobSpec flops_only;
  flops_only.ppus = 8;
  flops_only.total_flops = 1e18;
  s.workload.model_flops_utilization_given = false;
  const JobWork unshaped = derive_job_work(flops_only, s);
  CHECK(unshaped.speed.source == SpeedSource::FamilyDefault);
  CHECK(unshaped.compute_s == Approx(1e18 / (8 * 2e15 * 0.40)));  // the generic family's 0.40
}

TEST_CASE("search: layouts that fit, best first; none fits says the smallest need", "[step][search]") {
  Scenario s = layout_scenario();
  const LayoutSearchResult result = search_layouts(gpt_job(32, 1, 1), s);
  REQUIRE(!result.fitting.empty());
  for (std::size_t i = 1; i < result.fitting.size(); ++i) {
    CHECK(result.fitting[i - 1].step.speed.step_time_s <= result.fitting[i].step.speed.step_time_s);
  }
  for (const LayoutCandidate& c : result.fitting) CHECK(c.memory.total() <= s.ppu.hbm_bytes);
  s.ppu.hbm_bytes = 1e6;  // 1 MB: nothing fits
  const LayoutSearchResult none = search_layouts(gpt_job(32, 1, 1), s);
  CHECK(none.fitting.empty());
  REQUIRE(none.smallest_memory);
  CHECK(none.smallest_memory->memory.total() > 1e6);
}

namespace {

/// Every row of one of Table 2's columns through explain_job: MFU (and iteration time where
/// published) within 10 %.
void check_megascale_column(const char* table_file) {
  const std::filesystem::path folder = cli_test::kSourceDir / "tests" / "data" / "megascale";
  const Scenario scenario = load_scenario((folder / "a100-megascale.json").string());
  const nlohmann::json table = cli_test::read_json(folder / table_file);
  REQUIRE(table["rows"].size() == 8);
  for (const nlohmann::json& row : table["rows"]) {
    const JobSpec job = read_job_file((folder / row["job"].get<std::string>()).string());
    const nlohmann::json explained = explain_job(job, scenario);
    const double measured = row["mfu"].get<double>();
    const double modelled = explained["mfu"].get<double>();
    INFO(row["job"] << ": measured " << measured << ", model " << modelled);
    CHECK(std::abs(modelled / measured - 1) <= 0.10);
    CHECK(explained["fits_in_memory"].get<bool>());
    if (row.contains("iteration_s")) {
      CHECK(std::abs(explained["step_time_s"].get<double>() / row["iteration_s"].get<double>() - 1) <= 0.10);
    }
  }
}

}  // namespace

TEST_CASE("calibration: MegaScale Table 2 (Megatron-LM, 175B on A100) within 10 %", "[step][calibration]") {
  check_megascale_column("table2-megatron.json");
}

TEST_CASE("calibration: MegaScale Table 2 (MegaScale's own column, overlapped) within 10 %",
          "[step][calibration][overlap]") {
  check_megascale_column("table2-megascale.json");
}

TEST_CASE("ring order follows the placement: one ring per pipeline stage's block of nodes", "[step][ring]") {
  // 4 nodes of 8 in 2 leaf groups of 2. A 32-PPU job with t = 8: with p = 1 its one ring
  // crosses the leaf boundary both ways (2 flows); with p = 2 each stage's 16 PPUs sit on one
  // leaf group's 2 nodes, and each stage's ring stays inside it (no flow on the uplinks).
  Scenario s = test::tiny_scenario(4, 8, 2);
  const FatTreeLayout layout = make_fat_tree_layout(s);
  Allocation allocation;
  allocation.nodes = {0, 1, 2, 3};
  allocation.ppus_per_node = 8;
  allocation.whole_nodes = true;
  JobSpec job;
  job.id = "ring";
  job.ppus = 32;
  job.total_flops = 1e18;
  job.parallelism.tensor = 8;
  JobWork work;
  work.total_flops = 1e18;
  work.compute_s = 100;
  work.steps = 10;
  work.allreduce_bytes_per_ppu_per_step = 1e9;
  work.data_parallel_degree = 4;
  CHECK(make_job_plan(job, work, allocation, layout, s, {}).cross_leaf_flows.size() == 2);
  job.parallelism.pipeline = 2;
  work.data_parallel_degree = 2;
  CHECK(make_job_plan(job, work, allocation, layout, s, {}).cross_leaf_flows.empty());
  // Placed across the leaf groups (nodes 0 and 2 for stage 1, 1 and 3 for stage 2, as a
  // fragmented cluster may give), each stage's ring crosses the boundary both ways: 4 flows.
  allocation.nodes = {0, 2, 1, 3};
  CHECK(make_job_plan(job, work, allocation, layout, s, {}).cross_leaf_flows.size() == 4);
}

TEST_CASE("cli: explain prints the step as JSON, refuses bad layouts with exit 2, search says when none fits",
          "[step][cli]") {
  using namespace ppusim::cli_test;
  TempDir dir;
  const std::filesystem::path folder = kSourceDir / "tests" / "data" / "megascale";
  const std::string scenario = (folder / "a100-megascale.json").string();
  const Outcome json_run = run_ppusim(
      dir, {"explain", scenario, "--job", (folder / "megatron-175b-b768-256.json").string(), "--json"});
  INFO(describe(json_run));
  REQUIRE(json_run.exit_code == 0);
  const nlohmann::json e = nlohmann::json::parse(json_run.out);
  for (const char* key :
       {"step_time_s", "mfu", "model_flops_per_step", "breakdown_s", "memory_bytes_per_ppu"}) {
    CHECK(e.contains(key));
  }
  for (const char* key : {"compute", "tensor_parallel", "bubble", "pipeline_p2p", "data_parallel",
                          "expert_all_to_all", "context_parallel"}) {
    CHECK(e["breakdown_s"].contains(key));
  }

  nlohmann::json row = read_json(folder / "megatron-175b-b768-256.json");
  row["parallelism"]["tensor"] = 16;  // > 8 PPUs of an A100 server
  write_text(dir / "bad.json", row.dump());
  const Outcome bad = run_ppusim(dir, {"explain", scenario, "--job", "bad.json"});
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Catch::Contains(
                          "bad.json: /parallelism/tensor: found 16, expected at most the scale-up domain"));

  nlohmann::json small = read_json(folder / "a100-megascale.json");
  small["ppu"] = {{"catalog", "a100-sxm-80gb"}, {"hbm_bytes", 1e9}};  // 1 GB: no layout of 175B on 256 fits
  small["workload"]["trace"] = (folder / "megatron-175b.jsonl").string();
  write_text(dir / "small.json", small.dump());
  const Outcome none = run_ppusim(
      dir, {"explain", "small.json", "--job", (folder / "megatron-175b-b768-256.json").string(), "--search"});
  CHECK(none.exit_code == 1);
  CHECK_THAT(none.err, Catch::Contains("no layout of job megatron-175b-b768-256 fits in 1.0 GB") &&
                           Catch::Contains("the smallest need found is"));
}
