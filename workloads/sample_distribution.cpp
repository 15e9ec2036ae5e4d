#include "workloads/sample_distribution.hpp"

#include "sim/core/input_error.hpp"
#include "workloads/importers/format_registry.hpp"

// Determinism: no a*b+c on random draws (sim/core/random.hpp).

namespace ppusim {

SampleSource::SampleSource(SampleDistribution spec, std::vector<double> values)
    : spec_(std::move(spec)), values_(std::move(values)) {}

double SampleSource::draw(Rng& rng) const {
  switch (spec_.kind) {
    case SampleDistribution::Kind::LogNormal:
      return rng.lognormal(spec_.a, spec_.b);
    case SampleDistribution::Kind::Pareto:  // x_m·U^(−1/α)
      return spec_.a * portable_exp(-portable_log(rng.uniform_open01()) / spec_.b);
    case SampleDistribution::Kind::BoundedPareto: {
      // Inverse CDF on [L, H]: x = L·(1 − U·(1 − (L/H)^α))^(−1/α).
      const double tail = 1 - portable_exp(spec_.b * portable_log(spec_.a / spec_.c));
      const double inner = 1 - rng.uniform01() * tail;
      return std::min(spec_.c, spec_.a * portable_exp(-portable_log(inner) / spec_.b));
    }
    case SampleDistribution::Kind::Weibull:  // λ·(−ln U)^(1/k)
      return spec_.a * portable_exp(portable_log(rng.exponential()) / spec_.b);
    case SampleDistribution::Kind::Empirical:
      return values_[static_cast<std::size_t>(rng.next_u64() % values_.size())];
  }
  return 0;
}

std::vector<double> empirical_values(const SampleDistribution& spec, bool sizes) {
  ImportOptions options;
  options.arrival_rate_per_s = 1;  // traces without submit times: arrivals do not matter here
  const ImportedTrace trace = import_trace(spec.trace_format, spec.trace_path, options);
  std::vector<double> values;
  for (const JobSpec& job : trace.jobs.jobs) {
    if (sizes) {
      values.push_back(job.ppus);
    } else if (job.measured_duration_s) {
      values.push_back(*job.measured_duration_s);
    }
  }
  if (!sizes) {
    for (const InferenceRequest& request : trace.requests)
      if (request.service_s) values.push_back(*request.service_s);
  }
  if (values.empty()) {
    throw InputError("generator: " + spec.trace_path + " holds no " + (sizes ? "job size" : "run time") +
                     " to resample");
  }
  return values;
}

}  // namespace ppusim
