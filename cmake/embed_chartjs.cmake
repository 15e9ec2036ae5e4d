# Build-time step (CMakeLists.txt, "HTML report" block): turns Debian's minified Chart.js into
# a C++ source holding its bytes, so that the ppusim binary alone can write a self-contained,
# offline report.html (docs/html-report.md). Run as
#   cmake -DINPUT=.../chart.min.js -DOUTPUT=.../chartjs_library.cpp -P embed_chartjs.cmake
# The file is embedded byte for byte: its MIT licence banner stays at the top of the script.
cmake_minimum_required(VERSION 3.25)

file(READ "${INPUT}" text)
# The pinned library is what the page and docs/html-report.md describe: refuse anything else.
string(REGEX MATCH "Chart\\.js v([0-9]+\\.[0-9]+\\.[0-9]+)" banner "${text}")
if(NOT banner OR NOT CMAKE_MATCH_1 VERSION_GREATER_EQUAL 3.0 OR CMAKE_MATCH_1 VERSION_GREATER_EQUAL 4.0)
  message(FATAL_ERROR "${INPUT}: found no \"Chart.js v3.x.y\" banner, expected Debian's libjs-chart.js 3.x")
endif()
set(version "${CMAKE_MATCH_1}")
string(FIND "${text}" "Released under the MIT License" licence)
if(licence EQUAL -1)
  message(FATAL_ERROR "${INPUT}: found no MIT licence notice in the banner, expected one to keep in the page")
endif()
# Inside <script>...</script> the HTML parser ends the element at "</script" and changes state
# at "<!--" whatever the JavaScript means: either would break the page.
string(TOLOWER "${text}" lower)
foreach(bad "</script" "<!--")
  string(FIND "${lower}" "${bad}" found)
  if(NOT found EQUAL -1)
    message(FATAL_ERROR "${INPUT}: holds \"${bad}\", which cannot be inlined in a <script> element")
  endif()
endforeach()

file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REPEAT "0x..," 24 line)  # 24 bytes a line: CMake regexes have no {n}
string(REGEX REPLACE "(${line})" "\\1\n" bytes "${bytes}")

file(WRITE "${OUTPUT}.tmp"
"// Generated at build time by cmake/embed_chartjs.cmake from ${INPUT}: do not edit.
#include \"sim/report/chartjs_library.hpp\"

namespace ppusim {
namespace {
const unsigned char kChartJs[${size}] = {
${bytes}
};
}  // namespace

std::string_view chartjs_library() { return {reinterpret_cast<const char*>(kChartJs), sizeof kChartJs}; }

std::string_view chartjs_version() { return \"${version}\"; }

}  // namespace ppusim
")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
