// Escaping for the plain-text output languages, one function each, so that every writer of a
// JSON pointer or a CSV file quotes the same way. HTML has its own (sim/report/html_escape.hpp)
// and so has JUnit's XML (sim/gate/junit_writer.hpp): each is the one for its language.
#pragma once

#include <string>
#include <string_view>

namespace ppusim {

/// One reference token of a JSON pointer (RFC 6901): "~" becomes "~0" and "/" becomes "~1", so
/// "a/b" is the key "a/b" and not two steps. The caller adds the "/" before it.
std::string json_pointer_token(std::string_view key);

/// One CSV field (RFC 4180): as it is, or in double quotes with quotes doubled when it holds a
/// comma, a quote or a line break.
std::string csv_field(std::string_view text);
/// The same, appended to `csv` (no string made per field: jobs.csv writes millions).
void append_csv_field(std::string& csv, std::string_view text);

}  // namespace ppusim
