#include "sim/core/json_reader.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <stdexcept>

#include "sim/core/edit_distance.hpp"
#include "sim/core/escaping.hpp"
#include "sim/core/input_error.hpp"

namespace ppusim {

using nlohmann::json;

namespace {

std::string join_message(const std::string& source, const std::string& path, std::string_view message) {
  std::string text;
  if (!source.empty()) text += source + ": ";
  // The root's JSON pointer is the empty string, which would read as a stray colon.
  text += path.empty() ? "/" : path;
  text += ": ";
  text += message;
  return text;
}

std::string join_names(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) {
    if (!text.empty()) text += ", ";
    text += name;
  }
  return text;
}

std::string quoted_list(const std::vector<std::string_view>& names) {
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) text += ", ";
    text += '"';
    text += names[i];
    text += '"';
  }
  return text;
}

/// "64 MiB", "4 GiB": the caps are powers of two.
std::string format_byte_size(std::uintmax_t bytes) {
  if (bytes >= (1ULL << 30) && bytes % (1ULL << 30) == 0) return std::to_string(bytes >> 30) + " GiB";
  if (bytes >= (1ULL << 20) && bytes % (1ULL << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  return std::to_string(bytes) + " bytes";
}

bool is_blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

}  // namespace

// --- NumberRange / IntegerRange ---------------------------------------------------------------

NumberRange NumberRange::below(double bound) const {
  NumberRange range = *this;
  range.max = bound;
  range.max_inclusive = false;
  return range;
}

NumberRange NumberRange::at_most(double bound) const {
  NumberRange range = *this;
  range.max = bound;
  range.max_inclusive = true;
  return range;
}

bool NumberRange::contains(double value) const {
  if (std::isnan(value)) return false;
  if (min && (min_inclusive ? value < *min : value <= *min)) return false;
  if (max && (max_inclusive ? value > *max : value >= *max)) return false;
  return true;
}

std::string NumberRange::describe() const {
  using F = JsonReader;
  if (min && max) {
    return "a number in " + std::string(min_inclusive ? "[" : "(") + F::format_number(*min) + ", " +
           F::format_number(*max) + (max_inclusive ? "]" : ")");
  }
  if (min) return std::string("a number ") + (min_inclusive ? ">= " : "> ") + F::format_number(*min);
  if (max) return std::string("a number ") + (max_inclusive ? "<= " : "< ") + F::format_number(*max);
  return "a number";
}

std::string IntegerRange::describe() const {
  const std::string upper = max ? " <= " + std::to_string(*max) : "";
  if (min == 1) return "a positive integer" + upper;
  if (min == 0) return "a non-negative integer" + upper;
  if (max && *max == min) return "the integer " + std::to_string(min);
  if (max && *max == min + 1) return std::to_string(min) + " or " + std::to_string(*max);
  if (max) return "an integer in [" + std::to_string(min) + ", " + std::to_string(*max) + "]";
  if (min == std::numeric_limits<std::int64_t>::min()) return "an integer";
  return "an integer >= " + std::to_string(min);
}

// --- JsonReader: construction and structure ------------------------------------------------------

JsonReader::JsonReader(const json& value, std::string source, std::string path)
    : value_(&value), source_(std::move(source)), path_(std::move(path)) {}

std::string JsonReader::path_of(std::string_view key) const { return path_ + "/" + json_pointer_token(key); }

void JsonReader::require_object() const {
  if (!value_->is_object()) fail("found " + describe_value(*value_, true) + ", expected an object");
}

void JsonReader::note_key(std::string_view key) {
  if (std::find(known_keys_.begin(), known_keys_.end(), key) != known_keys_.end()) return;
  // After allow_only() the key set is closed; reading another key is a bug in the loader,
  // not in the input, so it is not an InputError.
  if (closed_key_set_) {
    throw std::logic_error("JsonReader: key '" + std::string(key) + "' read at " + path_ +
                           " but not declared in allow_only()");
  }
  known_keys_.emplace_back(key);
}

const json* JsonReader::lookup(std::string_view key) {
  require_object();
  note_key(key);
  const auto it = value_->find(key);
  if (it == value_->end() || it->is_null()) return nullptr;
  return &*it;
}

const json& JsonReader::require(std::string_view key, std::string_view expected) {
  const json* v = lookup(key);
  if (v == nullptr) {
    // A required key written as null is there, so "missing" would send the reader looking
    // for a key they can see; the optional accessors still read null as absent.
    const bool null_given = value_->is_object() && value_->contains(key);
    fail_at(key, (null_given ? "found null, expected " : "missing, expected ") + std::string(expected));
  }
  return *v;
}

bool JsonReader::has(std::string_view key) { return lookup(key) != nullptr; }

void JsonReader::ignore(std::string_view key) {
  require_object();
  note_key(key);
}

void JsonReader::allow_only(std::initializer_list<std::string_view> keys) {
  require_object();
  // Room for every key at once: a trace row declares its ~20 keys here, and growing the
  // vector key by key moved the strings five times per row (callgrind, docs/performance.md).
  known_keys_.reserve(known_keys_.size() + keys.size());
  for (const auto key : keys) note_key(key);
  closed_key_set_ = true;
  finish();
}

void JsonReader::finish() const {
  require_object();
  for (const auto& [key, unused] : value_->items()) {
    if (std::find(known_keys_.begin(), known_keys_.end(), key) != known_keys_.end()) continue;
    std::string message = known_keys_.empty() ? "unknown key; no keys are allowed here"
                                              : "unknown key; allowed keys here: " + join_names(known_keys_);
    // Suggest the closest allowed key when the difference looks like a typo.
    if (const auto best = closest_name(key, known_keys_)) message += "; did you mean \"" + *best + "\"?";
    fail_at(key, message);
  }
}

JsonReader JsonReader::object(std::string_view key) {
  const json& v = require(key, "an object");
  if (!v.is_object()) fail_at(key, "found " + describe_value(v, true) + ", expected an object");
  return JsonReader(v, source_, path_of(key));
}

std::optional<JsonReader> JsonReader::optional_object(std::string_view key) {
  if (!has(key)) return std::nullopt;
  return object(key);
}

// --- JsonReader: scalars ------------------------------------------------------------------------

double JsonReader::to_number(std::string_view key, const json& v, const NumberRange& range) const {
  // Booleans are not numbers here, though nlohmann would convert them.
  if (!v.is_number()) fail_at(key, "found " + describe_value(v, true) + ", expected " + range.describe());
  const double number = v.get<double>();
  if (!std::isfinite(number) || !range.contains(number)) {
    fail_at(key, "found " + describe_value(v, false) + ", expected " + range.describe());
  }
  return number;
}

double JsonReader::number(std::string_view key, const NumberRange& range) {
  return to_number(key, require(key, range.describe()), range);
}

std::optional<double> JsonReader::optional_number(std::string_view key, const NumberRange& range) {
  const json* v = lookup(key);
  if (v == nullptr) return std::nullopt;
  return to_number(key, *v, range);
}

double JsonReader::number_or(std::string_view key, double fallback, const NumberRange& range) {
  return optional_number(key, range).value_or(fallback);
}

std::int64_t JsonReader::to_integer(std::string_view key, const json& v, const IntegerRange& range) const {
  const auto out_of_range = [&] {
    fail_at(key, "found " + describe_value(v, false) + ", expected " + range.describe());
  };
  std::int64_t integer = 0;
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) out_of_range();
    integer = static_cast<std::int64_t>(u);
  } else if (v.is_number_integer()) {
    integer = v.get<std::int64_t>();
  } else if (v.is_number_float()) {
    // 2e4 is an integer written in exponent form; 2.5 is not an integer at all.
    const double d = v.get<double>();
    if (!std::isfinite(d) || d != std::floor(d) || d < -9.2e18 || d > 9.2e18) out_of_range();
    integer = static_cast<std::int64_t>(d);
  } else {
    fail_at(key, "found " + describe_value(v, true) + ", expected " + range.describe());
  }
  if (!range.contains(integer)) out_of_range();
  return integer;
}

