#include "sim/core/json_number.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

namespace ppusim {

void append_json_number(std::string& text, double value) {
  if (!std::isfinite(value)) {
    text += "null";  // what dump() writes for NaN and ±infinity
    return;
  }
  // The very function nlohmann::json's serializer calls for a double (serializer::dump_float),
  // so the bytes are report.json's by construction, not by imitation: std::to_chars' shortest
  // form differs from Grisu2 in the digits it picks for a few values and in the exponent style.
  std::array<char, 64> buffer{};  // the serializer's own buffer size
  const char* end = nlohmann::detail::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  text.append(buffer.data(), static_cast<std::size_t>(end - buffer.data()));
}

void append_json_number(std::string& text, long long value) {
  std::array<char, 24> buffer{};  // 20 characters hold any 64-bit integer with its sign
  const std::to_chars_result result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  text.append(buffer.data(), static_cast<std::size_t>(result.ptr - buffer.data()));
}

}  // namespace ppusim
