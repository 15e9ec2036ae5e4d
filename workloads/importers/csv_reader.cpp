#include "workloads/importers/csv_reader.hpp"

#include "sim/core/input_error.hpp"
#include "sim/core/json_reader.hpp"

namespace ppusim {

CsvReader CsvReader::open(const std::string& path) {
  return CsvReader(read_text_file(path, kMaxTraceFileBytes), path);
}

CsvReader::CsvReader(std::string text, std::string source)
    : text_(std::move(text)), source_(std::move(source)) {
  if (text_.starts_with("\xEF\xBB\xBF")) pos_ = line_start_ = 3;
}

void CsvReader::fail(std::int64_t line, std::int64_t column, std::string_view what) {
  throw InputError(source_ + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
                   std::string(what));
}

void CsvReader::skip_rest_of_line() {
  while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
  if (pos_ < text_.size()) {
    ++pos_;
    ++line_;
    line_start_ = pos_;
  }
}

bool CsvReader::next(CsvRecord& record) {
  // Blank lines (LF or CRLF alone) separate nothing: skip them.
  for (;;) {
    if (pos_ >= text_.size()) return false;
    const std::size_t skip = text_[pos_] == '\n' ? 1 : (text_.compare(pos_, 2, "\r\n") == 0 ? 2 : 0);
    if (skip == 0) break;
    pos_ += skip;
    ++line_;
    line_start_ = pos_;
  }
  record.line = line_;
  record.fields.clear();
  record.columns.clear();
  const std::size_t size = text_.size();
  for (;;) {  // one field per turn
    std::string& field = record.fields.emplace_back();
    record.columns.push_back(static_cast<std::int64_t>(pos_ - line_start_) + 1);
    if (pos_ < size && text_[pos_] == '"') {
      const std::int64_t open_line = line_;
      const std::int64_t open_column = record.columns.back();
      ++pos_;
      for (;;) {
        if (pos_ >= size)
          fail(open_line, open_column, "found a quoted field that never ends, expected a closing quote");
        const char c = text_[pos_++];
        if (c == '"') {
          if (pos_ < size && text_[pos_] == '"') {
            field += '"';
            ++pos_;
            continue;
          }
          break;
        }
        if (c == '\n') {
          ++line_;
          line_start_ = pos_;
        }
        field += c;
      }
      if (pos_ < size && text_[pos_] != ',' && text_[pos_] != '\n' && text_.compare(pos_, 2, "\r\n") != 0) {
        const auto column = static_cast<std::int64_t>(pos_ - line_start_) + 1;
        const std::int64_t line = line_;
        skip_rest_of_line();
        fail(line, column, "found text after a closing quote, expected ',' or a line end");
      }
    } else {
      const std::size_t start = pos_;
      while (pos_ < size && text_[pos_] != ',' && text_[pos_] != '\n') {
        if (text_[pos_] == '"') {
          const auto column = static_cast<std::int64_t>(pos_ - line_start_) + 1;
          const std::int64_t line = line_;
          skip_rest_of_line();
          fail(line, column, "found a quote inside an unquoted field, expected the whole field in quotes");
        }
        ++pos_;
      }
      std::size_t end = pos_;
      if (end > start && text_[end - 1] == '\r' && (pos_ >= size || text_[pos_] == '\n')) --end;  // CRLF
      field.assign(text_, start, end - start);
    }
    if (pos_ < size && text_[pos_] == ',') {
      ++pos_;
      continue;
    }
    if (pos_ < size && text_[pos_] == '\r') ++pos_;  // CRLF after a quoted field
    if (pos_ < size) {                               // '\n'
      ++pos_;
      ++line_;
      line_start_ = pos_;
    }
    return true;
  }
}

}  // namespace ppusim
