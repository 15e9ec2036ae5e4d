// The report's storage section (docs/report.md, "storage"): what the streaming inputs read
// from each tier, and how much allocated PPU-time waited for them. Derived from the run's
// records; nothing here is simulated.
#pragma once

#include <optional>

#include "sim/config/scenario.hpp"
#include "sim/metrics/observed_simulation.hpp"
#include "sim/report/report.hpp"

namespace ppusim {

/// The section, or nothing when no job streams input and the scenario has no tiers.
std::optional<ReportStorage> storage_section(const Scenario& scenario, const SimulationResult& result,
                                             double allocated_ppu_s);

}  // namespace ppusim
