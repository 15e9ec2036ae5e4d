// The optional parts of the synthetic generator's spec (docs/workloads.md, "Synthetic
// generator"): an arrival process, size and run-time distributions, a mix of job classes.
// Absent, the generator draws exactly what it drew before they existed.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace ppusim {

/// When jobs arrive over [0, duration_s). Every process is conditioned on the job count: the
/// arrivals are `jobs` independent draws from the density ∝ the process's intensity λ(t).
struct ArrivalSpec {
  enum class Process {
    Poisson,  // constant λ
    Diurnal,  // λ(t) = 1 + amplitude·cos(2π(t − peak_hour·3600)/86400), or a 24-bin profile
    Bursty,   // Markov-modulated: calm (λ = 1) and burst (λ = burst_multiplier) periods
  };
  Process process = Process::Poisson;
  double amplitude = 0.5;                                // in [0, 1]
  double peak_hour = 14;                                 // hour of the day of the highest rate
  std::optional<std::array<double, 24>> hourly_profile;  // relative rate in each hour of the day
  double burst_multiplier = 10;
  double mean_burst_s = 600;
  double mean_calm_s = 3600;
};

/// A distribution of positive numbers (a job size in PPUs, a run time in seconds).
struct SampleDistribution {
  enum class Kind { LogNormal, Pareto, BoundedPareto, Weibull, Empirical };
  Kind kind = Kind::LogNormal;
  double a = 0;              // lognormal median, Pareto / bounded Pareto minimum, Weibull scale
  double b = 0;              // lognormal sigma, Pareto / bounded Pareto alpha, Weibull shape
  double c = 0;              // bounded Pareto maximum
  std::string trace_path;    // empirical: the trace whose values are resampled
  std::string trace_format;  // empirical: its format (docs/workloads.md, "Importing traces")
};

/// One class of the job mix: drawn with probability weight / Σ weights; unset fields take the
/// generator's top-level values.
struct JobClassSpec {
  std::string name;
  double weight = 1;
  std::optional<int> min_ppus;
  std::optional<int> max_ppus;
  std::optional<double> size_alpha;
  std::optional<SampleDistribution> size;
  std::optional<SampleDistribution> runtime;
  /// The class's compute demand, in EFLOP-days of work a year (1 EFLOP-day = 10^18 FLOP/s ×
  /// 86,400 s = 8.64e22 FLOP). Given for every class, the generator draws each class's jobs
  /// until their work reaches its demand over the window, instead of drawing `jobs` jobs by
  /// weight (docs/workloads.md, "Demand-driven classes").
  std::optional<double> demand_eflop_days_per_year;
  /// The published transformer shape (generated_model_shape.hpp) the class's model jobs train,
  /// or the largest one tried; absent, the shape nearest 1e9·√P.
  std::optional<std::string> model;
  /// Input the class's jobs read while they run, bytes per second per PPU at full speed on
  /// the reference chip: each generated job streams it (JobSpec::input, docs/models.md c2).
  std::optional<double> data_bytes_per_s_per_ppu;
  /// The dataset of the scenario's `storage.datasets` the class's jobs read (its tiers serve
  /// the reads); empty: the shared store, nothing cached.
  std::string dataset;
  /// What each of the class's jobs asks for besides PPUs (docs/config.md, "Requests"): the
  /// chips it may run on (empty: any), and CPU cores and memory for the whole job.
  std::vector<std::string> ppu_types;
  double cpu_cores = 0;
  double memory_bytes = 0;
};

/// EFLOP-days to FLOPs: 10^18 FLOP/s for a day.
inline constexpr double kFlopsPerEflopDay = 1e18 * 86400.0;

}  // namespace ppusim
