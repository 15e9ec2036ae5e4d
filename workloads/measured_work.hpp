// Jobs known only by how long they ran (a trace row's duration_s). Such a duration says
// nothing about the hardware unless the row names the chip it was measured on (measured_on):
// then its work is that chip's delivered rate times the duration, in FLOPs, and the job runs
// faster or slower on the scenario's chip like any other. Without measured_on the duration is
// taken as it is, on any hardware, and the report says how many jobs rest on that
// (docs/workloads.md, "Work units").
#pragma once

#include <cstdint>

#include "sim/config/scenario.hpp"
#include "workloads/job_spec.hpp"

namespace ppusim {

struct MeasuredDurationCount {
  std::int64_t fixed = 0;      // taken as measured: they do not change with the hardware
  std::int64_t converted = 0;  // turned into FLOPs at their measured_on chip
};

/// Turns every job with measured_on into total FLOPs: duration × PPUs (or the fractional job's
/// share) × the chip's dense peak at the job's precision × the workload's MFU. Counts both kinds.
MeasuredDurationCount express_measured_work(JobTrace& trace, const Scenario& scenario);

/// The same count for a trace before or after express_measured_work.
MeasuredDurationCount count_measured_durations(const JobTrace& trace);

}  // namespace ppusim
