#include "sim/cli/explain_command.hpp"

#include <cstdio>
#include <iostream>
#include <memory>

#include "sim/config/scenario_loader.hpp"
#include "sim/core/input_error.hpp"
#include "workloads/layout_check.hpp"
#include "workloads/layout_search.hpp"
#include "workloads/ppu_memory.hpp"
#include "workloads/step_time_model.hpp"
#include "workloads/trace_reader.hpp"

namespace ppusim {

using nlohmann::json;

namespace {

std::string format(const char* pattern, double x) {
  char text[64];
  std::snprintf(text, sizeof text, pattern, x);
  return text;
}

const char* recomputation_name(Recomputation r) {
  return r == Recomputation::None ? "none" : r == Recomputation::Full ? "full" : "selective";
}

json layout_json(const Parallelism& l, const ReplicaLayout& layout) {
  return {{"tensor", l.tensor},
          {"pipeline", l.pipeline},
          {"data", layout.data},
          {"context", l.context},
          {"expert", l.expert},
          {"virtual_stages", l.virtual_stages},
          {"micro_batches", layout.micro_batches},
          {"micro_batch_sequences", layout.micro_batch_sequences},
          {"zero_stage", l.zero_stage},
          {"recomputation", recomputation_name(l.recomputation)},
          {"overlap",
           {{"tensor_parallel", layout.overlap.tensor_parallel},
            {"pipeline_p2p", layout.overlap.pipeline_p2p},
            {"data_parallel", data_parallel_overlap_name(layout.overlap.data_parallel)}}}};
}

json breakdown_json(const StepBreakdown& b) {
  return {{"compute", b.compute},
          {"tensor_parallel", b.tensor_parallel},
          {"bubble", b.bubble},
          {"pipeline_p2p", b.pipeline_p2p},
          {"data_parallel", b.data_parallel},
          {"expert_all_to_all", b.expert_all_to_all},
          {"context_parallel", b.context_parallel}};
}

json memory_json(const MemoryPerPpu& m) {
  return {{"weights", m.weights},
          {"gradients", m.gradients},
          {"optimizer", m.optimizer},
          {"activations", m.activations}};
}

std::string layout_text(const json& l) {
  return "t=" + l["tensor"].dump() + " p=" + l["pipeline"].dump() + " d=" + l["data"].dump() +
         " c=" + l["context"].dump() + " v=" + l["virtual_stages"].dump() +
         " m=" + format("%g", l["micro_batches"].get<double>()) +
         " b=" + format("%g", l["micro_batch_sequences"].get<double>()) + " zero=" + l["zero_stage"].dump() +
         " recompute=" + l["recomputation"].get<std::string>();
}

/// "overlap: tensor-parallel, pipeline p2p, data-parallel forward-and-backward" (what runs behind compute).
std::string overlap_text(const json& overlap) {
  std::string text;
  if (overlap["tensor_parallel"].get<bool>()) text += "tensor-parallel, ";
  if (overlap["pipeline_p2p"].get<bool>()) text += "pipeline p2p, ";
  return text + "data-parallel " + overlap["data_parallel"].get<std::string>();
}

void print_explanation(const json& e, std::ostream& out) {
  out << "job " << e["job"].get<std::string>() << " on " << e["scenario"].get<std::string>() << ": "
      << e["ppus"].get<int>() << " PPUs (" << e["ppu"].get<std::string>() << ", family "
      << e["family"].get<std::string>() << ")\n";
  out << "  layout            " << layout_text(e["layout"]) << "\n";
  out << "  overlapped        " << overlap_text(e["layout"]["overlap"]) << "\n";
  out << "  step time         " << format("%.3f s", e["step_time_s"].get<double>()) << "\n";
  out << "  MFU               " << format("%.1f %%", 100 * e["mfu"].get<double>())
      << "  (model FLOPs / (PPUs x dense peak x step time))\n";
  out << "  model FLOPs/step  " << format("%.4g", e["model_flops_per_step"].get<double>()) << "\n";
  out << "  breakdown (s)\n";
  for (const char* name : {"compute", "tensor_parallel", "bubble", "pipeline_p2p", "data_parallel",
                           "expert_all_to_all", "context_parallel"}) {
    const double value = e["breakdown_s"][name].get<double>();
    char line[96];
    std::snprintf(line, sizeof line, "    %-20s %10.4f  %5.1f %%\n", name, value,
                  100 * value / e["step_time_s"].get<double>());
    out << line;
  }
  out << "  memory per PPU    " << format("%.1f GB", e["memory_bytes_per_ppu"].get<double>() / 1e9) << " of "
      << format("%.1f GB", e["hbm_bytes"].get<double>() / 1e9) << " (weights "
      << format("%.1f", e["memory_breakdown_bytes"]["weights"].get<double>() / 1e9) << ", gradients "
      << format("%.1f", e["memory_breakdown_bytes"]["gradients"].get<double>() / 1e9) << ", optimizer "
      << format("%.1f", e["memory_breakdown_bytes"]["optimizer"].get<double>() / 1e9) << ", activations "
      << format("%.1f", e["memory_breakdown_bytes"]["activations"].get<double>() / 1e9) << ")"
      << (e["fits_in_memory"].get<bool>() ? "" : "  DOES NOT FIT") << "\n";
  if (!e["mfu_override"].is_null()) {
    out << "  note: the row's mfu " << e["mfu_override"].dump() << " overrides this model in a run\n";
  }
}

int search_command(const JobSpec& job, const Scenario& scenario, const ExplainOptions& options,
                   std::ostream& out, std::ostream& err) {
  const LayoutSearchResult result = search_layouts(job, scenario);
  auto candidate_json = [&](const LayoutCandidate& c) {
    return json{{"layout", layout_json(c.parallelism, job_replica_layout(job, c.parallelism, scenario))},
                {"step_time_s", c.step.speed.step_time_s},
                {"mfu", c.step.speed.mfu},
                {"tokens_per_s", batch_tokens(job, scenario) / c.step.speed.step_time_s},
                {"breakdown_s", breakdown_json(c.step.speed.breakdown_s)},
                {"memory_bytes_per_ppu", c.memory.total()}};
  };
  if (result.fitting.empty()) {
    std::string message = "explain --search: no layout of job " + job.id + " fits in " +
                          format("%.1f GB", scenario.ppu.hbm_bytes / 1e9) + " of HBM per PPU (" +
                          std::to_string(result.layouts_tried) + " valid layouts tried)";
    if (result.smallest_memory) {
      const LayoutCandidate& c = *result.smallest_memory;
      message += "; the smallest need found is " + format("%.1f GB", c.memory.total() / 1e9) +
                 " per PPU, with " +
                 layout_text(layout_json(c.parallelism, job_replica_layout(job, c.parallelism, scenario)));
    }
    err << "ppusim: " << message << "\n";
    return 1;
  }
  const std::size_t shown =
      std::min<std::size_t>(result.fitting.size(), static_cast<std::size_t>(options.top));
  if (options.json) {
    json top = json::array();
    for (std::size_t i = 0; i < shown; ++i) top.push_back(candidate_json(result.fitting[i]));
    out << json{{"job", job.id},
                {"layouts_tried", result.layouts_tried},
                {"layouts_fitting", result.fitting.size()},
                {"best", top}}
               .dump(2)
        << "\n";
    return 0;
  }
  out << "job " << job.id << ": " << result.fitting.size() << " of " << result.layouts_tried
      << " valid layouts fit in memory; the best " << shown << ":\n";
  for (std::size_t i = 0; i < shown; ++i) {
    const json c = candidate_json(result.fitting[i]);
    out << "  " << i + 1 << ". " << layout_text(c["layout"]) << "\n     step "
        << format("%.3f s", c["step_time_s"].get<double>()) << ", MFU "
        << format("%.1f %%", 100 * c["mfu"].get<double>()) << ", "
        << format("%.4g tokens/s", c["tokens_per_s"].get<double>()) << ", memory "
        << format("%.1f GB", c["memory_bytes_per_ppu"].get<double>() / 1e9) << " per PPU\n";
  }
  return 0;
}

}  // namespace

json explain_job(const JobSpec& job, const Scenario& scenario) {
  if (!job.model || !job.model->shape) {
    throw InputError((job.origin.empty() ? "job " + job.id : job.origin) +
                     ": /model: found no transformer shape, expected \"layers\", \"hidden\" and "
                     "\"sequence_length\" (explain models a transformer's step)");
  }
  if (const auto problem = find_layout_problem(job, scenario)) {
    throw InputError(job.origin + ": " + problem->pointer + ": " + problem->message);
  }
  const StepEstimate step = estimate_job_step(job, scenario);
  const MemoryPerPpu memory = memory_per_ppu(job, scenario);
  const ReplicaLayout layout = job_replica_layout(job, job.parallelism, scenario);
  return {{"job", job.id},
          {"scenario", scenario.name},
          {"ppu", scenario.ppu.name},
          {"family", scenario.ppu.family.empty() ? "generic" : scenario.ppu.family},
          {"ppus", job.ppus},
          {"layout", layout_json(job.parallelism, layout)},
          {"step_time_s", step.speed.step_time_s},
          {"mfu", step.speed.mfu},
          {"model_flops_per_step", step.model_flops_per_step},
          {"executed_flops_per_step", step.executed_flops_per_step},
          {"breakdown_s", breakdown_json(step.speed.breakdown_s)},
          {"memory_bytes_per_ppu", memory.total()},
          {"memory_breakdown_bytes", memory_json(memory)},
          {"hbm_bytes", scenario.ppu.hbm_bytes},
          {"fits_in_memory", memory.total() <= scenario.ppu.hbm_bytes},
          {"mfu_override", job.mfu ? json(*job.mfu) : json(nullptr)}};
}

int explain_command(const ExplainOptions& options, std::ostream& out, std::ostream& err) {
  const Scenario scenario = load_scenario(options.scenario_path);
  const JobSpec job = read_job_file(options.job_path);
  const json explanation = explain_job(job, scenario);  // checks the shape and layout
  if (options.search) return search_command(job, scenario, options, out, err);
  if (options.json) {
    out << explanation.dump(2) << "\n";
  } else {
    print_explanation(explanation, out);
  }
  return 0;
}

void add_explain_command(CLI::App& app, CommandRegistry& commands) {
  auto options = std::make_shared<ExplainOptions>();
  CLI::App* command = app.add_subcommand(
      "explain",
      "One training job on a scenario's hardware: step time, MFU, step breakdown, memory per PPU; "
      "--search ranks the layouts that fit (docs/models.md, section k)");
  command->add_option("scenario", options->scenario_path, "Scenario JSON file")->required();
  command->add_option("--job", options->job_path, "One trace row as a JSON object")->required();
  command->add_flag("--json", options->json, "Print one JSON object");
  command->add_flag(
      "--search", options->search,
      "Rank every valid layout (t, p, v, micro-batch, ZeRO, recomputation) that fits in memory; "
      "exit 1 when none fits");
  command->add_option("--top", options->top, "Layouts --search shows (default 5)")
      ->check(CLI::Range(1, 1000));
  commands.add(command, [options] { return explain_command(*options, std::cout, std::cerr); });
}

}  // namespace ppusim
