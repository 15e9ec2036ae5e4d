#include "workloads/synthetic_generator.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/input_error.hpp"
#include "sim/core/random.hpp"
#include "workloads/arrival_process.hpp"
#include "workloads/generated_model_shape.hpp"
#include "workloads/sample_distribution.hpp"

// Determinism note: every expression below that involves a random draw is a chain of
// multiplications, divisions, comparisons or a lone sum, never a*b+c, so that a compiler
// fusing multiply-adds cannot change a result (sim/core/random.hpp).

namespace ppusim {
namespace {

constexpr double kLn2 = 0.69314718055994530942;
constexpr double kBytesPerParameter = 16;  // BF16 weights and gradients, FP32 Adam moments and master copy
constexpr double kHbmShareForState = 0.6;  // the rest is left to activations and buffers

void require(bool ok, const std::string& what) {
  if (!ok) throw InputError("generator: " + what);
}

void require_size_range(int min_ppus, int max_ppus, double size_alpha) {
  require(min_ppus >= 1, "min_ppus is " + std::to_string(min_ppus) + ", expected at least 1");
  require(max_ppus >= min_ppus,
          "max_ppus " + std::to_string(max_ppus) + " is smaller than min_ppus " + std::to_string(min_ppus));
  require(std::bit_ceil(static_cast<unsigned>(min_ppus)) <= static_cast<unsigned>(max_ppus),
          "no power of two lies between min_ppus " + std::to_string(min_ppus) + " and max_ppus " +
              std::to_string(max_ppus));
  require(std::isfinite(size_alpha), "size_alpha must be a finite number");
}

void validate(const GeneratorSpec& spec, const GeneratorContext& context) {
  require(spec.jobs >= 1, "jobs is " + std::to_string(spec.jobs) + ", expected at least 1");
  require(std::isfinite(spec.duration_s) && spec.duration_s > 0, "duration_s must be a positive number");
  require_size_range(spec.min_ppus, spec.max_ppus, spec.size_alpha);
  require(std::isfinite(spec.median_runtime_s) && spec.median_runtime_s > 0,
          "median_runtime_s must be a positive number");
  require(std::isfinite(spec.runtime_sigma) && spec.runtime_sigma >= 0,
          "runtime_sigma must be a number >= 0");
  require(std::isfinite(spec.max_runtime_s) && spec.max_runtime_s > 0,
          "max_runtime_s must be a positive number");
  require(context.ppus_per_node >= 1, "the node must hold at least one PPU");
  require(context.peak_flops_per_s_per_ppu > 0, "the PPU's peak FLOP/s must be positive");
  require(context.model_flops_utilization > 0 && context.model_flops_utilization <= 1,
          "model_flops_utilization must be in (0, 1]");
  require(context.hbm_bytes > 0, "the PPU's HBM size must be positive");
  require(context.default_global_batch_tokens > 0, "default_global_batch_tokens must be positive");
}

/// "g" and the 1-based index, zero-padded to `digits`, written without any formatting library
/// (a million ids take a few milliseconds, and every one fits the small-string buffer).
std::string make_id(std::int64_t index, int digits) {
  std::string id(static_cast<std::size_t>(digits) + 1, '0');
  id[0] = 'g';
  for (std::size_t pos = id.size() - 1; index > 0; --pos, index /= 10)
    id[pos] = static_cast<char>('0' + index % 10);
  return id;
}

int decimal_digits(std::int64_t n) {
  int digits = 1;
  for (; n >= 10; n /= 10) ++digits;
  return digits;
}

/// The pipeline depth for a model of `parameters` on `ppus` PPUs with tensor degree `tensor`:
/// the smallest power of two that brings a PPU's share of the training state under
/// kHbmShareForState of its memory, and never more than the PPUs allow.
int pipeline_depth(double parameters, int ppus, int tensor, double hbm_bytes) {
  const int most = ppus / tensor;
  int pipeline = 1;
  while (pipeline < most && kBytesPerParameter * parameters / (static_cast<double>(tensor) * pipeline) >
                                kHbmShareForState * hbm_bytes) {
    pipeline *= 2;
  }
  return pipeline;
}

/// Turns a job of `flops` chip-independent work into a model: a published shape with a layout
/// valid on the scenario's hardware when there is one (tokens = W / FLOPs per token, so the
/// step model's work is W), else the parameter-count heuristic below.
/// The shape and layout per (size, class model): a month of jobs has a million draws but few
/// distinct sizes.
using ModelCache = std::map<std::pair<int, std::string>, std::optional<GeneratedModel>>;

void describe_model_job(JobSpec& job, double flops, const GeneratorContext& context,
                        const std::string& shape_name, ModelCache& models) {
  ModelDescription model;
  model.global_batch_tokens = context.default_global_batch_tokens;
  if (context.scenario) {
    const auto [found, added] = models.try_emplace({job.ppus, shape_name});
    if (added)
      found->second =
          choose_generated_model(job.ppus, model.global_batch_tokens, *context.scenario, shape_name);
    if (const std::optional<GeneratedModel>& chosen = found->second) {
      model.shape = chosen->shape->shape;
      model.parameters = chosen->parameters;
      model.global_batch_tokens = chosen->global_batch_tokens;
      model.tokens = flops / chosen->flops_per_token;
      job.model = model;
      job.parallelism = chosen->parallelism;
      return;
    }
  }
  // Model size by a heuristic, not a fit: 1e9·sqrt(PPUs) parameters (8 B on 64 PPUs, 128 B
  // on 16384), within a small factor of what is trained at each scale. It sets a plausible
  // gradient volume (∝ N) and step count (D / batch) for the job's size.
  model.parameters = 1e9 * std::sqrt(static_cast<double>(job.ppus));
  model.tokens = flops / (6 * model.parameters);
  job.model = model;
  // Tensor parallelism fills a node (the scale-up fabric); the sizes are powers of two, so
  // the degree is the largest power of two the node holds.
  const int tensor = static_cast<int>(std::bit_floor(static_cast<unsigned>(context.ppus_per_node)));
  job.parallelism.tensor = tensor;
  job.parallelism.pipeline = pipeline_depth(model.parameters, job.ppus, tensor, context.hbm_bytes);
}

/// How one class of jobs (or the only one) draws its size and run time.
class JobClassSampler {
 public:
  JobClassSampler(const GeneratorSpec& spec, const JobClassSpec* job_class)
      : min_ppus_(job_class && job_class->min_ppus ? *job_class->min_ppus : spec.min_ppus),
        max_ppus_(job_class && job_class->max_ppus ? *job_class->max_ppus : spec.max_ppus),
        model_(job_class && job_class->model ? *job_class->model : std::string()),
        data_bytes_per_s_per_ppu_(job_class ? job_class->data_bytes_per_s_per_ppu.value_or(0) : 0),
        dataset_(job_class ? job_class->dataset : std::string()),
        request_(request_of(job_class)) {
    const std::optional<SampleDistribution>& size =
        job_class && job_class->size ? job_class->size : spec.size;
    const std::optional<SampleDistribution>& runtime =
        job_class && job_class->runtime ? job_class->runtime : spec.runtime;
    if (size) size_.emplace(*size, empirical_sample(*size, true));
    if (runtime) runtime_.emplace(*runtime, empirical_sample(*runtime, false));
    if (size_) return;
    const double alpha = job_class && job_class->size_alpha ? *job_class->size_alpha : spec.size_alpha;
    require_size_range(min_ppus_, max_ppus_, alpha);
    // Size classes k (size 2^k) with weights 2^(-alpha·k), scaled by a constant so that the
    // largest weight is 1 and no weight overflows or underflows to nothing.
    k_min_ = std::bit_width(std::bit_ceil(static_cast<unsigned>(min_ppus_))) - 1;
    const int k_max = std::bit_width(static_cast<unsigned>(max_ppus_)) - 1;
    const int k_heaviest = alpha >= 0 ? k_min_ : k_max;
    double total = 0;
    for (int k = k_min_; k <= k_max; ++k) {
      total += portable_exp(-(alpha * (k - k_heaviest)) * kLn2);
      cumulative_.push_back(total);
    }
  }

