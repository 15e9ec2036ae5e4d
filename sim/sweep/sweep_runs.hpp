// Simulating a list of sweep runs, each in a process of its own, `parallel` at a time, with
// its outputs in FOLDER/points/<id>/seed-<s>/ (sweep_folder.hpp), as `ppusim run` would write
// them (sim/app/run_pipeline.hpp). Shared by `ppusim sweep`, `ppusim plan` (which sweeps one
// field as it searches), `ppusim cheapest` and `ppusim growth`.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "sim/sweep/sweep_grid.hpp"

namespace ppusim {

/// Runs `todo`; with `progress`, prints one line per finished run there. Throws InputError
/// when a run failed on bad input, std::runtime_error when it failed otherwise; the message
/// names the run, its settings and the last line of its log.
void execute_sweep_runs(const SweepSpec& spec, const std::vector<SweepPoint>& points,
                        const std::vector<SweepRun>& todo, const std::string& folder, int parallel,
                        std::ostream* progress);

}  // namespace ppusim
