# Build-time step (CMakeLists.txt, "Hardware catalog" block): turns the catalog's JSON files
# (sim/hardware/catalog/) into a C++ source holding their bytes, so that an installed ppusim
# knows every chip and server without a data path (docs/hardware.md). Run as
#   cmake -DCHIPS=.../chips.json -DSERVERS=.../servers.json -DOUTPUT=.../catalog_data.cpp -P embed_hardware_catalog.cmake
# The files are parsed and checked when the program first reads them (hardware_catalog.cpp);
# here they are only copied, byte for byte.
cmake_minimum_required(VERSION 3.25)

# The bytes of `file` as a C array initializer, 24 bytes a line.
function(bytes_of file out_bytes out_size)
  file(READ "${file}" hex HEX)
  string(LENGTH "${hex}" hex_length)
  math(EXPR size "${hex_length} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(REPEAT "0x..," 24 line)  # CMake regexes have no {n}
  string(REGEX REPLACE "(${line})" "\\1\n" bytes "${bytes}")
  set(${out_bytes} "${bytes}" PARENT_SCOPE)
  set(${out_size} "${size}" PARENT_SCOPE)
endfunction()

bytes_of("${CHIPS}" chips_bytes chips_size)
bytes_of("${SERVERS}" servers_bytes servers_size)

file(WRITE "${OUTPUT}.tmp"
"// Generated at build time by cmake/embed_hardware_catalog.cmake from ${CHIPS} and
// ${SERVERS}: do not edit.
#include \"sim/hardware/catalog_data.hpp\"

namespace ppusim {
namespace {
const unsigned char kChips[${chips_size}] = {
${chips_bytes}
};
const unsigned char kServers[${servers_size}] = {
${servers_bytes}
};
}  // namespace

std::string_view catalog_chips_json() { return {reinterpret_cast<const char*>(kChips), sizeof kChips}; }

std::string_view catalog_servers_json() { return {reinterpret_cast<const char*>(kServers), sizeof kServers}; }

}  // namespace ppusim
")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