  /// A power of two from the truncated power law, or a draw of the size distribution rounded
  /// to a whole number of PPUs in [min_ppus, max_ppus].
  int draw_size(Rng& rng) const {
    if (!size_) return 1 << (k_min_ + static_cast<int>(rng.categorical(cumulative_)));
    const double ppus = std::round(size_->draw(rng));
    return static_cast<int>(std::clamp(ppus, static_cast<double>(min_ppus_), static_cast<double>(max_ppus_)));
  }

  /// The run time at full speed before clamping.
  double draw_runtime(const GeneratorSpec& spec, Rng& rng) const {
    return runtime_ ? runtime_->draw(rng) : rng.lognormal(spec.median_runtime_s, spec.runtime_sigma);
  }

  /// The class's named model shape; empty: the nearest-1e9·√P rule.
  const std::string& model() const { return model_; }
  /// What the class's jobs ask for besides PPUs; null: nothing (shared by all its jobs).
  const std::shared_ptr<const ResourceRequest>& request() const { return request_; }

  /// The class's input rate in bytes per second per PPU at full speed (0: none), and the
  /// dataset its jobs read (empty: the shared store, nothing cached).
  double data_bytes_per_s_per_ppu() const { return data_bytes_per_s_per_ppu_; }
  const std::string& dataset() const { return dataset_; }

