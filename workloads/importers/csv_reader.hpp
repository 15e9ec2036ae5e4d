// A strict RFC 4180 CSV reader that knows where every field came from.
//
// The public traces ppusim imports (docs/workloads.md, "Importing traces") are CSV files of a
// few megabytes. Debian 12 packages no maintained C++ CSV library (libcsv is C and reports no
// positions), and an importer's errors must name the file, line and column of a bad field, so
// this reader is ours: it reads the whole file into memory and yields one record at a time
// with the 1-based line and column where each field starts.
//
// What it accepts (RFC 4180, plus what real exports do):
//   - fields separated by ',' and records by LF or CRLF; the last record may lack a line end;
//   - quoted fields ("a,b", "say ""hi""", line breaks inside quotes);
//   - a UTF-8 byte-order mark before the first record; blank lines (skipped).
// What it refuses, as a row error (InputError "file:LINE:COLUMN: ..."), after which reading
// resumes on the next line: a quote inside an unquoted field, text after a closing quote. An
// unterminated quote runs to the end of the file and is reported at its opening quote.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ppusim {

struct CsvRecord {
  std::int64_t line = 0;              // where the record starts, 1-based
  std::vector<std::string> fields;    // unquoted text
  std::vector<std::int64_t> columns;  // 1-based column (in bytes) of each field's first character
};

class CsvReader {
 public:
  /// Reads a CSV file; InputError naming the file if it is missing, a folder or unreadable.
  static CsvReader open(const std::string& path);
  /// Parses `text` as if read from a file called `source` (tests, fuzzing).
  CsvReader(std::string text, std::string source);

  const std::string& source() const { return source_; }

  /// The next non-blank record, or false at the end of the input. Throws InputError for a
  /// malformed record; the next call continues after it.
  bool next(CsvRecord& record);

 private:
  [[noreturn]] void fail(std::int64_t line, std::int64_t column, std::string_view what);
  void skip_rest_of_line();

  std::string text_;
  std::string source_;
  std::size_t pos_ = 0;
  std::int64_t line_ = 1;
  std::size_t line_start_ = 0;  // offset of the current line's first byte
};

}  // namespace ppusim
