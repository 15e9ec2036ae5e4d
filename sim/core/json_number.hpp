// Numbers written into text files exactly as report.json writes them, without building a JSON
// value first. jobs.csv has a million rows of 26 cells at the issue #13 scale; making a
// nlohmann::json object per row only to print its numbers was half of a run's instructions.
#pragma once

#include <string>

namespace ppusim {

/// Appends `value` as nlohmann::json's dump() writes a double: the shortest text that reads
/// back to the same double (Grisu2), at least one decimal ("5.0", "0.1", "1e+18", "-0.0"),
/// and "null" for NaN and infinities.
void append_json_number(std::string& text, double value);
/// Appends `value` as dump() writes an integer: "42", "-7".
void append_json_number(std::string& text, long long value);

}  // namespace ppusim
