#include "workloads/layout_check.hpp"

#include <cstdint>

#include "sim/core/input_error.hpp"
#include "workloads/step_time_model.hpp"

namespace ppusim {

namespace {

std::string str(std::int64_t n) { return std::to_string(n); }

std::string number(double x) {
  char text[32];
  std::snprintf(text, sizeof text, "%.4g", x);
  return text;
}

}  // namespace

std::optional<LayoutProblem> find_layout_problem(const JobSpec& job, const Scenario& scenario) {
  const Parallelism& l = job.parallelism;
  const std::int64_t t = l.tensor, p = l.pipeline, c = l.context, v = l.virtual_stages;
  if (job.ppus % (t * p * c) != 0) {
    return LayoutProblem{"/parallelism", "found tensor " + str(t) + " × pipeline " + str(p) + " × context " +
                                             str(c) + " = " + str(t * p * c) +
                                             ", expected a divisor of ppus (" + str(job.ppus) +
                                             "): t·p·c·d = ppus"};
  }
  const int domain = scenario.node.scale_up_domain();
  if (t > domain) {
    return LayoutProblem{
        "/parallelism/tensor",
        "found " + str(t) + ", expected at most the scale-up domain (" + str(domain) +
            " PPUs, node.scale_up_domain_ppus): tensor parallelism runs on the scale-up fabric"};
  }
  if (!job.model || !job.model->shape) return std::nullopt;
  const TransformerShape& shape = *job.model->shape;
  if (shape.heads_or_default() % t != 0) {
    return LayoutProblem{"/model/heads", "found " + str(shape.heads_or_default()) +
                                             " heads, expected a multiple of the tensor-parallel degree " +
                                             str(t)};
  }
  if (shape.kv_heads_or_default() % t != 0) {
    return LayoutProblem{"/model/kv_heads",
                         "found " + str(shape.kv_heads_or_default()) +
                             " key/value heads, expected a multiple of the tensor-parallel degree " + str(t)};
  }
  if (shape.layers % (p * v) != 0) {
    return LayoutProblem{v > 1 ? "/parallelism/virtual_stages" : "/parallelism/pipeline",
                         "found pipeline " + str(p) + " × virtual stages " + str(v) + " = " + str(p * v) +
                             ", expected a divisor of the model's layers (" + str(shape.layers) + ")"};
  }
  const double sequences = batch_tokens(job, scenario) / shape.sequence_length;
  const double replicas = static_cast<double>(job.ppus) / (t * p * c);
  const double per_replica = sequences / replicas;
  if (per_replica < 1) {
    return LayoutProblem{"/model/global_batch_tokens",
                         "found " + number(sequences) + " sequences per step for " + number(replicas) +
                             " data-parallel replicas, expected at least one sequence per replica"};
  }
  if (l.micro_batches > 0 && per_replica / l.micro_batches < 1) {
    return LayoutProblem{"/parallelism/micro_batches",
                         "found " + str(l.micro_batches) + " micro-batches of " +
                             number(per_replica / l.micro_batches) + " sequences (" + number(per_replica) +
                             " per replica), expected micro-batches of at least one sequence"};
  }
  return std::nullopt;
}

void check_job_layouts(const JobTrace& trace, const Scenario& scenario) {
  for (const JobSpec& job : trace.jobs) {
    if (const auto problem = find_layout_problem(job, scenario)) {
      const std::string where =
          job.origin.empty() || job.origin == "generator" ? "job " + job.id : job.origin;
      throw InputError(where + ": " + problem->pointer + ": " + problem->message);
    }
  }
}

}  // namespace ppusim
