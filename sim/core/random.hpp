// A seeded random source whose output is the same on every platform and compiler.
//
// std::mt19937_64 is fully specified by the standard, but the std::*_distribution classes are
// not (libstdc++, libc++ and MSVC turn the same engine output into different numbers), and
// neither are std::log / std::exp (libms differ in the last bit). So the samplers below use only
// the engine's integers and the operations IEEE 754 rounds exactly (+ - * / sqrt, frexp, ldexp,
// floor), with log and exp written out as fixed polynomials.
//
// One more trap: a compiler may fuse a*b+c into one FMA instruction, which rounds once instead
// of twice, when the target has FMA (GCC does so in C++ by default on ARM64 or with -march=…).
// The functions below that evaluate such expressions switch contraction off: GCC through an
// optimize pragma (which keeps them from being inlined; they are cheap calls anyway), Clang
// through a pragma at the start of each body. Code outside this header that turns random draws
// into numbers should avoid a*b+c on them for the same reason (synthetic_generator.cpp does).
// Builds with -ffast-math, with Clang's -ffp-contract=fast (which overrides the pragma), or
// with x87 arithmetic (32-bit x86) are not deterministic.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <random>
#include <span>

#if defined(__clang__)
#define PPUSIM_NO_FP_CONTRACT _Pragma("clang fp contract(off)")
#else
#define PPUSIM_NO_FP_CONTRACT
#endif

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC push_options
#pragma GCC optimize("fp-contract=off")
#endif

namespace ppusim {

namespace random_detail {

// ln 2 split so that k·kLn2Hi is exact for |k| < 2^20: the high part ends in zero bits.
inline constexpr double kLn2Hi = 6.93147180369123816490e-01;
inline constexpr double kLn2Lo = 1.90821492927058770002e-10;
inline constexpr double kInvLn2 = 1.44269504088896338700e+00;
inline constexpr double kSqrtHalf = 0.70710678118654752440;

// Series coefficients, computed at compile time, where every compiler rounds exactly.
struct SeriesCoefficients {
  double inverse_factorial[14] = {};  // 1/n!, for exp
  double inverse_odd[12] = {};        // 1/(2k+1), for log
  constexpr SeriesCoefficients() {
    inverse_factorial[0] = 1;
    for (int n = 1; n < 14; ++n) inverse_factorial[n] = inverse_factorial[n - 1] / n;
    for (int k = 0; k < 12; ++k) inverse_odd[k] = 1.0 / (2 * k + 1);
  }
};
inline constexpr SeriesCoefficients kSeries{};

}  // namespace random_detail

/// Natural logarithm, within a few ulp, bit-identical everywhere. x = m·2^e with m in
/// [√½, √2); ln m = 2·atanh(s) with s = (m−1)/(m+1), |s| <= 0.172, whose odd power series
/// needs 12 terms for double precision.
inline double portable_log(double x) {
  PPUSIM_NO_FP_CONTRACT
  if (std::isnan(x) || x < 0) return std::numeric_limits<double>::quiet_NaN();
  if (x == 0) return -std::numeric_limits<double>::infinity();
  if (std::isinf(x)) return x;
  using namespace random_detail;
  int e = 0;
  double m = std::frexp(x, &e);  // m in [0.5, 1), exact
  if (m < kSqrtHalf) {
    m *= 2;  // exact
    --e;
  }
  const double f = m - 1;  // exact (Sterbenz lemma)
  const double s = f / (2 + f);
  const double s2 = s * s;
  double series = kSeries.inverse_odd[11];
  for (int k = 10; k >= 0; --k) series = series * s2 + kSeries.inverse_odd[k];
  return e * kLn2Hi + (e * kLn2Lo + 2 * s * series);
}

/// e^x, within a few ulp, bit-identical everywhere. x = k·ln2 + r with |r| <= ln2/2, then a
/// degree-13 Taylor polynomial (remainder < 5e-18) and an exact scaling by 2^k.
inline double portable_exp(double x) {
  PPUSIM_NO_FP_CONTRACT
  if (std::isnan(x)) return x;
  if (x > 709.79) return std::numeric_limits<double>::infinity();
  if (x < -745.2) return 0;
  using namespace random_detail;
  const double k = std::floor(x * kInvLn2 + 0.5);
  const double r = (x - k * kLn2Hi) - k * kLn2Lo;
  double p = kSeries.inverse_factorial[13];
  for (int n = 12; n >= 0; --n) p = p * r + kSeries.inverse_factorial[n];
  return std::ldexp(p, static_cast<int>(k));
}

/// cos x, within a few ulp for |x| up to a few thousand, bit-identical everywhere: x reduced
/// to r in [−π, π] by whole turns (2π split in two parts, as ln 2 above), then the even
/// Taylor series to r^34 (remainder < 1e-18 for |r| <= π).
inline double portable_cos(double x) {
  PPUSIM_NO_FP_CONTRACT
  if (!std::isfinite(x)) return std::numeric_limits<double>::quiet_NaN();
  constexpr double kTwoPiHi = 6.28318530717958623200e+00;
  constexpr double kTwoPiLo = 2.44929359829470635445e-16;
  const double turns = std::floor(x / kTwoPiHi + 0.5);
  const double r = (x - turns * kTwoPiHi) - turns * kTwoPiLo;
  const double r2 = r * r;
  double term = 1;
  double sum = 1;
  for (int n = 1; n <= 17; ++n) {
    term = -term * r2 / ((2.0 * n - 1) * (2.0 * n));
    sum += term;
  }
  return sum;
}

namespace random_detail {

/// The polar Box–Muller step: from two uniforms on [0, 1), two independent standard normals,
/// or false when the point (u, v) = (2a−1, 2b−1) falls outside the unit disc (the caller draws
/// again; this happens with probability 1 − π/4).
inline bool polar_normals(double a, double b, double& z1, double& z2) {
  PPUSIM_NO_FP_CONTRACT
  const double u = 2 * a - 1;
  const double v = 2 * b - 1;
  const double s = u * u + v * v;
  if (s >= 1 || s == 0) return false;
  const double scale = std::sqrt(-2 * portable_log(s) / s);
  z1 = u * scale;
  z2 = v * scale;
  return true;
}

}  // namespace random_detail

}  // namespace ppusim

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC pop_options
#endif

