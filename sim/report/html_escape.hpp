// Escaping for the HTML reports: every string ppusim puts into a page (scenario names, paths,
// labels) goes through one of these, so that no input can end an element or start a script.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace ppusim {

/// Text for an HTML text node or a double-quoted attribute value: & < > " ' as character
/// references, everything else as it is.
std::string html_text(std::string_view text);

/// JSON for a <script type="application/json"> element, to be read back with JSON.parse of
/// its textContent. Compact, invalid UTF-8 replaced by U+FFFD, and '<', '>', '&' written as
/// \u003c, \u003e, \u0026 (they can only occur inside JSON strings, where these escapes mean
/// the same characters), so the text holds no "</script" and no "<!--".
std::string script_json(const nlohmann::json& data);

}  // namespace ppusim