std::int64_t JsonReader::integer(std::string_view key, const IntegerRange& range) {
  return to_integer(key, require(key, range.describe()), range);
}

std::optional<std::int64_t> JsonReader::optional_integer(std::string_view key, const IntegerRange& range) {
  const json* v = lookup(key);
  if (v == nullptr) return std::nullopt;
  return to_integer(key, *v, range);
}

std::int64_t JsonReader::integer_or(std::string_view key, std::int64_t fallback, const IntegerRange& range) {
  return optional_integer(key, range).value_or(fallback);
}

std::optional<std::uint64_t> JsonReader::optional_unsigned(std::string_view key) {
  const json* v = lookup(key);
  if (v == nullptr) return std::nullopt;
  if (v->is_number_unsigned()) return v->get<std::uint64_t>();
  const char* expected = "a non-negative integer";
  if (v->is_number_integer()) fail_at(key, "found " + describe_value(*v, false) + ", expected " + expected);
  if (v->is_number_float()) {
    const double d = v->get<double>();
    // Below 2^64 and whole; doubles that large are exact integers, so the cast is exact.
    if (std::isfinite(d) && d >= 0 && d < 18446744073709551616.0 && d == std::floor(d)) {
      return static_cast<std::uint64_t>(d);
    }
    fail_at(key, "found " + describe_value(*v, false) + ", expected " + expected);
  }
  fail_at(key, "found " + describe_value(*v, true) + ", expected " + expected);
}

