#include "sim/report/number_format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ppusim {

namespace {

// Beyond this many decimals a number is noise for a reader; it also bounds the buffer below.
constexpr int kMostDecimals = 17;

/// Commas every three digits in the integer part of an unsigned decimal text.
std::string with_separators(const std::string& digits) {
  const std::size_t point = std::min(digits.find('.'), digits.size());
  std::string text;
  text.reserve(digits.size() + point / 3);
  for (std::size_t i = 0; i < point; ++i) {
    if (i > 0 && (point - i) % 3 == 0) text += ',';
    text += digits[i];
  }
  return text + digits.substr(point);
}

/// The decimal exponent of |value| (value ≠ 0): 1234 → 3, 0.05 → -2.
int exponent_of(double value) { return static_cast<int>(std::floor(std::log10(std::abs(value)))); }

/// `value` rounded to `digits` significant digits.
double round_significant(double value, int digits) {
  if (value == 0) return 0;
  const double scale = std::pow(10.0, exponent_of(value) - digits + 1);
  return std::round(value / scale) * scale;
}

/// Decimals that show `digits` significant digits of an already rounded value.
int decimals_for(double rounded, int digits) {
  if (rounded == 0) return 0;
  return std::clamp(digits - 1 - exponent_of(rounded), 0, kMostDecimals);
}

}  // namespace

std::string format_count(long long value) {
  const std::string digits = std::to_string(value);
  return value < 0 ? "-" + with_separators(digits.substr(1)) : with_separators(digits);
}

std::string format_fixed(double value, int decimals) {
  if (!std::isfinite(value)) return "n/a";
  char buffer[400];  // the integer part of 1e308 has 309 digits
  std::snprintf(buffer, sizeof buffer, "%.*f", std::clamp(decimals, 0, kMostDecimals), std::abs(value));
  const std::string digits = buffer;
  // No "-0.00": a negative number that rounds to zero is written as zero.
  const bool shows_nonzero = digits.find_first_of("123456789") != std::string::npos;
  return (value < 0 && shows_nonzero ? "-" : "") + with_separators(digits);
}

std::string format_significant(double value, int digits) {
  if (!std::isfinite(value)) return "n/a";
  const double rounded = round_significant(value, digits);
  return format_fixed(rounded, decimals_for(rounded, digits));
}

std::string format_compact(double value, int digits) {
  std::string text = format_significant(value, digits);
  if (text.find('.') == std::string::npos) return text;  // also "n/a"
  text.erase(text.find_last_not_of('0') + 1);
  if (text.back() == '.') text.pop_back();
  return text;
}

std::string format_usd(double amount) {
  if (!std::isfinite(amount)) return "n/a";
  const std::string digits = format_fixed(std::abs(amount), 2);
  return (amount < 0 && digits != "0.00" ? "-$" : "$") + digits;
}

std::string format_usd(const std::optional<double>& amount) { return amount ? format_usd(*amount) : "n/a"; }

std::string format_usd_short(double amount) {
  if (!std::isfinite(amount)) return "n/a";
  // The suffix is chosen after rounding, so that 999,700 reads "$1.00 M", not "$1,000 k".
  const double rounded = std::abs(round_significant(amount, 3));
  const char* sign = amount < 0 && rounded != 0 ? "-" : "";
  static const std::pair<double, const char*> kScales[] = {{1e9, " B"}, {1e6, " M"}, {1e3, " k"}};
  for (const auto& [scale, suffix] : kScales) {
    if (rounded >= scale) return sign + ("$" + format_significant(rounded / scale, 3)) + suffix;
  }
  return sign + ("$" + format_significant(rounded, 3));
}

std::string format_percent(double fraction) {
  return std::isfinite(fraction) ? format_fixed(100.0 * fraction, 1) + " %" : "n/a";
}

TimeUnit time_unit_for(double largest_seconds) {
  const double s = std::abs(largest_seconds);
  if (!std::isfinite(s) || s == 0) return {"s", 1};
  if (s < 1) return {"ms", 1e-3};
  if (s < 120) return {"s", 1};
  if (s < 7200) return {"min", 60};
  if (s < 172800) return {"h", 3600};
  return {"days", 86400};
}

std::string format_time_span(double seconds) { return format_time_spans({seconds}); }

DurationScale duration_scale_for(const std::vector<double>& seconds) {
  double largest = 0;
  for (double value : seconds) {
    if (std::isfinite(value)) largest = std::max(largest, std::abs(value));
  }
  const TimeUnit unit = time_unit_for(largest);
  return {unit, decimals_for(round_significant(largest / unit.seconds, 3), 3)};
}

std::string format_in_scale(const std::vector<double>& seconds, const DurationScale& scale) {
  std::string text;
  for (std::size_t i = 0; i < seconds.size(); ++i) {
    text += (i ? " / " : "") + format_fixed(seconds[i] / scale.unit.seconds, scale.decimals);
  }
  return text;
}

std::string format_time_spans(const std::vector<double>& seconds) {
  const bool any = std::any_of(seconds.begin(), seconds.end(), [](double s) { return std::isfinite(s); });
  if (!any) return "n/a";
  const DurationScale scale = duration_scale_for(seconds);
  return format_in_scale(seconds, scale) + " " + scale.unit.name;
}

}  // namespace ppusim
