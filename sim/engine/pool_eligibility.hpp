// Which pools can ever run a job (docs/config.md, "Requests"): those whose chip the job's
// request allows, that hold its PPUs when empty, whose hosts hold its CPU and memory, and whose
// chip holds its training state (workloads/ppu_memory.hpp); with spanning allowed, also the pools
// of a span group that together hold its whole nodes (resource_pool.hpp). Decided once, at
// arrival; a job no pool can run is rejected with the reason of the first pool its chip request
// allows.
#pragma once

#include <functional>
#include <string>

#include "sim/config/scenario.hpp"
#include "sim/scheduler/resource_pool.hpp"
#include "workloads/job_spec.hpp"

namespace ppusim {

struct PoolChoice {
  PoolMask pools = 0;  // 0: none can
  std::string reason;  // why none can, when none can
};

/// Whether a job can ever run on the cluster, as it is admitted at arrival: with one pool and no
/// host limits, the cluster's own checks (its PPUs, its chip's memory; every pool allowed, as a
/// one-pool cluster's jobs carry no request), else eligible_pools. The engine and the placement
/// experiment (sim/app/fill_experiment.hpp) both admit jobs through here.
PoolChoice admissible_pools(const JobSpec& job, const Scenario& scenario, const ResourcePool& resources,
                            const std::function<const Scenario&(int)>& seen_from);

/// `seen_from(k)`: the scenario as a job on pool k sees it (Scenario::as_seen_from_pool).
PoolChoice eligible_pools(const JobSpec& job, const Scenario& scenario, const ResourcePool& resources,
                          const std::function<const Scenario&(int)>& seen_from);

}  // namespace ppusim
