// The hardware catalog's JSON files as the build embedded them (cmake/embed_hardware_catalog.cmake):
// sim/hardware/catalog/chips.json and servers.json, byte for byte.
#pragma once

#include <string_view>

namespace ppusim {

std::string_view catalog_chips_json();
std::string_view catalog_servers_json();

}  // namespace ppusim
