// The synthetic job generator and the portable random samplers under it.
#include <algorithm>
#include <bit>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <vector>

#include "sim/core/input_error.hpp"
#include "sim/core/random.hpp"
#include "workloads/synthetic_generator.hpp"

namespace ppusim {
namespace {

using Catch::Matchers::Contains;

constexpr double kPeak = 989e12;
constexpr double kMfu = 0.4;

GeneratorContext test_context() {
  GeneratorContext context;
  context.ppus_per_node = 8;
  context.peak_flops_per_s_per_ppu = kPeak;
  context.model_flops_utilization = kMfu;
  context.hbm_bytes = 80e9;
  context.default_global_batch_tokens = 4194304;
  return context;
}

GeneratorSpec test_spec(std::int64_t jobs) {
  GeneratorSpec spec;
  spec.jobs = jobs;
  spec.duration_s = 7 * 86400.0;
  spec.min_ppus = 1;
  spec.max_ppus = 1024;
  spec.size_alpha = 0.5;
  spec.median_runtime_s = 1800;
  spec.runtime_sigma = 1.5;
  spec.max_runtime_s = 7 * 86400.0;
  spec.model_jobs_min_ppus = 64;
  return spec;
}

/// The run time at full speed a generated job was given, recovered from its work.
double runtime_of(const JobSpec& job) {
  const double flops = job.model ? 6 * job.model->parameters * job.model->tokens : *job.total_flops;
  return flops / (job.ppus * kPeak * kMfu);
}

/// FNV-1a over the bits of every generated number, to pin a whole trace in one value.
std::uint64_t fingerprint(const JobTrace& trace) {
  std::uint64_t hash = 14695981039346656037ull;
  const auto mix = [&hash](std::uint64_t bits) {
    for (int byte = 0; byte < 8; ++byte, bits >>= 8) {
      hash ^= bits & 0xff;
      hash *= 1099511628211ull;
    }
  };
  for (const JobSpec& job : trace.jobs) {
    mix(std::bit_cast<std::uint64_t>(job.submit_s));
    mix(static_cast<std::uint64_t>(job.ppus));
    mix(std::bit_cast<std::uint64_t>(job.total_flops.value_or(0)));
    mix(std::bit_cast<std::uint64_t>(job.model ? job.model->parameters : 0));
    mix(std::bit_cast<std::uint64_t>(job.model ? job.model->tokens : 0));
    mix(static_cast<std::uint64_t>(job.parallelism.tensor));
    mix(static_cast<std::uint64_t>(job.parallelism.pipeline));
  }
  return hash;
}

bool same_job(const JobSpec& a, const JobSpec& b) {
  const bool same_model =
      a.model.has_value() == b.model.has_value() &&
      (!a.model || (a.model->parameters == b.model->parameters && a.model->tokens == b.model->tokens &&
                    a.model->global_batch_tokens == b.model->global_batch_tokens));
  return a.id == b.id && a.submit_s == b.submit_s && a.ppus == b.ppus && a.total_flops == b.total_flops &&
         same_model && a.measured_duration_s == b.measured_duration_s &&
         a.parallelism.tensor == b.parallelism.tensor && a.parallelism.pipeline == b.parallelism.pipeline &&
         a.precision == b.precision && a.dataset_bytes == b.dataset_bytes && a.origin == b.origin;
}

TEST_CASE("generator is deterministic in its seed", "[generator]") {
  const auto spec = test_spec(5000);
  const JobTrace a = generate_jobs(spec, test_context(), 12345);
  const JobTrace b = generate_jobs(spec, test_context(), 12345);
  const JobTrace c = generate_jobs(spec, test_context(), 12346);
  REQUIRE(a.jobs.size() == b.jobs.size());
  for (std::size_t i = 0; i < a.jobs.size(); ++i) REQUIRE(same_job(a.jobs[i], b.jobs[i]));

  std::size_t differing = 0;
  for (std::size_t i = 0; i < a.jobs.size(); ++i) differing += a.jobs[i].submit_s != c.jobs[i].submit_s;
  CHECK(differing > a.jobs.size() * 9 / 10);
}

TEST_CASE("generator output is pinned bit for bit", "[generator]") {
  // These values guard cross-platform determinism: every compiler and standard library must
  // produce exactly them. If this fails after a deliberate change to the generator, update
  // the values; if it fails on a new platform, something in the sampling is not portable.
  const JobTrace trace = generate_jobs(test_spec(1000), test_context(), 42);
  REQUIRE(trace.jobs.size() == 1000);
  const JobSpec& first = trace.jobs[0];
  CHECK(first.id == "g0001");
  CHECK(first.submit_s == 0x1.ab9539f0f114ap+8);
  CHECK(first.ppus == 1);
  CHECK(*first.total_flops == 0x1.41239ab7aa3aep+60);
  const JobSpec& middle = trace.jobs[500];
  CHECK(middle.submit_s == 0x1.223557322939fp+18);
  CHECK(middle.ppus == 4);
  CHECK(*middle.total_flops == 0x1.239de4f0f2da1p+58);
  const JobSpec& last = trace.jobs[999];
  CHECK(last.submit_s == 0x1.272544a9ba2acp+19);
  CHECK(last.ppus == 2);
  CHECK(*last.total_flops == 0x1.78b6edf19f041p+62);
  const JobSpec& model = trace.jobs[21];  // the first model job
  CHECK(model.submit_s == 0x1.550f1ed8d037ap+14);
  CHECK(model.ppus == 256);
  REQUIRE(model.model);
  CHECK(model.model->parameters == 16e9);
  CHECK(model.model->tokens == 0x1.c129a2c11ceebp+31);
  CHECK(model.parallelism.tensor == 8);
  CHECK(model.parallelism.pipeline == 1);
  // And every bit of every job, through a 64-bit FNV-1a hash of the numbers.
  CHECK(fingerprint(trace) == 0x19a92ebb16a653f0ull);
}

TEST_CASE("generator shapes: count, ids, arrivals, sizes", "[generator]") {
  auto spec = test_spec(1000);
  spec.min_ppus = 3;    // rounds up to 4
  spec.max_ppus = 100;  // rounds down to 64
  const JobTrace trace = generate_jobs(spec, test_context(), 1);
  REQUIRE(trace.jobs.size() == 1000);
  CHECK(trace.skipped_rows == 0);
  CHECK(trace.jobs.front().id == "g0001");
  CHECK(trace.jobs[41].id == "g0042");
  CHECK(trace.jobs.back().id == "g1000");

  std::vector<int> seen_sizes;
  for (std::size_t i = 0; i < trace.jobs.size(); ++i) {
    const JobSpec& job = trace.jobs[i];
    CHECK(job.origin == "generator");
    CHECK(job.submit_s >= 0);
    CHECK(job.submit_s < spec.duration_s);
    if (i > 0) CHECK(trace.jobs[i - 1].submit_s <= job.submit_s);
    CHECK(std::has_single_bit(static_cast<unsigned>(job.ppus)));
    CHECK(job.ppus >= 4);
    CHECK(job.ppus <= 64);
    CHECK(job.dataset_bytes == 0);
    CHECK(job.precision == Precision::Bf16);
    seen_sizes.push_back(job.ppus);
  }
  std::sort(seen_sizes.begin(), seen_sizes.end());
  seen_sizes.erase(std::unique(seen_sizes.begin(), seen_sizes.end()), seen_sizes.end());
  CHECK(seen_sizes == std::vector<int>{4, 8, 16, 32, 64});  // 1000 draws reach every class

  SECTION("id width follows the count") {
    CHECK(generate_jobs(test_spec(9), test_context(), 1).jobs.back().id == "g9");
    CHECK(generate_jobs(test_spec(10), test_context(), 1).jobs.front().id == "g01");
  }
}

TEST_CASE("generator size distribution matches the power law", "[generator]") {
  // Sizes 2^k, k = 0..10, P(k) ∝ 2^(-0.5·k) = r^k with r = 2^-0.5. The smallest class has
  // P(0) = 1 / Σ_{k=0..10} r^k = (1 − r) / (1 − r^11) = 0.292893 / 0.977903 = 0.299512.
  // Over n = 100000 jobs the share's standard deviation is sqrt(p(1 − p)/n) = 0.00145; allow 5.
  const auto spec = test_spec(100000);
  const JobTrace trace = generate_jobs(spec, test_context(), 2024);
  const auto ones =
      std::count_if(trace.jobs.begin(), trace.jobs.end(), [](const JobSpec& j) { return j.ppus == 1; });
  const double share = static_cast<double>(ones) / trace.jobs.size();
  CHECK(share == Approx(0.29951155).margin(5 * 0.00145));

  // And the largest: P(10) = r^10 · P(0) = 2^-5 · 0.299512 = 0.0093597, sd 0.000305.
  const auto largest =
      std::count_if(trace.jobs.begin(), trace.jobs.end(), [](const JobSpec& j) { return j.ppus == 1024; });
  CHECK(static_cast<double>(largest) / trace.jobs.size() == Approx(0.0093597).margin(5 * 0.000305));
}

TEST_CASE("generator run times: median, bounds, work", "[generator]") {
  const auto spec = test_spec(100000);
  const JobTrace trace = generate_jobs(spec, test_context(), 99);
  std::vector<double> runtimes;
  for (const JobSpec& job : trace.jobs) {
    const double runtime = runtime_of(job);
    CHECK(runtime >= kGeneratorMinRuntimeS * (1 - 1e-12));
    CHECK(runtime <= spec.max_runtime_s * (1 + 1e-12));
    runtimes.push_back(runtime);
  }
  // Raising short draws to 60 s and lowering long ones to the cap leaves the median alone.
  // The sample median of a log-normal has, in log space, standard deviation
  // sqrt(π/2)·sigma/sqrt(n) = 1.2533 · 1.5 / 316.2 = 0.0059, so 3 % is about five of them.
  std::nth_element(runtimes.begin(), runtimes.begin() + runtimes.size() / 2, runtimes.end());
  CHECK(runtimes[runtimes.size() / 2] == Approx(spec.median_runtime_s).epsilon(0.03));
  // P(draw < 60 s) = Φ(ln(60/1800)/1.5) = Φ(−2.267) = 0.0117: those jobs sit at 60 s.
  const auto at_floor = std::count_if(runtimes.begin(), runtimes.end(),
                                      [](double r) { return r < kGeneratorMinRuntimeS * (1 + 1e-9); });
  CHECK(static_cast<double>(at_floor) / runtimes.size() == Approx(0.0117).margin(0.002));
}

TEST_CASE("generator work equals run time x PPUs x peak x MFU", "[generator]") {
  auto spec = test_spec(2000);
  spec.runtime_sigma = 0;  // every job runs exactly the median
  spec.median_runtime_s = 5000;
  const JobTrace trace = generate_jobs(spec, test_context(), 5);
  std::size_t flops_jobs = 0, model_jobs = 0;
  for (const JobSpec& job : trace.jobs) {
    const double expected = 5000.0 * job.ppus * kPeak * kMfu;
    CHECK_FALSE(job.measured_duration_s);
    if (job.model) {
      ++model_jobs;
      CHECK_FALSE(job.total_flops);
      CHECK(6 * job.model->parameters * job.model->tokens == Approx(expected).epsilon(1e-12));
    } else {
      ++flops_jobs;
      REQUIRE(job.total_flops);
      CHECK(*job.total_flops == Approx(expected).epsilon(1e-12));
    }
  }
  CHECK(flops_jobs > 0);
  CHECK(model_jobs > 0);
}

TEST_CASE("generator describes large jobs as transformer models", "[generator]") {
  auto spec = test_spec(20000);
  spec.max_ppus = 16384;
  spec.size_alpha = 0.2;         // plenty of large jobs
  spec.model_jobs_min_ppus = 4;  // below a node: the node rule decides
  const GeneratorContext context = test_context();
  const JobTrace trace = generate_jobs(spec, context, 8);
  bool saw_deep_pipeline = false;
  for (const JobSpec& job : trace.jobs) {
    INFO(job.id << ": " << job.ppus << " PPUs");
    REQUIRE(job.model.has_value() == (job.ppus > 8));
    if (!job.model) {
      CHECK(job.parallelism.tensor == 1);
      CHECK(job.parallelism.pipeline == 1);
      continue;
    }
    const double n = job.model->parameters;
    CHECK(n == Approx(1e9 * std::sqrt(job.ppus)).epsilon(1e-15));
    CHECK(job.model->global_batch_tokens == context.default_global_batch_tokens);
    const int t = job.parallelism.tensor;
    const int p = job.parallelism.pipeline;
    CHECK(t == 8);
    CHECK(std::has_single_bit(static_cast<unsigned>(p)));
    CHECK(job.ppus % (t * p) == 0);
    // The smallest depth that puts 16 bytes per parameter under 60 % of HBM, within the cap.
    const auto state_per_ppu = [n, t](int depth) { return 16 * n / (t * depth); };
    if (p < job.ppus / t) CHECK(state_per_ppu(p) <= 0.6 * context.hbm_bytes);
    if (p > 1) CHECK(state_per_ppu(p / 2) > 0.6 * context.hbm_bytes);
    saw_deep_pipeline |= p > 1;
  }
  // 16384 PPUs: N = 1.28e11, 16·N/8 = 2.56e11 bytes per PPU, so p = 8 brings it to 3.2e10 <= 4.8e10.
  CHECK(saw_deep_pipeline);
}

TEST_CASE("generator cap below the 60 s floor lowers the floor", "[generator]") {
  auto spec = test_spec(200);
  spec.max_runtime_s = 30;
  for (const JobSpec& job : generate_jobs(spec, test_context(), 4).jobs) {
    CHECK(runtime_of(job) == Approx(30).epsilon(1e-12));
  }
}

TEST_CASE("generator small nodes and odd node sizes", "[generator]") {
  auto spec = test_spec(3000);
  spec.model_jobs_min_ppus = 1;
  GeneratorContext context = test_context();
  context.ppus_per_node = 6;  // tensor parallelism must still divide a power-of-two job
  const JobTrace trace = generate_jobs(spec, context, 3);
  for (const JobSpec& job : trace.jobs) {
    REQUIRE(job.model.has_value() == (job.ppus > 6));
    if (job.model) {
      CHECK(job.parallelism.tensor == 4);
      CHECK(job.ppus % (job.parallelism.tensor * job.parallelism.pipeline) == 0);
    }
  }
}

TEST_CASE("generator rejects unusable specs", "[generator]") {
  auto spec = test_spec(10);
  spec.min_ppus = 3;
  spec.max_ppus = 3;
  REQUIRE_THROWS_AS(generate_jobs(spec, test_context(), 1), InputError);
  REQUIRE_THROWS_WITH(generate_jobs(spec, test_context(), 1),
                      Contains("no power of two lies between min_ppus 3 and max_ppus 3"));
  spec = test_spec(0);
  REQUIRE_THROWS_WITH(generate_jobs(spec, test_context(), 1), Contains("jobs is 0"));
  spec = test_spec(10);
  spec.duration_s = 0;
  REQUIRE_THROWS_WITH(generate_jobs(spec, test_context(), 1), Contains("duration_s"));
  GeneratorContext context = test_context();
  context.hbm_bytes = 0;
  REQUIRE_THROWS_WITH(generate_jobs(test_spec(10), context, 1), Contains("HBM"));
}

TEST_CASE("portable log and exp agree with the C library", "[random]") {
  // Not bit-identical to any libm (that is the point), but within a few ulp of it.
  Rng rng(77);
  for (int i = 0; i < 100000; ++i) {
    const double x = portable_exp(80 * rng.uniform01() - 40);  // 4e-18 .. 2e17
    CHECK(portable_log(x) == Approx(std::log(x)).epsilon(4e-16).margin(4e-16));
    const double y = 1400 * rng.uniform01() - 700;
    CHECK(portable_exp(y) == Approx(std::exp(y)).epsilon(4e-16));
  }
  CHECK(portable_log(1) == 0);
  CHECK(portable_exp(0) == 1);
  CHECK(portable_log(std::numeric_limits<double>::denorm_min()) == Approx(std::log(4.9406564584124654e-324)));
  CHECK(std::isnan(portable_log(-1)));
  CHECK(portable_log(0) == -std::numeric_limits<double>::infinity());
  CHECK(portable_exp(1000) == std::numeric_limits<double>::infinity());
  CHECK(portable_exp(-1000) == 0);
}

TEST_CASE("Rng samplers have the right moments", "[random]") {
  Rng rng(2);
  constexpr int kN = 200000;
  double sum_u = 0, sum_e = 0, sum_z = 0, sum_z2 = 0;
  for (int i = 0; i < kN; ++i) {
    const double u = rng.uniform01();
    REQUIRE(u >= 0);
    REQUIRE(u < 1);
    sum_u += u;
    sum_e += rng.exponential();
    const double z = rng.normal();
    sum_z += z;
    sum_z2 += z * z;
  }
  // Standard errors: uniform 0.289/sqrt(n) = 0.00065, exponential and normal 1/sqrt(n) = 0.0022,
  // z² has variance 2: 0.0032. Five of each.
  CHECK(sum_u / kN == Approx(0.5).margin(0.0033));
  CHECK(sum_e / kN == Approx(1).margin(0.011));
  CHECK(sum_z / kN == Approx(0).margin(0.011));
  CHECK(sum_z2 / kN == Approx(1).margin(0.016));

  // Categorical: weights 1, 0, 3 → 1/4, 0, 3/4.
  const std::vector<double> cumulative = {1, 1, 4};
  int counts[3] = {0, 0, 0};
  for (int i = 0; i < kN; ++i) ++counts[rng.categorical(cumulative)];
  CHECK(counts[1] == 0);
  CHECK(static_cast<double>(counts[0]) / kN == Approx(0.25).margin(0.005));
}

}  // namespace
}  // namespace ppusim
