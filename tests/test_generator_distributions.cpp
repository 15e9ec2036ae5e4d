// The generator's arrival processes, size and run-time distributions and job mix
// (docs/workloads.md). Each expected value is a closed form worked out in the comment; the
// bands are about four standard errors at the sample size used, at a fixed seed.
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>

#include "sim/config/scenario_loader.hpp"
#include "sim/core/input_error.hpp"
#include "tests/minimal_scenario_json.hpp"
#include "tests/scenario_fixtures.hpp"
#include "workloads/arrival_process.hpp"
#include "workloads/sample_distribution.hpp"
#include "workloads/synthetic_generator.hpp"

namespace ppusim {
namespace {

GeneratorContext context() { return test::unit_generator_context(); }

GeneratorSpec spec(std::int64_t jobs, double duration_s) {
  GeneratorSpec s;
  s.jobs = jobs;
  s.duration_s = duration_s;
  s.max_ppus = 64;
  return s;
}

/// The sample's median (the middle of the sorted values).
double median_of(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

std::vector<double> draws(const SampleDistribution& d, int n, std::vector<double> values = {}) {
  const SampleSource source(d, std::move(values));
  Rng rng(7);
  std::vector<double> out(static_cast<std::size_t>(n));
  for (double& x : out) x = source.draw(rng);
  return out;
}

double mean_of(const std::vector<double>& values) {
  double sum = 0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

}  // namespace

TEST_CASE("portable_cos matches cos to 1e-15", "[generator]") {
  for (double x : {0.0, 0.5, 1.0, 3.14159, -2.0, 10.0, 100.0, 1000.0})
    CHECK(portable_cos(x) == Approx(std::cos(x)).margin(1e-13));
}

TEST_CASE("heavy-tailed distributions have their closed-form medians and means", "[generator]") {
  using Kind = SampleDistribution::Kind;
  // Pareto x_m = 100, alpha = 3: median 100·2^(1/3) = 125.99, mean 100·3/2 = 150.
  const auto pareto = draws({Kind::Pareto, 100, 3, 0, "", ""}, 100000);
  CHECK(median_of(pareto) == Approx(125.99).epsilon(0.01));
  CHECK(mean_of(pareto) == Approx(150).epsilon(0.02));
  CHECK(*std::min_element(pareto.begin(), pareto.end()) >= 100);
  // Bounded Pareto on [1, 100], alpha 1: F(x) = (1 − 1/x)/(1 − 1/100) = 1/2 at x = 1/0.505 = 1.980.
  const auto bounded = draws({Kind::BoundedPareto, 1, 1, 100, "", ""}, 100000);
  CHECK(median_of(bounded) == Approx(1.980).epsilon(0.01));
  CHECK(*std::max_element(bounded.begin(), bounded.end()) <= 100);
  // Weibull scale 1000, shape 1 is exponential: mean 1000, median 1000·ln 2 = 693.1.
  const auto weibull = draws({Kind::Weibull, 1000, 1, 0, "", ""}, 100000);
  CHECK(mean_of(weibull) == Approx(1000).epsilon(0.02));
  CHECK(median_of(weibull) == Approx(693.1).epsilon(0.02));
  // Weibull shape 2: mean = scale·Γ(1.5) = 1000·0.886227.
  CHECK(mean_of(draws({Kind::Weibull, 1000, 2, 0, "", ""}, 100000)) == Approx(886.2).epsilon(0.01));
  // Log-normal median 50.
  CHECK(median_of(draws({Kind::LogNormal, 50, 1, 0, "", ""}, 100000)) == Approx(50).epsilon(0.02));
}

TEST_CASE("an empirical distribution resamples the trace and reproduces its quantiles", "[generator]") {
  SampleDistribution d{
      SampleDistribution::Kind::Empirical,
      0,
      0,
      0,
      (std::filesystem::path(PPUSIM_SOURCE_DIR) / "tests/data/traces/philly_runtime.csv").string(),
      "philly-runtimes"};
  const std::vector<double> trace = empirical_values(d, false);
  REQUIRE(trace.size() == 18);  // 20 rows, 2 of them zero run times
  const auto sample = draws(d, 90000, trace);
  const std::set<double> known(trace.begin(), trace.end());
  for (double x : sample) REQUIRE(known.count(x) == 1);
  // Each of the 18 values is drawn with probability 1/18: its share is 5000 ± 4·68 of 90000.
  std::vector<double> sorted = trace;
  std::sort(sorted.begin(), sorted.end());
  const double p50 = sorted[8];  // the 9th smallest of 18
  const auto at_most = std::count_if(sample.begin(), sample.end(), [&](double x) { return x <= p50; });
  const auto expected =
      static_cast<double>(std::count_if(sorted.begin(), sorted.end(), [&](double x) { return x <= p50; })) /
      18;
  CHECK(static_cast<double>(at_most) / 90000 == Approx(expected).margin(0.01));
}

TEST_CASE("diurnal arrivals follow the hourly profile and the cosine", "[generator]") {
  // Hour 0 of each day three times as busy as each other hour: share 3/26 = 0.1154.
  GeneratorSpec s = spec(26000, 4 * 86400.0);
  ArrivalSpec arrival;
  arrival.process = ArrivalSpec::Process::Diurnal;
  std::array<double, 24> profile;
  profile.fill(1);
  profile[0] = 3;
  arrival.hourly_profile = profile;
  s.arrival = arrival;
  JobTrace trace = generate_jobs(s, context(), 1);
  REQUIRE(trace.jobs.size() == 26000);
  auto hour_zero = std::count_if(trace.jobs.begin(), trace.jobs.end(),
                                 [](const JobSpec& j) { return std::fmod(j.submit_s, 86400.0) < 3600; });
  CHECK(static_cast<double>(hour_zero) / 26000 == Approx(3.0 / 26).margin(0.008));
  CHECK(trace.jobs.back().submit_s < s.duration_s);

  // Cosine of amplitude 1 peaking at noon: the share in [06:00, 18:00) is
  // ∫(1 + cos)/∫1 over that half day = 1/2 + 1/π = 0.8183.
  arrival.hourly_profile.reset();
  arrival.amplitude = 1;
  arrival.peak_hour = 12;
  s.arrival = arrival;
  s.jobs = 20000;
  trace = generate_jobs(s, context(), 1);
  const auto daytime = std::count_if(trace.jobs.begin(), trace.jobs.end(), [](const JobSpec& j) {
    const double t = std::fmod(j.submit_s, 86400.0);
    return t >= 6 * 3600 && t < 18 * 3600;
  });
  CHECK(static_cast<double>(daytime) / 20000 == Approx(0.5 + 1 / 3.14159265358979).margin(0.012));
}

TEST_CASE("bursty arrivals: burst periods take multiplier-times the rate", "[generator]") {
  ArrivalSpec arrival;
  arrival.process = ArrivalSpec::Process::Bursty;
  arrival.burst_multiplier = 9;
  arrival.mean_burst_s = 600;
  arrival.mean_calm_s = 600;
  Rng rng(3);
  const double window = 1e6;
  const IntensityProfile profile = intensity_profile(arrival, window, rng);
  double burst_time = 0;
  for (std::size_t i = 0; i < profile.start_s.size(); ++i) {
    const double end = i + 1 < profile.start_s.size() ? profile.start_s[i + 1] : window;
    if (profile.rate[i] == 9) burst_time += end - profile.start_s[i];
  }
  // Equal mean lengths: half the time in bursts (about 830 periods each, so within 0.05).
  CHECK(burst_time / window == Approx(0.5).margin(0.05));
  const std::vector<double> arrivals = draw_arrivals(profile, window, 50000, rng);
  REQUIRE(arrivals.size() == 50000);
  // Share of arrivals in bursts = 9·b / (9·b + (1 − b)) with b the burst share of the time.
  std::size_t in_burst = 0, segment = 0;
  for (double t : arrivals) {
    while (segment + 1 < profile.start_s.size() && profile.start_s[segment + 1] <= t) ++segment;
    in_burst += profile.rate[segment] == 9 ? 1 : 0;
  }
  const double b = burst_time / window;
  CHECK(static_cast<double>(in_burst) / 50000 == Approx(9 * b / (9 * b + 1 - b)).margin(0.01));
}

TEST_CASE("a job mix draws each class by weight with its own sizes and run times", "[generator]") {
  GeneratorSpec s = spec(20000, 86400);
  JobClassSpec small{"evaluation",
                     3,
                     1,
                     1,
                     std::nullopt,
                     std::nullopt,
                     std::nullopt,
                     std::nullopt,
                     std::nullopt,
                     std::nullopt,
                     "",
                     {},
                     0,
                     0};
  JobClassSpec large{"pretraining",
                     1,
                     64,
                     64,
                     std::nullopt,
                     std::nullopt,
                     SampleDistribution{SampleDistribution::Kind::Weibull, 36000, 1, 0, "", ""},
                     std::nullopt,
                     std::nullopt,
                     std::nullopt,
                     "",
                     {},
                     0,
                     0};
  s.classes = {small, large};
  s.max_runtime_s = 1e9;
  const JobTrace trace = generate_jobs(s, context(), 5);
  std::vector<double> large_runtimes;
  std::int64_t large_jobs = 0;
  for (const JobSpec& job : trace.jobs) {
    REQUIRE((job.ppus == 1 || job.ppus == 64));
    if (job.ppus != 64) continue;
    ++large_jobs;
    // Work = T·P·F·u, so T = 6·N·D/(P·F·u) for a model job.
    large_runtimes.push_back(6 * job.model->parameters * job.model->tokens / (64 * 1e15 * 0.5));
  }
  // Weight 1 of 4: 5000 ± 4·61 jobs.
  CHECK(static_cast<double>(large_jobs) / 20000 == Approx(0.25).margin(0.013));
  CHECK(mean_of(large_runtimes) == Approx(36000).epsilon(0.06));
  // Same seed, same jobs.
  const JobTrace again = generate_jobs(s, context(), 5);
  CHECK(again.jobs[12345].submit_s == trace.jobs[12345].submit_s);
  CHECK(again.jobs[12345].ppus == trace.jobs[12345].ppus);
}

}  // namespace ppusim

namespace ppusim {

TEST_CASE("the loader reads arrival, distributions and classes, and names the JSON path of mistakes",
          "[generator]") {
  const auto dir = std::filesystem::temp_directory_path();
  const auto write = [&](const std::string& name, const std::string& generator) {
    std::string text;
    {
      std::ifstream in(std::filesystem::path(PPUSIM_SOURCE_DIR) / "configs/small-test.json");
      text.assign(std::istreambuf_iterator<char>(in), {});
    }
    nlohmann::json scenario = nlohmann::json::parse(text);
    scenario["workload"] = {{"generator", nlohmann::json::parse(generator)}};
    const auto path = dir / ("ppusim-gen-" + std::to_string(::getpid()) + name);
    std::ofstream(path) << scenario.dump();
    return path;
  };
  const auto good =
      write("good.json",
            R"({"jobs": 10, "duration_s": 3600, "arrival": {"process": "bursty", "burst_multiplier": 4},
                              "runtime": {"distribution": "pareto", "min": 60, "alpha": 1.5},
                              "classes": [{"name": "eval", "weight": 2, "max_ppus": 8}]})");
  const Scenario scenario = load_scenario(good.string());
  const GeneratorSpec& g = *scenario.workload.generator;
  CHECK(g.arrival->process == ArrivalSpec::Process::Bursty);
  CHECK(g.arrival->burst_multiplier == 4);
  CHECK(g.runtime->kind == SampleDistribution::Kind::Pareto);
  CHECK(g.classes.at(0).max_ppus == 8);
  std::filesystem::remove(good);

