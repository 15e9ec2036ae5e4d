// A validating walker over one JSON object, for every input file the simulator reads.
//
// JsonReader wraps one JSON value together with where it came from: the source (a file name,
// or "trace.jsonl:17" for one row of a trace) and the JSON pointer path inside it
// ("/topology/leaf_oversubscription"). Each accessor reads one key, checks its type and range,
// and on any problem throws InputError with a message that says where, what was found and
// what was expected:
//
//   configs/x.json: /topology/leaf_oversubscription: found -2, expected a number >= 1
//   configs/x.json: /node/ppus_per_node: found "8" (a string), expected a positive integer
//   configs/x.json: /ppu/tdp_wats: unknown key; allowed keys here: name, peak_bf16_flops_per_s, ...
//
// Every key an accessor asks for (present or not) becomes an allowed key; finish() then
// rejects any other key, so a misspelled optional field cannot be silently ignored. A loader
// that wants typos reported before "missing required key" errors declares the full key set
// up front with allow_only().
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ppusim {

/// An interval of real numbers, each bound optional and open or closed. Built fluently:
/// NumberRange::above(0).at_most(1) is (0, 1]; NumberRange::at_least(0).below(1) is [0, 1).
struct NumberRange {
  std::optional<double> min;
  bool min_inclusive = true;
  std::optional<double> max;
  bool max_inclusive = true;

  static NumberRange any() { return {}; }
  static NumberRange above(double bound) { return {bound, false, std::nullopt, true}; }
  static NumberRange at_least(double bound) { return {bound, true, std::nullopt, true}; }
  static NumberRange positive() { return above(0); }
  static NumberRange non_negative() { return at_least(0); }
  NumberRange below(double bound) const;
  NumberRange at_most(double bound) const;

  bool contains(double value) const;
  /// "a number > 0", "a number >= 1", "a number in (0, 1]".
  std::string describe() const;
};

/// A closed interval of integers; the upper bound is optional.
struct IntegerRange {
  std::int64_t min = std::numeric_limits<std::int64_t>::min();
  std::optional<std::int64_t> max;

  static IntegerRange at_least(std::int64_t bound) { return {bound, std::nullopt}; }
  static IntegerRange positive() { return at_least(1); }
  static IntegerRange non_negative() { return at_least(0); }
  static IntegerRange between(std::int64_t low, std::int64_t high) { return {low, high}; }
  IntegerRange at_most(std::int64_t bound) const { return {min, bound}; }

  bool contains(std::int64_t value) const { return value >= min && (!max || value <= *max); }
  /// "a positive integer", "a positive integer <= 1024", "2 or 3", "an integer in [2, 9]".
  std::string describe() const;
};

class JsonReader {
 public:
  /// `value` must outlive the reader and every reader derived from it. `source` prefixes
  /// every message (empty: no prefix); `path` is the JSON pointer of `value` ("" = root).
  JsonReader(const nlohmann::json& value, std::string source, std::string path = "");

  const nlohmann::json& value() const { return *value_; }
  const std::string& source() const { return source_; }
  const std::string& path() const { return path_; }
  /// The JSON pointer of `key` inside this object ("~" and "/" escaped as RFC 6901 says).
  std::string path_of(std::string_view key) const;

  // --- Object structure --------------------------------------------------------------------

  /// Throws unless this value is a JSON object. The accessors below call it themselves.
  void require_object() const;
  /// Whether the key is present (and not null). Marks the key as allowed.
  bool has(std::string_view key);
  /// Marks a key as allowed without reading it (free-text fields the program ignores).
  void ignore(std::string_view key);
  /// Declares the complete key set of this object and throws now for any other key, so that
  /// a typo is reported as such rather than as the correctly spelled key being missing.
  void allow_only(std::initializer_list<std::string_view> keys);
  /// Throws for the first key (in sorted order) that no accessor asked for.
  void finish() const;

  JsonReader object(std::string_view key);
  std::optional<JsonReader> optional_object(std::string_view key);

  // --- Scalars -------------------------------------------------------------------------------
  // A present key holding null counts as absent: optional_* returns nullopt, the others throw.

  double number(std::string_view key, const NumberRange& range = NumberRange::any());
  std::optional<double> optional_number(std::string_view key, const NumberRange& range = NumberRange::any());
  double number_or(std::string_view key, double fallback, const NumberRange& range = NumberRange::any());

  /// Integers may be written as 12 or 12.0 or 1.2e1, but not 12.5.
  std::int64_t integer(std::string_view key, const IntegerRange& range);
  std::optional<std::int64_t> optional_integer(std::string_view key, const IntegerRange& range);
  std::int64_t integer_or(std::string_view key, std::int64_t fallback, const IntegerRange& range);
  /// The full 0 .. 2^64-1 range, for seeds.
  std::optional<std::uint64_t> optional_unsigned(std::string_view key);

  /// `non_empty` rejects "" (and strings of only white space).
  std::string string(std::string_view key, bool non_empty = true);
  std::optional<std::string> optional_string(std::string_view key, bool non_empty = true);
  std::string string_or(std::string_view key, std::string fallback, bool non_empty = true);

  bool boolean(std::string_view key);
  bool boolean_or(std::string_view key, bool fallback);

  /// One of a fixed list of strings, e.g. {{"fifo", Policy::Fifo}, {"easy-backfill", ...}}.
  template <typename T>
  T choice(std::string_view key, std::initializer_list<std::pair<std::string_view, T>> options) {
    return choice(key, std::span(options.begin(), options.size()));
  }
  template <typename T>
  T choice_or(std::string_view key, T fallback,
              std::initializer_list<std::pair<std::string_view, T>> options) {
    return choice_or(key, fallback, std::span(options.begin(), options.size()));
  }
  /// The same with the options from a table (sim/config/extension_names.hpp).
  template <typename T>
  T choice(std::string_view key, std::span<const std::pair<std::string_view, T>> options);
  template <typename T>
  T choice_or(std::string_view key, T fallback, std::span<const std::pair<std::string_view, T>> options);

  // --- Errors --------------------------------------------------------------------------------

  /// "<source>: <path of this value>: <message>".
  [[noreturn]] void fail(std::string_view message) const;
  /// "<source>: <path of key>: <message>".
  [[noreturn]] void fail_at(std::string_view key, std::string_view message) const;
  /// "<source>: <path of key>: found <value>, expected <expected>"; "missing" if absent.
  [[noreturn]] void fail_found(std::string_view key, std::string_view expected) const;

  /// How a value is shown after "found": -2, "8", true, null, an object, an array. With
  /// `with_type`, scalars get their type appended: "8" (a string), true (a boolean).
  static std::string describe_value(const nlohmann::json& value, bool with_type);
  /// The value's JSON type in words: "a string", "a number", "a boolean", "null", ...
  static std::string type_name(const nlohmann::json& value);
  /// The shortest text that reads back as the same double: 50000000000, 0.4, 1e+300.
  static std::string format_number(double value);

 private:
  /// The value at key, or nullptr when absent or null. Marks the key as allowed.
  const nlohmann::json* lookup(std::string_view key);
  const nlohmann::json& require(std::string_view key, std::string_view expected);
  double to_number(std::string_view key, const nlohmann::json& v, const NumberRange& range) const;
  std::int64_t to_integer(std::string_view key, const nlohmann::json& v, const IntegerRange& range) const;
  std::string to_string(std::string_view key, const nlohmann::json& v, bool non_empty) const;
  /// Index of the key's string in `names`; nullopt if absent and not `required`.
  std::optional<std::size_t> choice_index(std::string_view key, const std::vector<std::string_view>& names,
                                          bool required);
  void note_key(std::string_view key);

  const nlohmann::json* value_;
  std::string source_;
  std::string path_;
  std::vector<std::string> known_keys_;  // in the order they were asked for, for messages
  bool closed_key_set_ = false;          // allow_only() was called
};

template <typename T>
T JsonReader::choice(std::string_view key, std::span<const std::pair<std::string_view, T>> options) {
  std::vector<std::string_view> names;
  for (const auto& option : options) names.push_back(option.first);
  return options[*choice_index(key, names, true)].second;
}

template <typename T>
T JsonReader::choice_or(std::string_view key, T fallback,
                        std::span<const std::pair<std::string_view, T>> options) {
  std::vector<std::string_view> names;
  for (const auto& option : options) names.push_back(option.first);
  const std::optional<std::size_t> index = choice_index(key, names, false);
  return index ? options[*index].second : fallback;
}

/// The deepest nesting parse_json_text accepts by default. The inputs are a few levels deep;
/// a file of a million "[" is not one of them, and would otherwise take memory and stack in
/// proportion to its depth.
inline constexpr int kMaxJsonDepth = 64;

/// Parses JSON text strictly: no comments, no duplicate keys (the standard allows them but
/// only the last would count, hiding an edit: "configs/x.json: /ppus: duplicate key; each key
/// may appear only once"), nothing nested deeper than `max_depth` levels. Errors are
/// InputErrors that name the source and the line and column: "configs/x.json: line 3, column 7:
/// invalid JSON: ...". Text without a line break (one trace row, whose source is
/// "trace.jsonl:17") is located by column only. Blank text is an error too.
nlohmann::json parse_json_text(const std::string& text, const std::string& source,
                               int max_depth = kMaxJsonDepth);

/// The largest JSON document read (a scenario, a spec, a report): a 100,000-PPU scenario is a
/// few KB and a report a few MB.
inline constexpr std::uintmax_t kMaxDocumentBytes = std::uintmax_t{256} << 20;
/// The largest trace file read whole (the CSV importers): the public traces are below 1 GiB.
inline constexpr std::uintmax_t kMaxTraceFileBytes = std::uintmax_t{4} << 30;

/// The whole content of a file; InputError naming the file if it is missing or unreadable, or
/// longer than `max_bytes` (a device such as /dev/zero never ends).
std::string read_text_file(const std::string& path, std::uintmax_t max_bytes = kMaxDocumentBytes);

}  // namespace ppusim
