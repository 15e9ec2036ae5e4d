#include "sim/engine/cluster_resources.hpp"

#include <algorithm>
#include <bit>
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

bool spans_server_shapes(const Scenario& scenario, PoolMask pools) {
  const NodeSpec& first = scenario.pools[std::countr_zero(pools)].node;
  for (PoolMask mask = pools; mask != 0; mask &= mask - 1) {
    if (!(scenario.pools[std::countr_zero(mask)].node == first)) return true;
  }
  return false;
}

Scenario weakest_server_view(const Scenario& scenario, PoolMask pools) {
  Scenario view = scenario.as_seen_from_pool(std::countr_zero(pools));
  NodeSpec& weakest = view.node;
  double nic_per_ppu = weakest.node_nic_bandwidth_bytes_per_s() / weakest.ppus_per_node;
  int scale_up_domain = weakest.scale_up_domain();
  for (PoolMask mask = pools; mask != 0; mask &= mask - 1) {
    const NodeSpec& server = scenario.pools[std::countr_zero(mask)].node;
    weakest.ppus_per_node = std::min(weakest.ppus_per_node, server.ppus_per_node);
    weakest.intra_node_bandwidth_bytes_per_s =
        std::min(weakest.intra_node_bandwidth_bytes_per_s, server.intra_node_bandwidth_bytes_per_s);
    weakest.nics_per_node = std::min(weakest.nics_per_node, server.nics_per_node);
    nic_per_ppu = std::min(nic_per_ppu, server.node_nic_bandwidth_bytes_per_s() / server.ppus_per_node);
    scale_up_domain = std::min(scale_up_domain, server.scale_up_domain());
  }
  // The NIC bandwidth per PPU is what a full node's ring traffic meets (k · v / B_nic with
  // k = its PPUs): the view's NICs carry the least of it for each of its PPUs.
  weakest.nic_bandwidth_bytes_per_s =
      nic_per_ppu * weakest.ppus_per_node / std::max(1, weakest.nics_per_node);
  weakest.scale_up_domain_ppus = scale_up_domain;
  return view;
}

ResourcePool make_resources(const TopologyLayout& layout, const Scenario& scenario,
                            const PlacementInputs& inputs) {
  if (!scenario.has_several_pools() && !scenario.models_host_resources())
    return ResourcePool(layout, scenario.node.ppus_per_node, scenario.scheduler.placement, inputs);
  ResourcePool resources(layout, scenario.pools, scenario.scheduler.placement, inputs);
  // With tenants a span stays on one server shape (docs/models.md, "Limitations").
  if (scenario.scheduler.span_pools) resources.allow_spanning(scenario.tenants.tenants.empty());
  if (scenario.scheduler.pool_choice == PoolPreference::LeastAllocated) resources.prefer_least_allocated();
  if (scenario.scheduler.pool_choice == PoolPreference::LeastFragmenting)
    resources.prefer_least_fragmenting();
  return resources;
}

}  // namespace ppusim
