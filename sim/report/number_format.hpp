// How numbers are written for people, in the terminal and on the HTML pages: thousands
// separators, a fixed number of significant digits without exponents, durations in the unit
// their size calls for, and dollars (issue #16: "$17774770.73", "1.00346e+07 s" and
// "4.74834e-06" are hard to read). Files (report.json, CSV) keep full precision and never use
// these functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ppusim {

/// An integer with thousands separators: 1069548 → "1,069,548", -1234 → "-1,234".
std::string format_count(long long value);

/// `value` rounded to `digits` significant digits, written without an exponent and with
/// thousands separators: (17774770.73, 3) → "17,800,000", (0.00000474834, 3) → "0.00000475",
/// (1.5, 3) → "1.50". Non-finite values give "n/a".
std::string format_significant(double value, int digits = 3);

/// format_significant without the zeros that end a fraction, for axis labels:
/// (0.291667, 3) → "0.292", (1, 3) → "1", (1500, 3) → "1,500".
std::string format_compact(double value, int digits = 3);

/// `value` with `decimals` digits after the point and thousands separators:
/// (1234567.891, 2) → "1,234,567.89". Non-finite values give "n/a".
std::string format_fixed(double value, int decimals);

/// Dollars to the cent with separators: 17774770.73 → "$17,774,770.73", -5 → "-$5.00".
std::string format_usd(double amount);
/// Dollars with 3 significant digits and k / M / B for large amounts, for narrow columns:
/// 17774770.73 → "$17.8 M", 412000 → "$412 k", 950 → "$950", 0 → "$0".
std::string format_usd_short(double amount);
/// null → "n/a", otherwise format_usd.
std::string format_usd(const std::optional<double>& amount);

/// A fraction as a percentage with one decimal: 0.7726 → "77.3 %". Non-finite: "n/a".
std::string format_percent(double fraction);

/// A unit for durations of a given size: milliseconds under 1 s, seconds under 2 minutes,
/// minutes under 2 hours, hours under 2 days, days beyond.
struct TimeUnit {
  const char* name;  // "ms", "s", "min", "h", "days"
  double seconds;    // length of one unit
};
TimeUnit time_unit_for(double largest_seconds);

/// A duration in the unit its own size calls for, 3 significant digits:
/// 10034600 → "116 days", 9000 → "2.50 h", 1.43 → "1.43 s", 0.025 → "25.0 ms", 0 → "0 s".
std::string format_time_span(double seconds);

/// Several durations in the one unit their largest calls for, each with the decimals that give
/// the largest 3 significant digits: {60, 1200} → "1.0 / 20.0 min", {3600, 90000} →
/// "1.0 / 25.0 h". Non-finite entries are "n/a"; with no finite entry, the whole is "n/a".
std::string format_time_spans(const std::vector<double>& seconds);

/// A unit and a number of decimals shared by durations shown together, so that a row of a
/// table reads in one unit ("2.03 / 4.66 | 9.43 / 9.70 | 1.08 / 1.09 min").
struct DurationScale {
  TimeUnit unit;
  int decimals;
};
/// The scale for the largest finite of `seconds` (seconds, no decimals if there is none).
DurationScale duration_scale_for(const std::vector<double>& seconds);
/// `seconds` in `scale`, joined by " / ", without the unit's name: {60, 1200} → "1.0 / 20.0".
std::string format_in_scale(const std::vector<double>& seconds, const DurationScale& scale);

}  // namespace ppusim
