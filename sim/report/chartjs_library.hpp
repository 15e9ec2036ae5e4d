// Chart.js, the chart library of the HTML reports, embedded in the binary at build time from
// Debian's libjs-chart.js (cmake/embed_chartjs.cmake generates the definitions), so that
// ppusim alone writes pages that open offline. MIT License; its banner is part of the text.
#pragma once

#include <string_view>

namespace ppusim {

/// The minified library (chart.min.js), byte for byte, licence banner included. It holds
/// neither "</script" nor "<!--" (checked at build time), so it can be inlined in <script>.
std::string_view chartjs_library();

/// Its version, read from the banner at build time: "3.9.1" with Debian 12.
std::string_view chartjs_version();

}  // namespace ppusim
