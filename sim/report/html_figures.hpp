// How figures are written in the HTML reports: number formats for people and the tables of
// key figures. Values go in as plain text; the table escapes them.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace ppusim {

/// "n/a" for null or a non-number; otherwise printf-formatted.
std::string figure(const nlohmann::json& value, const char* format = "%.4g");

/// 0.7726 → "77.3 %".
std::string figure_percent(const nlohmann::json& fraction);

/// 374.7047 → "$374.70", 1234567.8 → "$1,234,567.80".
std::string figure_usd(const nlohmann::json& value);

/// A unit for durations of this size: seconds under 2 minutes, minutes under 2 hours, hours
/// under 2 days, days beyond.
struct TimeUnit {
  const char* name;  // "s", "min", "h", "days"
  double seconds;    // length of one unit
};
TimeUnit time_unit_for(double largest_seconds);

/// A duration in the unit its own size calls for: 5400 → "1.50 h".
std::string figure_duration(const nlohmann::json& seconds);

/// Several durations in one unit chosen for the largest: "0.0 / 24.2 / 42.7 min".
std::string figure_durations(const std::vector<nlohmann::json>& seconds);

/// A <table> with a caption, one row per entry: the first cell is the row's header. `header`
/// (may be empty) names the value columns, above an empty corner cell. Every text is escaped.
std::string html_table(const std::string& caption, const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows);

}  // namespace ppusim
