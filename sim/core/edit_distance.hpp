// Levenshtein distance between two short texts: the "did you mean" hints on a misspelled key
// or metric pointer.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ppusim {

/// The fewest single-character insertions, deletions and substitutions turning a into b.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The name in `names` closest to `name` when the difference looks like a typo, for "did you
/// mean" hints; nullopt when none is close.
std::optional<std::string> closest_name(std::string_view name, const std::vector<std::string>& names);

}  // namespace ppusim
