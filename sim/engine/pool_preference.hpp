// The order in which a job tries the pools it may use, with scheduler.pool_choice "fastest"
// (docs/config.md, "Node pools"): by the job model's estimated runtime on each pool's chip and
// server (estimate_runtime_s, job_plan.hpp), least first, ties to the listed order. A job that
// fits several pools now thus starts where it would finish first.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "sim/config/scenario.hpp"
#include "sim/scheduler/resource_pool.hpp"
#include "workloads/job_spec.hpp"

namespace ppusim {

/// The pools of `pools` in the order the job tries them; empty when that is the listed order.
/// `seen_from(k)`: the scenario as a job on pool k sees it (Scenario::as_seen_from_pool).
std::vector<std::uint8_t> pools_fastest_first(const JobSpec& job, PoolMask pools,
                                              const ResourcePool& resources,
                                              const std::function<const Scenario&(int)>& seen_from);

}  // namespace ppusim