std::string JsonReader::to_string(std::string_view key, const json& v, bool non_empty) const {
  const char* expected = non_empty ? "a non-empty string" : "a string";
  if (!v.is_string()) fail_at(key, "found " + describe_value(v, true) + ", expected " + expected);
  const auto& text = v.get_ref<const std::string&>();
  if (non_empty && is_blank(text))
    fail_at(key, "found " + describe_value(v, false) + ", expected " + expected);
  return text;
}

std::string JsonReader::string(std::string_view key, bool non_empty) {
  return to_string(key, require(key, non_empty ? "a non-empty string" : "a string"), non_empty);
}

std::optional<std::string> JsonReader::optional_string(std::string_view key, bool non_empty) {
  const json* v = lookup(key);
  if (v == nullptr) return std::nullopt;
  return to_string(key, *v, non_empty);
}

std::string JsonReader::string_or(std::string_view key, std::string fallback, bool non_empty) {
  auto text = optional_string(key, non_empty);
  return text ? std::move(*text) : std::move(fallback);
}

bool JsonReader::boolean(std::string_view key) {
  const json& v = require(key, "true or false");
  if (!v.is_boolean()) fail_at(key, "found " + describe_value(v, true) + ", expected true or false");
  return v.get<bool>();
}

bool JsonReader::boolean_or(std::string_view key, bool fallback) {
  return has(key) ? boolean(key) : fallback;
}

std::optional<std::size_t> JsonReader::choice_index(std::string_view key,
                                                    const std::vector<std::string_view>& names,
                                                    bool required) {
  const std::string expected = "one of " + quoted_list(names);
  const json* v = lookup(key);
  if (v == nullptr) {
    if (required) fail_at(key, "missing, expected " + expected);
    return std::nullopt;
  }
  if (!v->is_string()) fail_at(key, "found " + describe_value(*v, true) + ", expected " + expected);
  const auto& text = v->get_ref<const std::string&>();
  const auto it = std::find(names.begin(), names.end(), text);
  if (it == names.end()) {
    std::string message = "found " + describe_value(*v, false) + ", expected " + expected;
    // Suggest the closest allowed value when the difference looks like a typo.
    if (const auto best = closest_name(text, std::vector<std::string>(names.begin(), names.end())))
      message += "; did you mean \"" + *best + "\"?";
    fail_at(key, message);
  }
  return static_cast<std::size_t>(it - names.begin());
}

// --- JsonReader: errors -------------------------------------------------------------------------

void JsonReader::fail(std::string_view message) const {
  throw InputError(join_message(source_, path_, message));
}

void JsonReader::fail_at(std::string_view key, std::string_view message) const {
  throw InputError(join_message(source_, path_of(key), message));
}

void JsonReader::fail_found(std::string_view key, std::string_view expected) const {
  const auto it = value_->is_object() ? value_->find(key) : value_->end();
  if (!value_->is_object() || it == value_->end()) fail_at(key, "missing, expected " + std::string(expected));
  // A key written as null is there: "missing" would send the reader looking for it (issue #16).
  if (it->is_null()) fail_at(key, "found null, expected " + std::string(expected));
  fail_at(key, "found " + describe_value(*it, false) + ", expected " + std::string(expected));
}

std::string JsonReader::type_name(const json& value) {
  switch (value.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::object:
      return "an object";
    case json::value_t::array:
      return "an array";
    case json::value_t::string:
      return "a string";
    case json::value_t::boolean:
      return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
      return "a number";
    default:
      return "an unsupported value";
  }
}

std::string JsonReader::describe_value(const json& value, bool with_type) {
  // Containers can be large; their type says enough.
  if (value.is_object() || value.is_array()) return type_name(value);
  if (value.is_null()) return "null";
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  constexpr std::size_t kMaxShown = 60;
  if (text.size() > kMaxShown) text = text.substr(0, kMaxShown - 4) + "...\"";
  if (with_type) text += " (" + type_name(value) + ")";
  return text;
}

std::string JsonReader::format_number(double value) {
  // Whole numbers print without exponent or ".0" as long as they are exact: 8, 400000000000.
  if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15) {
    return std::to_string(static_cast<std::int64_t>(value));
  }
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

// --- Parsing text ---------------------------------------------------------------------------------

namespace {

// Tracks where the parser is, so that a duplicate key can be reported with its JSON pointer.
// nlohmann reports no value event after a nested container ends, so an array's element count
// advances both on scalar values and on the end of a nested container.
class DuplicateKeyCheck {
 public:
  DuplicateKeyCheck(const std::string& source, int max_depth) : source_(source), max_depth_(max_depth) {}

