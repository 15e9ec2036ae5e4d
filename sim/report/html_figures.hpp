// How figures are written in the HTML reports: the number formats for people
// (number_format.hpp) applied to report values, and the tables of key figures. Values go in as plain text;
// the table escapes them.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/report/number_format.hpp"

namespace ppusim {

/// A <table> with a caption, one row per entry: the first cell is the row's header. `header`
/// (may be empty) names the value columns, above an empty corner cell. Every text is escaped.
std::string html_table(const std::string& caption, const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows);

}  // namespace ppusim