 private:
  static std::shared_ptr<const ResourceRequest> request_of(const JobClassSpec* job_class) {
    if (!job_class ||
        (job_class->ppu_types.empty() && job_class->cpu_cores <= 0 && job_class->memory_bytes <= 0))
      return nullptr;
    return std::make_shared<const ResourceRequest>(
        ResourceRequest{job_class->ppu_types, job_class->cpu_cores, job_class->memory_bytes});
  }

  static std::vector<double> empirical_sample(const SampleDistribution& spec, bool sizes) {
    return spec.kind == SampleDistribution::Kind::Empirical ? empirical_values(spec, sizes)
                                                            : std::vector<double>{};
  }

  int min_ppus_;
  int max_ppus_;
  std::string model_;
  double data_bytes_per_s_per_ppu_;
  std::string dataset_;
  std::shared_ptr<const ResourceRequest> request_;
  int k_min_ = 0;
  std::vector<double> cumulative_;
  std::optional<SampleSource> size_;
  std::optional<SampleSource> runtime_;
};

/// Stream numbers of the generator's independent random streams (random.hpp, stream_seed).
/// The sizes and run times, and the plain Poisson arrivals, use the seed's own stream.
constexpr std::uint64_t kArrivalStream = 1;
constexpr std::uint64_t kJobClassStream = 2;
/// Demand-driven class c draws everything (arrival, size, run time) from stream 16 + c, so that
/// adding a class or changing one's demand does not move the others' jobs.
constexpr std::uint64_t kDemandClassStreamBase = 16;
constexpr double kSecondsPerYear = 365.25 * 86400.0;

/// The streaming input of a job of class `sampler` and work `flops` (docs/workloads.md,
/// "Demand-driven classes"): the class reads r bytes a second per PPU for the job's run time at
/// full speed on the reference chip, T = W / (P · F_ref · u), so over the run
///   X_in = r · P · T = r · W / (F_ref · u),
/// given per training token (X_in / D) for a model job and per step (its one step) otherwise.
/// The bytes are the job's, whatever chip runs it: a slower chip reads them over a longer time.
void attach_class_input(JobSpec& job, double flops, double flops_per_ppu_second,
                        const JobClassSampler& sampler) {
  const double rate = sampler.data_bytes_per_s_per_ppu();
  if (rate <= 0) return;
  const double bytes = rate * (flops / flops_per_ppu_second);
  StreamingInput input{bytes, InputUnit::PerStep, sampler.dataset()};
  if (job.model && job.model->tokens > 0) {
    input.bytes = bytes / job.model->tokens;
    input.unit = InputUnit::PerToken;
  }
  job.input = std::make_shared<const StreamingInput>(std::move(input));
}

/// Turns job `job` of work `flops` into a model job when its size allows, else a FLOPs job,
/// and gives it its class's streaming input.
void describe_job_work(JobSpec& job, double flops, const GeneratorSpec& spec, const GeneratorContext& context,
                       const JobClassSampler& sampler, ModelCache& models) {
  // Only power-of-two sizes become models: the layouts' degrees are powers of two and must
  // divide the size.
  if (job.ppus >= spec.model_jobs_min_ppus && job.ppus > context.ppus_per_node &&
      std::has_single_bit(static_cast<unsigned>(job.ppus))) {
    describe_model_job(job, flops, context, sampler.model(), models);
  } else {
    job.total_flops = flops;
  }
  attach_class_input(job, flops, context.peak_flops_per_s_per_ppu * context.model_flops_utilization, sampler);
  job.origin = "generator";
}

/// Demand-driven classes (docs/workloads.md, "Demand-driven classes"): class c draws jobs, each
/// at a uniform instant of [0, H), until their work reaches its demand over the window,
///   W_c = demand_c [EFLOP-days / year] · 8.64e22 FLOP · H / (365.25 · 86,400 s);
/// the job that would pass W_c is cut to the rest, so the class's work is W_c exactly. `jobs`
/// is the most jobs all classes together may draw.
JobTrace generate_demand_jobs(const GeneratorSpec& spec, const GeneratorContext& context,
                              std::uint64_t seed) {
  const double shortest_runtime_s = std::min(kGeneratorMinRuntimeS, spec.max_runtime_s);
  const double flops_per_ppu_second = context.peak_flops_per_s_per_ppu * context.model_flops_utilization;
  const double last_instant = std::nextafter(spec.duration_s, 0.0);
  ModelCache models;
  JobTrace trace;
  for (std::size_t c = 0; c < spec.classes.size(); ++c) {
    const JobClassSpec& job_class = spec.classes[c];
    const JobClassSampler sampler(spec, &job_class);
    Rng rng(stream_seed(seed, kDemandClassStreamBase + c));
    const double target =
        *job_class.demand_eflop_days_per_year * kFlopsPerEflopDay / kSecondsPerYear * spec.duration_s;
    double drawn = 0;
    while (drawn < target) {
      require(static_cast<std::int64_t>(trace.jobs.size()) < spec.jobs,
              "the classes' demand needs more than jobs = " + std::to_string(spec.jobs) +
                  " jobs over the window (class \"" + job_class.name + "\" alone asks for " +
                  std::to_string(target / kFlopsPerEflopDay) + " EFLOP-days); raise jobs, the cap");
      JobSpec& job = trace.jobs.emplace_back();
      job.submit_s = std::min(rng.uniform01() * spec.duration_s, last_instant);
      job.ppus = sampler.draw_size(rng);
      const double runtime_s =
          std::clamp(sampler.draw_runtime(spec, rng), shortest_runtime_s, spec.max_runtime_s);
      double flops = runtime_s * job.ppus * flops_per_ppu_second;
      if (flops >= target - drawn) {
        flops = target - drawn;  // the last job takes the rest of the demand
        drawn = target;
      } else {
        drawn += flops;
      }
      describe_job_work(job, flops, spec, context, sampler, models);
      job.request = sampler.request();
    }
  }
  std::stable_sort(trace.jobs.begin(), trace.jobs.end(),
                   [](const JobSpec& a, const JobSpec& b) { return a.submit_s < b.submit_s; });
  const int id_digits = decimal_digits(static_cast<std::int64_t>(trace.jobs.size()));
  for (std::size_t i = 0; i < trace.jobs.size(); ++i)
    trace.jobs[i].id = make_id(static_cast<std::int64_t>(i) + 1, id_digits);
  return trace;
}

std::vector<double> uniform_arrivals(const GeneratorSpec& spec, std::size_t count, Rng& rng) {
  // `jobs` uniform draws on [0, duration), sorted: a Poisson process of rate jobs/duration
  // conditioned on its count, using no logarithm, so the times are exact functions of the
  // engine's output. The product is below duration in real numbers but may round up to it.
  const double last_instant = std::nextafter(spec.duration_s, 0.0);
  std::vector<double> arrivals(count);
  for (double& t : arrivals) t = std::min(rng.uniform01() * spec.duration_s, last_instant);
  std::sort(arrivals.begin(), arrivals.end());
  return arrivals;
}

}  // namespace

JobTrace generate_jobs(const GeneratorSpec& spec, const GeneratorContext& context, std::uint64_t seed) {
  validate(spec, context);
  if (!spec.classes.empty() && spec.classes.front().demand_eflop_days_per_year)
    return generate_demand_jobs(spec, context, seed);
  Rng rng(seed);
  const auto count = static_cast<std::size_t>(spec.jobs);

  std::vector<double> arrivals;
  if (spec.arrival) {
    Rng arrival_rng(stream_seed(seed, kArrivalStream));
    const IntensityProfile profile = intensity_profile(*spec.arrival, spec.duration_s, arrival_rng);
    arrivals = draw_arrivals(profile, spec.duration_s, count, arrival_rng);
  } else {
    arrivals = uniform_arrivals(spec, count, rng);
  }

  std::vector<JobClassSampler> classes;
  std::vector<double> class_cumulative;
  if (spec.classes.empty()) {
    classes.emplace_back(spec, nullptr);
  } else {
    double total = 0;
    for (const JobClassSpec& job_class : spec.classes) {
      classes.emplace_back(spec, &job_class);
      total += job_class.weight;
      class_cumulative.push_back(total);
    }
    require(total > 0, "the job classes' weights add up to 0");
  }
  Rng class_rng(stream_seed(seed, kJobClassStream));

  // Run times are clamped to [60 s, max_runtime_s]; a cap below 60 s (tiny test scenarios)
  // lowers the floor with it rather than being an error.
  const double shortest_runtime_s = std::min(kGeneratorMinRuntimeS, spec.max_runtime_s);
  const int id_digits = decimal_digits(spec.jobs);
  const double flops_per_ppu_second = context.peak_flops_per_s_per_ppu * context.model_flops_utilization;
  ModelCache models;
  JobTrace trace;
  trace.jobs.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const JobClassSampler& sampler =
        classes.size() == 1 ? classes[0] : classes[class_rng.categorical(class_cumulative)];
    JobSpec& job = trace.jobs.emplace_back();  // built in place: no move of its strings
    job.id = make_id(static_cast<std::int64_t>(i) + 1, id_digits);
    job.submit_s = arrivals[i];
    job.ppus = sampler.draw_size(rng);
    const double runtime_s =
        std::clamp(sampler.draw_runtime(spec, rng), shortest_runtime_s, spec.max_runtime_s);
    describe_job_work(job, runtime_s * job.ppus * flops_per_ppu_second, spec, context, sampler, models);
    job.request = sampler.request();
  }
  return trace;
}

}  // namespace ppusim