  const auto bad = write(
      "bad.json", R"({"jobs": 10, "duration_s": 3600, "arrival": {"process": "poisson", "amplitude": 1}})");
  CHECK_THROWS_WITH(
      load_scenario(bad.string()),
      Catch::Matchers::Contains("/workload/generator/arrival/amplitude: found with this process, "
                                "expected only with \"diurnal\""));
  std::filesystem::remove(bad);
  const auto bounded = write("bounded.json", R"({"jobs": 10, "duration_s": 3600,
      "runtime": {"distribution": "bounded-pareto", "min": 10, "max": 5, "alpha": 1}})");
  CHECK_THROWS_WITH(load_scenario(bounded.string()),
                    Catch::Matchers::Contains("/workload/generator/runtime/max: found 5"));
  std::filesystem::remove(bounded);
}

TEST_CASE("demand-driven classes draw jobs until their work meets the demand", "[growth][generator]") {
  // One class of 8-PPU jobs of exactly one hour (lognormal with sigma 0) at 1e15 × 0.5:
  // 3,600 × 8 × 5e14 = 1.44e19 FLOP each. A window of one year and a demand of 0.00175
  // EFLOP-days a year ask for 0.00175 × 8.64e22 = 1.512e20 FLOP = 10.5 jobs: ten whole jobs and
  // a last one cut to half.
  GeneratorSpec spec;
  spec.jobs = 100;  // the cap
  spec.duration_s = 365.25 * 86400.0;
  spec.max_runtime_s = 86400;
  JobClassSpec job_class;
  job_class.name = "c";
  job_class.min_ppus = 8;
  job_class.max_ppus = 8;
  job_class.runtime = SampleDistribution{SampleDistribution::Kind::LogNormal, 3600, 0, 0, "", ""};
  job_class.demand_eflop_days_per_year = 0.00175;
  spec.classes = {job_class};
  const GeneratorContext c = context();
  const JobTrace trace = generate_jobs(spec, c, 1);
  REQUIRE(trace.jobs.size() == 11);
  double total = 0;
  int halves = 0;
  for (const JobSpec& job : trace.jobs) {
    total += *job.total_flops;
    if (std::abs(*job.total_flops - 0.72e19) < 1e6) ++halves;
  }
  CHECK(total == Approx(1.512e20));
  CHECK(halves == 1);
  // The cap is an error, not a silent cut.
  spec.jobs = 10;
  CHECK_THROWS_WITH(generate_jobs(spec, c, 1), Catch::Matchers::Contains("raise jobs"));
}

TEST_CASE("demand-driven classes: on every class or none, and a known model", "[growth][generator]") {
  nlohmann::json doc = test::minimal_scenario();
  doc["workload"]["generator"]["classes"] = nlohmann::json::parse(R"([
      {"name": "a", "demand_eflop_days_per_year": 1, "model": "llama3-8b", "data_bytes_per_s_per_ppu": 6e7},
      {"name": "b", "demand_eflop_days_per_year": 2}])");
  const Scenario s = parse_scenario(doc, "s.json");
  const JobClassSpec& a = s.workload.generator->classes[0];
  CHECK(*a.demand_eflop_days_per_year == 1);
  CHECK(*a.model == "llama3-8b");
  CHECK(*a.data_bytes_per_s_per_ppu == 6e7);
  auto mixed = doc;
  mixed["workload"]["generator"]["classes"][1].erase("demand_eflop_days_per_year");
  mixed["workload"]["generator"]["classes"][1]["weight"] = 1;
  CHECK_THROWS_WITH(
      parse_scenario(mixed, "s.json"),
      Catch::Matchers::Contains("/workload/generator/classes/1/demand_eflop_days_per_year: missing"));
  auto unknown = doc;
  unknown["workload"]["generator"]["classes"][0]["model"] = "llama3-80b";
  CHECK_THROWS_WITH(parse_scenario(unknown, "s.json"),
                    Catch::Matchers::Contains("/workload/generator/classes/0/model") &&
                        Catch::Matchers::Contains("llama3-70b"));
}

}  // namespace ppusim
