// Whether a job's requested PPU type names a pool's chip (docs/config.md, "Requests"): the
// chip's own `name` ("H20"), or the hardware catalog's name of a chip with that `name`
// ("h20"), compared without regard to case. "any" matches every chip.
#pragma once

#include <string>
#include <vector>

#include "sim/config/scenario.hpp"

namespace ppusim {

bool ppu_type_names_chip(const std::string& requested, const PpuSpec& chip);
/// Whether some pool's chip is one of `requested` (an empty list, or "any", asks for any).
bool some_pool_has_type(const std::vector<std::string>& requested, const std::vector<PoolSpec>& pools);
/// Whether `requested` allows `chip` (empty or containing "any": every chip).
bool request_allows_chip(const std::vector<std::string>& requested, const PpuSpec& chip);

}  // namespace ppusim
