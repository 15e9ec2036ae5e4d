// Error messages quote what they found, but never more than a reader can use: a 200 MB line
// echoed whole costs a gigabyte of memory and floods the terminal (issue #16).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ppusim {

/// The most characters of offending text a message quotes.
inline constexpr std::size_t kMaxQuotedChars = 200;

/// `text` itself when short, else its first `max_chars` bytes and "… (N bytes in all)". `whole`
/// is the size of the whole when `text` is already a prefix of it.
inline std::string excerpt(std::string_view text, std::size_t max_chars = kMaxQuotedChars,
                           std::size_t whole = 0) {
  if (whole < text.size()) whole = text.size();
  if (whole <= max_chars) return std::string(text);
  // Do not cut inside a UTF-8 sequence: back up to the start of the character.
  std::size_t cut = max_chars;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "… (" + std::to_string(whole) + " bytes in all)";
}

}  // namespace ppusim
