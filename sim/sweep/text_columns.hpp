// Rows of text cells laid out in aligned columns for the terminal (sweep and plan tables).
#pragma once

#include <string>
#include <vector>

namespace ppusim {

/// Each column as wide as its widest cell (counting UTF-8 characters, not bytes), two spaces
/// between columns, one line per row.
std::string align_columns(const std::vector<std::vector<std::string>>& rows);

}  // namespace ppusim
