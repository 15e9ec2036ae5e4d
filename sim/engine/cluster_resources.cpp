#include "sim/engine/cluster_resources.hpp"

#include <utility>

#include "sim/core/random.hpp"

namespace ppusim {

HostRequest host_request_of(const JobSpec& job) {
  return job.request ? HostRequest{job.request->cpu_cores, job.request->memory_bytes} : HostRequest{};
}

PlacementInputs placement_inputs(const Scenario& scenario, const JobTrace& trace) {
  PlacementInputs inputs;
  inputs.seed = stream_seed(scenario.simulation.seed, 0x9A7D0);  // a stream of its own
  if (scenario.scheduler.placement == PlacementPolicy::Fgd) {
    std::vector<JobRequest> requests;
    requests.reserve(trace.jobs.size());
    for (const JobSpec& job : trace.jobs) requests.push_back({job.ppus, job.ppu_milli, host_request_of(job)});
    inputs.workload = RequestMix::of(requests);
  }
  return inputs;
}

std::vector<Scenario> pool_views(const Scenario& scenario) {
  std::vector<Scenario> views;
  if (!scenario.has_several_pools()) return views;
  for (std::size_t k = 0; k < scenario.pools.size(); ++k) views.push_back(scenario.as_seen_from_pool(k));
  return views;
}

ResourcePool make_resources(const TopologyLayout& layout, const Scenario& scenario,
                            const PlacementInputs& inputs) {
  if (!scenario.has_several_pools() && !scenario.models_host_resources())
    return ResourcePool(layout, scenario.node.ppus_per_node, scenario.scheduler.placement, inputs);
  ResourcePool resources(layout, scenario.pools, scenario.scheduler.placement, inputs);
  if (scenario.scheduler.span_pools) resources.allow_spanning();
  if (scenario.scheduler.pool_choice == PoolPreference::LeastAllocated) resources.prefer_least_allocated();
  if (scenario.scheduler.pool_choice == PoolPreference::LeastFragmenting)
    resources.prefer_least_fragmenting();
  return resources;
}

}  // namespace ppusim