  bool operator()(int depth, json::parse_event_t event, json& parsed) {
    if (depth > max_depth_) {
      const std::string prefix = source_.empty() ? "" : source_ + ": ";
      throw InputError(prefix + "found a value nested deeper than " + std::to_string(max_depth_) +
                       " levels, expected at most " + std::to_string(max_depth_) +
                       " (is it the right file?)");
    }
    switch (event) {
      case json::parse_event_t::object_start:
        frames_.push_back({true, {}, {}, 0});
        break;
      case json::parse_event_t::array_start:
        frames_.push_back({false, {}, {}, 0});
        break;
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        frames_.pop_back();
        if (!frames_.empty() && !frames_.back().is_object) ++frames_.back().index;
        break;
      case json::parse_event_t::key: {
        Frame& frame = frames_.back();
        frame.key = parsed.get<std::string>();
        if (!frame.keys.insert(frame.key).second) {
          throw InputError(join_message(source_, pointer(), "duplicate key; each key may appear only once"));
        }
        break;
      }
      case json::parse_event_t::value:
        if (!frames_.empty() && !frames_.back().is_object) ++frames_.back().index;
        break;
    }
    return true;
  }

 private:
  struct Frame {
    bool is_object;
    std::set<std::string> keys;
    std::string key;    // the current key, in an object
    std::size_t index;  // the current element, in an array
  };

  std::string pointer() const {
    std::string path;
    for (const auto& frame : frames_) {
      path += "/" + (frame.is_object ? json_pointer_token(frame.key) : std::to_string(frame.index));
    }
    return path;
  }

  const std::string& source_;
  int max_depth_;
  std::vector<Frame> frames_;
};

// nlohmann's messages start "[json.exception.parse_error.101] parse error at line 3, column 7: ";
// keep only the part after the location, which we report in our own form.
std::string strip_nlohmann_prefix(const std::string& what) {
  std::string text = what;
  if (const auto bracket = text.find("] ");
      text.rfind("[json.exception.", 0) == 0 && bracket != std::string::npos) {
    text = text.substr(bracket + 2);
  }
  if (text.rfind("parse error", 0) == 0) {
    if (const auto colon = text.find(": "); colon != std::string::npos) text = text.substr(colon + 2);
  }
  return text;
}

}  // namespace

json parse_json_text(const std::string& text, const std::string& source, int max_depth) {
  const std::string prefix = source.empty() ? "" : source + ": ";
  if (is_blank(text)) throw InputError(prefix + "empty input, expected a JSON value");
  try {
    return json::parse(text, DuplicateKeyCheck(source, max_depth), /*allow_exceptions=*/true,
                       /*ignore_comments=*/false);
  } catch (const json::parse_error& error) {
    // error.byte is 1-based and points at the character that could not be read.
    const std::size_t offset = std::min<std::size_t>(error.byte == 0 ? 0 : error.byte - 1, text.size());
    const std::size_t line_start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
    const bool at_line_start = offset == 0 || line_start == std::string::npos;
    const std::size_t column = at_line_start ? offset + 1 : offset - line_start;
    const std::size_t line =
        1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + offset, '\n'));
    std::string where = "column " + std::to_string(column);
    if (text.find('\n') != std::string::npos) where = "line " + std::to_string(line) + ", " + where;
    throw InputError(prefix + where + ": invalid JSON: " + strip_nlohmann_prefix(error.what()));
  } catch (const json::exception& error) {
    // For example a number too large for a double (out_of_range.406); nlohmann gives no position.
    throw InputError(prefix + "invalid JSON: " + strip_nlohmann_prefix(error.what()));
  }
}

std::string read_text_file(const std::string& path, std::uintmax_t max_bytes) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw InputError(path + ": is a directory, expected a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot open the file: " + std::strerror(errno));
  // Read in chunks up to the cap: /dev/zero, /dev/urandom or a pipe have no size to check
  // first, and would otherwise be read until memory runs out (issue #16).
  // A device or pipe that yields NUL bytes (/dev/zero, /dev/urandom) is no text file: refused
  // at its first chunk instead of after the whole cap.
  const bool regular = std::filesystem::is_regular_file(path, ec);
  std::string content;
  char chunk[1 << 16];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    const auto got = static_cast<std::size_t>(in.gcount());
    if (const void* nul = regular ? nullptr : std::memchr(chunk, '\0', got)) {
      const auto at = content.size() + static_cast<std::size_t>(static_cast<const char*>(nul) - chunk);
      throw InputError(path + ": found a NUL byte at byte " + std::to_string(at + 1) +
                       ", expected a text file");
    }
    content.append(chunk, got);
    if (content.size() > max_bytes) {
      throw InputError(path + ": found more than " + format_byte_size(max_bytes) +
                       ", expected a file of at most that size (is it the right file?)");
    }
  }
  if (in.bad()) throw InputError(path + ": cannot read the file: " + std::strerror(errno));
  return content;
}

}  // namespace ppusim
