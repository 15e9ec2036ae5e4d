// Checks each job's PPU-type request against the scenario's pools (docs/workloads.md,
// "Requests"): a trace row asking only for chips that no pool has is an error naming its line,
// or, with --skip-bad-rows, skipped and counted.
#pragma once

#include <vector>

#include "sim/config/scenario.hpp"
#include "workloads/job_spec.hpp"

namespace ppusim {

void check_ppu_type_requests(JobTrace& trace, const std::vector<PoolSpec>& pools, bool skip_bad_rows);

}  // namespace ppusim
