// The cluster's free resources as a scenario describes them: its pools over the topology's
// nodes, with the placement policy's inputs. The engine's ClusterManager and the placement
// experiment (sim/app/fill_experiment.hpp) build them here, so that both place jobs on the same
// cluster the same way.
#pragma once

#include <vector>

#include "sim/config/scenario.hpp"
#include "sim/scheduler/resource_pool.hpp"
#include "topologies/topology_layout.hpp"
#include "workloads/job_spec.hpp"

namespace ppusim {

/// The CPU cores and memory a job asks of its nodes' hosts (none when it asks for PPUs only).
HostRequest host_request_of(const JobSpec& job);

/// What random and FGD placement need: a stream of the scenario seed, and the trace's requests
/// (FGD's target workload).
PlacementInputs placement_inputs(const Scenario& scenario, const JobTrace& trace);

/// The scenario as each pool's jobs see it, when there are several pools (else none).
std::vector<Scenario> pool_views(const Scenario& scenario);

/// Whether the pools of `pools` (a job's spanned pools) have servers of more than one shape.
bool spans_server_shapes(const Scenario& scenario, PoolMask pools);

/// The scenario as a job spanning the pools of `pools` (of one chip) sees it: their chip, and a
/// server whose every figure is the weakest among theirs, since each synchronous step waits on
/// its slowest member (docs/models.md, section f, "Spanning servers of different shapes"):
/// the fewest PPUs per node, scale-up bandwidth and domain, NICs, and the least NIC bandwidth
/// per PPU (carried by the view's NICs).
Scenario weakest_server_view(const Scenario& scenario, PoolMask pools);

/// One pool over the whole layout unless the scenario has several pools or host limits: then
/// its pools as listed (a hand-made Scenario in a test may list none), with spanning and the
/// pool choice the scheduler block asks for.
ResourcePool make_resources(const TopologyLayout& layout, const Scenario& scenario,
                            const PlacementInputs& inputs);

}  // namespace ppusim
