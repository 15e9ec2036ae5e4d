// Levenshtein distance between two short texts: the "did you mean" hints on a misspelled key
// or metric pointer.
#pragma once

#include <cstddef>
#include <string_view>

namespace ppusim {

/// The fewest single-character insertions, deletions and substitutions turning a into b.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace ppusim
