// Levenshtein distance between two short texts: the "did you mean" hints on a misspelled key
// or metric pointer.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string_view>

namespace ppusim {

/// The fewest single-character insertions, deletions and substitutions turning a into b.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate `key` is most likely a typo of: the closest by edit distance, if within
/// max(2, half its length); nullopt when none is that close.
std::optional<std::string_view> likely_typo_of(std::string_view key,
                                               std::initializer_list<std::string_view> candidates);

}  // namespace ppusim
