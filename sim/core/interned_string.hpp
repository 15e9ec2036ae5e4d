// A string from a small set of values (a container image, a chip name, a tenant, a reject
// reason), kept as one pointer into a table that holds each distinct text once.
//
// A trace holds its jobs for the whole run (10,000,000 in bench/month-1m.json); a std::string
// member is 32 bytes in every job even when all jobs say "default". An InternedString is 8, and
// equal texts share one table entry, so comparing two is comparing pointers
// (docs/performance.md). The table lives as long as the process and only grows: intern only
// texts with few distinct values, never one per job (ids, line numbers).
#pragma once

#include <string>
#include <string_view>

namespace ppusim {

class InternedString {
 public:
  /// The empty string.
  InternedString() = default;
  explicit InternedString(std::string_view text);

  InternedString& operator=(std::string_view text) { return *this = InternedString(text); }
  InternedString& operator=(const std::string& text) { return *this = InternedString(text); }
  InternedString& operator=(const char* text) { return *this = InternedString(text); }

  const std::string& str() const { return text_ ? *text_ : empty_text(); }
  operator const std::string&() const { return str(); }  // NOLINT: reads as the string it is
  operator std::string_view() const { return str(); }    // NOLINT
  bool empty() const { return text_ == nullptr; }
  std::size_t size() const { return str().size(); }

  /// Equal texts are one table entry: the pointers decide.
  friend bool operator==(const InternedString& a, const InternedString& b) { return a.text_ == b.text_; }
  friend bool operator==(const InternedString& a, std::string_view b) { return a.str() == b; }
  friend std::string operator+(const std::string& a, const InternedString& b) { return a + b.str(); }
  friend std::string operator+(const InternedString& a, const std::string& b) { return a.str() + b; }
  friend std::string operator+(const char* a, const InternedString& b) { return a + b.str(); }
  friend std::string operator+(const InternedString& a, const char* b) { return a.str() + b; }

 private:
  static const std::string& empty_text();
  const std::string* text_ = nullptr;  // null: the empty string
};

}  // namespace ppusim
