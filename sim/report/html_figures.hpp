// How figures are written in the HTML reports: the number formats for people
// (number_format.hpp) applied to report values, and the tables of key figures. Values go in as plain text;
// the table escapes them.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/report/number_format.hpp"

namespace ppusim {

/// 0.7726 → "77.3 %".
std::string figure_percent(const nlohmann::json& fraction);

/// 374.7047 → "$374.70", 1234567.8 → "$1,234,567.80" (format_usd).
std::string figure_usd(const nlohmann::json& value);

/// A duration in the unit its own size calls for: 9000 → "2.50 h" (format_time_span).
std::string figure_duration(const nlohmann::json& seconds);

/// Several durations in one unit chosen for the largest: "0.0 / 24.1 / 42.7 min"
/// (format_time_spans); null entries are "n/a".
std::string figure_durations(const std::vector<nlohmann::json>& seconds);

/// The finite number in `value`, or NaN (which the number formats write as "n/a").
double number_or_nan(const nlohmann::json& value);

/// A <table> with a caption, one row per entry: the first cell is the row's header. `header`
/// (may be empty) names the value columns, above an empty corner cell. Every text is escaped.
std::string html_table(const std::string& caption, const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows);

}  // namespace ppusim
