// Numbers for people (sim/report/number_format.hpp): every expected text is worked out by hand.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "sim/report/number_format.hpp"

using namespace ppusim;

TEST_CASE("number format: counts have thousands separators", "[format]") {
  CHECK(format_count(0) == "0");
  CHECK(format_count(999) == "999");
  CHECK(format_count(1000) == "1,000");
  CHECK(format_count(1069548) == "1,069,548");
  CHECK(format_count(-1234) == "-1,234");
}

TEST_CASE("number format: significant digits, never an exponent", "[format]") {
  // 4.74834e-06 to 3 digits is 4.75e-06: five zeros after the point, then 475.
  CHECK(format_significant(4.74834e-06, 3) == "0.00000475");
  CHECK(format_significant(17774770.73, 3) == "17,800,000");
  CHECK(format_significant(1.5, 3) == "1.50");
  CHECK(format_significant(0.0123456, 3) == "0.0123");
  // 999.7 rounds up to 1,000: the digits are counted after rounding ("1,000", not "1,000.0").
  CHECK(format_significant(999.7, 3) == "1,000");
  CHECK(format_significant(-2.5, 2) == "-2.5");
  CHECK(format_significant(0, 3) == "0");
  CHECK(format_significant(std::nan(""), 3) == "n/a");
  CHECK(format_significant(std::numeric_limits<double>::infinity(), 3) == "n/a");
}

TEST_CASE("number format: compact labels drop the zeros that end a fraction", "[format]") {
  // 7 h in days is 0.291666…: three significant digits, 0.292.
  CHECK(format_compact(7.0 / 24, 3) == "0.292");
  CHECK(format_compact(1, 3) == "1");
  CHECK(format_compact(2.5, 3) == "2.5");
  CHECK(format_compact(1500, 3) == "1,500");
  CHECK(format_compact(0, 3) == "0");
}

TEST_CASE("number format: fixed decimals and dollars", "[format]") {
  CHECK(format_fixed(1234567.891, 2) == "1,234,567.89");
  CHECK(format_fixed(-0.001, 2) == "0.00");  // no "-0.00"
  CHECK(format_usd(17774770.73) == "$17,774,770.73");
  CHECK(format_usd(12.5) == "$12.50");
  CHECK(format_usd(-5) == "-$5.00");
  CHECK(format_usd(std::optional<double>()) == "n/a");
  CHECK(format_usd(std::nan("")) == "n/a");
  CHECK(format_usd_short(17774770.73) == "$17.8 M");
  CHECK(format_usd_short(412000) == "$412 k");
  CHECK(format_usd_short(950) == "$950");
  CHECK(format_usd_short(999700) == "$1.00 M");  // rounded first, then the suffix chosen
  CHECK(format_usd_short(2.5e9) == "$2.50 B");
  CHECK(format_usd_short(-1500) == "-$1.50 k");
  CHECK(format_usd_short(0) == "$0");
  CHECK(format_percent(0.7726) == "77.3 %");
  CHECK(format_percent(1) == "100.0 %");
}

TEST_CASE("number format: durations in the unit their size calls for", "[format]") {
  // 1.00346e+07 s / 86,400 s per day = 116.14 days.
  CHECK(format_time_span(1.00346e7) == "116 days");
  CHECK(format_time_span(5400) == "90.0 min");  // 1.5 h is under 2 hours: minutes
  CHECK(format_time_span(1.43) == "1.43 s");    // not "1.43e+03 ms"
  CHECK(format_time_span(0.025) == "25.0 ms");  // under a second
  CHECK(format_time_span(119.9) == "120 s");    // still seconds: under 2 minutes before rounding
  CHECK(format_time_span(120) == "2.00 min");
  CHECK(format_time_span(3 * 86400.0) == "3.00 days");
  CHECK(format_time_span(0) == "0 s");
  CHECK(format_time_span(std::nan("")) == "n/a");
  // One unit for all, from the largest (1200 s = 20.0 min: one decimal for all).
  CHECK(format_time_spans({60, 1200}) == "1.0 / 20.0 min");
  CHECK(format_time_spans({3600, 90000}) == "1.0 / 25.0 h");
  CHECK(format_time_spans({std::nan(""), 30}) == "n/a / 30.0 s");
  CHECK(format_time_spans({std::nan("")}) == "n/a");
  // A row of a table: one scale for every cell of the row.
  const DurationScale scale = duration_scale_for({122, 280, 566, 582, 3900, 3924});
  CHECK(std::string(scale.unit.name) == "min");  // 3,924 s = 65.4 min: one decimal
  CHECK(scale.decimals == 1);
  CHECK(format_in_scale({122, 280}, scale) == "2.0 / 4.7");
  CHECK(format_in_scale({3900, 3924}, scale) == "65.0 / 65.4");
}
