#include "sim/core/interned_string.hpp"

#include <mutex>
#include <unordered_set>

namespace ppusim {
namespace {

/// Every distinct non-empty text interned so far. A node-based set: an element's address never
/// changes as the set grows, so the pointers handed out stay valid for the process's life.
/// Guarded by a mutex: runs of a sweep or a test may load traces on several threads.
struct InternTable {
  std::mutex mutex;
  std::unordered_set<std::string> texts;
};

InternTable& intern_table() {
  static InternTable* table = new InternTable;  // never destroyed: pointers outlive static teardown
  return *table;
}

}  // namespace

InternedString::InternedString(std::string_view text) {
  if (text.empty()) return;
  InternTable& table = intern_table();
  const std::lock_guard<std::mutex> lock(table.mutex);
  text_ = &*table.texts.emplace(text).first;
}

const std::string& InternedString::empty_text() {
  static const std::string empty;
  return empty;
}

}  // namespace ppusim
