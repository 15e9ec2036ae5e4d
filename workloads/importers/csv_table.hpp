// A CSV trace as a table: its columns found by name, each field read with a typed, checked
// accessor whose errors say "file:LINE:COLUMN: column NAME: found ..., expected ...".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/json_reader.hpp"
#include "workloads/importers/csv_reader.hpp"

namespace ppusim {

class CsvTable;

/// One record of a CsvTable. Valid until the table's next call to next().
class CsvRow {
 public:
  CsvRow(const CsvTable& table, const CsvRecord& record) : table_(&table), record_(&record) {}

  std::int64_t line() const { return record_->line; }
  std::string_view text(std::size_t column) const { return record_->fields[column]; }
  /// Text that is written out again (an id, a type name): it must be valid UTF-8, as JSON
  /// output requires.
  std::string utf8_text(std::size_t column) const;
  /// Empty, or a spelling of NaN ("nan", "NaN"): the Alibaba traces leave unknown times so.
  bool is_missing(std::size_t column) const;

  double number(std::size_t column, const NumberRange& range = NumberRange::any()) const;
  /// A missing value (see is_missing) is nullopt; anything else must be a number in range.
  std::optional<double> optional_number(std::size_t column,
                                        const NumberRange& range = NumberRange::any()) const;
  /// Whole numbers, also when written as floats ("8.0"), as data-frame exports do.
  std::int64_t integer(std::size_t column, const IntegerRange& range) const;

  /// "file:LINE:COLUMN: column NAME: found TEXT, expected EXPECTED" as an InputError.
  [[noreturn]] void fail(std::size_t column, std::string_view expected) const;
  /// The same place, with a message of the importer's own.
  [[noreturn]] void fail_message(std::size_t column, std::string_view message) const;

 private:
  const CsvTable* table_;
  const CsvRecord* record_;
};

class CsvTable {
 public:
  /// `schema` lists the columns the importer reads, in the order the trace's publisher
  /// documents them. The first record is the header if it holds `schema[0]` as a field; the
  /// named columns are then looked up by name (others are ignored; a missing one is an
  /// error). Otherwise, and only if `header_optional` (traces published as header-less files),
  /// the columns are taken to be exactly `schema`, in order, and the first record is data.
  CsvTable(CsvReader reader, std::vector<std::string> schema, bool header_optional);

  const std::string& source() const { return reader_.source(); }
  /// The index of a schema column (a programming error if `name` is not in the schema).
  std::size_t column(std::string_view name) const;
  /// The index of a column the file may or may not have (not part of the schema).
  std::optional<std::size_t> optional_column(std::string_view name) const;
  const std::string& column_name(std::size_t index) const { return header_[index]; }

  /// The next record. Throws InputError for a malformed record or one with the wrong number
  /// of fields; the next call continues after it.
  bool next(CsvRow& row);

 private:
  CsvReader reader_;
  std::vector<std::string> schema_;
  std::vector<std::string> header_;
  std::vector<std::size_t> schema_index_;  // schema column -> field index
  CsvRecord record_;
  bool pending_first_record_ = false;  // header-less: the first record is data not yet returned
};

}  // namespace ppusim
