#include "workloads/importers/csv_table.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

#include "sim/core/excerpt.hpp"
#include "sim/core/input_error.hpp"

namespace ppusim {
namespace {

std::optional<double> parse_double(std::string_view text) {
  // Surrounding blanks are tolerated ("1, 2"); from_chars itself refuses them.
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string quoted(std::string_view text) {
  constexpr std::size_t kMaxChars = 40;
  std::string shown(text.substr(0, kMaxChars));
  if (text.size() > kMaxChars) shown += "...";
  return "\"" + shown + "\"";
}

std::string join(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ",") + name;
  return text;
}

/// Whether `text` is well-formed UTF-8 (RFC 3629: no overlong forms, surrogates or values
/// beyond U+10FFFF).
bool is_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const std::size_t length = byte < 0x80           ? 1
                               : (byte >> 5) == 0x6  ? 2
                               : (byte >> 4) == 0xE  ? 3
                               : (byte >> 3) == 0x1E ? 4
                                                     : 0;
    if (length == 0 || i + length > text.size()) return false;
    std::uint32_t code = length == 1 ? byte : byte & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    const std::uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < smallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += length;
  }
  return true;
}

}  // namespace

std::string CsvRow::utf8_text(std::size_t column) const {
  if (!is_utf8(text(column))) fail_message(column, "found bytes that are not UTF-8, expected UTF-8 text");
  return std::string(text(column));
}

bool CsvRow::is_missing(std::size_t column) const {
  const std::string_view value = text(column);
  return value.empty() || value == "nan" || value == "NaN" || value == "NAN";
}

void CsvRow::fail_message(std::size_t column, std::string_view message) const {
  throw InputError(table_->source() + ":" + std::to_string(record_->line) + ":" +
                   std::to_string(record_->columns[column]) + ": column " + table_->column_name(column) +
                   ": " + std::string(message));
}

void CsvRow::fail(std::size_t column, std::string_view expected) const {
  const std::string_view value = text(column);
  fail_message(column, "found " + (value.empty() ? std::string("nothing") : quoted(value)) + ", expected " +
                           std::string(expected));
}

std::optional<double> CsvRow::optional_number(std::size_t column, const NumberRange& range) const {
  if (is_missing(column)) return std::nullopt;
  const std::optional<double> value = parse_double(text(column));
  if (!value || !std::isfinite(*value) || !range.contains(*value)) fail(column, range.describe());
  return value;
}

double CsvRow::number(std::size_t column, const NumberRange& range) const {
  const std::optional<double> value = is_missing(column) ? std::nullopt : optional_number(column, range);
  if (!value) fail(column, range.describe());
  return *value;
}

std::int64_t CsvRow::integer(std::size_t column, const IntegerRange& range) const {
  const std::optional<double> value = parse_double(text(column));
  // 2^53: beyond it a double no longer holds every integer.
  if (!value || *value != std::floor(*value) || std::fabs(*value) > 9007199254740992.0 ||
      !range.contains(static_cast<std::int64_t>(*value))) {
    fail(column, range.describe());
  }
  return static_cast<std::int64_t>(*value);
}

CsvTable::CsvTable(CsvReader reader, std::vector<std::string> schema, bool header_optional)
    : reader_(std::move(reader)), schema_(std::move(schema)) {
  if (!reader_.next(record_))
    throw InputError(source() + ": the file is empty, expected a CSV header (" + join(schema_) + ")");
  const bool has_header =
      std::find(record_.fields.begin(), record_.fields.end(), schema_.front()) != record_.fields.end();
  if (has_header) {
    header_ = record_.fields;
    for (const std::string& name : schema_) {
      const auto it = std::find(header_.begin(), header_.end(), name);
      if (it == header_.end()) {
        throw InputError(source() + ":" + std::to_string(record_.line) + ": the header has no column \"" +
                         name + "\", expected the columns " + join(schema_));
      }
      schema_index_.push_back(static_cast<std::size_t>(it - header_.begin()));
    }
  } else if (header_optional) {
    header_ = schema_;
    for (std::size_t i = 0; i < schema_.size(); ++i) schema_index_.push_back(i);
    pending_first_record_ = true;
  } else {
    // The header may be a whole file without a line break: join only what the message quotes.
    std::string found;
    std::size_t whole = 0;
    for (const std::string& field : record_.fields) {
      whole += (whole == 0 ? 0 : 1) + field.size();
      if (found.size() <= kMaxQuotedChars)
        found += (found.empty() ? "" : ",") + field.substr(0, kMaxQuotedChars + 1);
    }
    throw InputError(source() + ":" + std::to_string(record_.line) + ": found the header \"" +
                     excerpt(found, kMaxQuotedChars, whole) + "\", expected one naming the columns " +
                     join(schema_));
  }
}

std::size_t CsvTable::column(std::string_view name) const {
  const auto it = std::find(schema_.begin(), schema_.end(), name);
  if (it == schema_.end())
    throw std::logic_error("CsvTable::column: \"" + std::string(name) + "\" is not in the schema");
  return schema_index_[static_cast<std::size_t>(it - schema_.begin())];
}

std::optional<std::size_t> CsvTable::optional_column(std::string_view name) const {
  const auto it = std::find(header_.begin(), header_.end(), name);
  if (it == header_.end()) return std::nullopt;
  return static_cast<std::size_t>(it - header_.begin());
}

bool CsvTable::next(CsvRow& row) {
  if (pending_first_record_) {
    pending_first_record_ = false;
  } else if (!reader_.next(record_)) {
    return false;
  }
  row = CsvRow(*this, record_);
  if (record_.fields.size() != header_.size()) {
    throw InputError(source() + ":" + std::to_string(record_.line) + ":1: found " +
                     std::to_string(record_.fields.size()) + " fields, expected " +
                     std::to_string(header_.size()) + " (" + join(header_) + ")");
  }
  return true;
}

}  // namespace ppusim