namespace ppusim {

/// The seed of an independent stream for one purpose (arrivals, the job-class choice, ...):
/// SplitMix64 of seed and purpose, so that adding a stream does not shift the draws of the
/// others, and streams of nearby seeds do not overlap.
inline std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t purpose) {
  std::uint64_t z = seed + purpose * 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

/// std::mt19937_64 plus samplers that do not depend on the standard library's distributions.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}

  std::uint64_t next_u64() { return engine_(); }

  /// Uniform on [0, 1) with 53 random bits: every value is a multiple of 2^-53.
  double uniform01() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

  /// Uniform on (0, 1), for logarithms: the multiples of 2^-53 shifted up by half a step.
  double uniform_open01() { return (static_cast<double>(engine_() >> 11) + 0.5) * 0x1.0p-53; }

  /// Exponential with mean 1, by inversion: −ln U.
  double exponential() { return -portable_log(uniform_open01()); }

  /// Standard normal by the polar form of the Box–Muller transform (no sine or cosine, whose
  /// libm results vary). Each accepted pair of uniforms yields two independent normals; the
  /// second is kept for the next call.
  double normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    double z = 0;
    for (;;) {
      const double a = uniform01();
      const double b = uniform01();
      if (random_detail::polar_normals(a, b, z, spare_)) break;
    }
    has_spare_ = true;
    return z;
  }

  /// Log-normal with the given median (e^mu) and shape sigma: median·e^(sigma·Z).
  double lognormal(double median, double sigma) { return median * portable_exp(sigma * normal()); }

  /// Index i drawn with probability (cumulative[i] − cumulative[i−1]) / cumulative.back().
  /// `cumulative` must be non-decreasing with a positive last element.
  std::size_t categorical(std::span<const double> cumulative) {
    const double u = uniform01() * cumulative.back();
    const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), u);
    if (it != cumulative.end()) return static_cast<std::size_t>(it - cumulative.begin());
    // u·total rounded up to total: take the last category with positive weight.
    std::size_t i = cumulative.size() - 1;
    while (i > 0 && cumulative[i] == cumulative[i - 1]) --i;
    return i;
  }

 private:
  std::mt19937_64 engine_;
  double spare_ = 0;
  bool has_spare_ = false;
};

}  // namespace ppusim
