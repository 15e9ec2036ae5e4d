// Error messages quote what they found, and what they found may be any bytes: a trace row of
// invalid UTF-8 would make the message itself invalid text, which terminals garble and CI
// logs (JUnit XML, JSON) reject. Messages are made printable once, where they are printed.
#pragma once

#include <string>
#include <string_view>

namespace ppusim {

/// `text` with every byte that is not part of a valid UTF-8 sequence, and every ASCII control
/// character other than tab and line feed, written as \xNN. Valid UTF-8 is kept as it is.
std::string printable_text(std::string_view text);

}  // namespace ppusim
