#include "sim/config/ppu_type_match.hpp"

#include <algorithm>
#include <cctype>

#include "sim/hardware/hardware_catalog.hpp"

namespace ppusim {

namespace {

bool same_ignoring_case(const std::string& a, const std::string& b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(),
                    [](unsigned char x, unsigned char y) { return std::tolower(x) == std::tolower(y); });
}

}  // namespace

bool ppu_type_names_chip(const std::string& requested, const PpuSpec& chip) {
  if (same_ignoring_case(requested, "any") || same_ignoring_case(requested, chip.name)) return true;
  const CatalogChip* catalog = hardware_catalog().find_chip(requested);
  return catalog != nullptr && catalog->ppu.value("name", std::string()) == chip.name;
}

bool request_allows_chip(const std::vector<std::string>& requested, const PpuSpec& chip) {
  if (requested.empty()) return true;
  return std::any_of(requested.begin(), requested.end(),
                     [&chip](const std::string& type) { return ppu_type_names_chip(type, chip); });
}

bool some_pool_has_type(const std::vector<std::string>& requested, const std::vector<PoolSpec>& pools) {
  return std::any_of(pools.begin(), pools.end(),
                     [&requested](const PoolSpec& pool) { return request_allows_chip(requested, pool.ppu); });
}

}  // namespace ppusim
