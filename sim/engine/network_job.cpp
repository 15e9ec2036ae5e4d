#include "sim/engine/network_job.hpp"

#include <simgrid/s4u.hpp>
#include <vector>

#include "sim/engine/cluster_manager.hpp"
#include "sim/metrics/run_metrics.hpp"

namespace ppusim {

namespace sg4 = simgrid::s4u;

namespace {

sg4::CommPtr start_flow(sg4::Host* from, sg4::Host* to, double bytes) {
  return sg4::Comm::sendto_async(from, to, static_cast<std::uint64_t>(bytes));
}

}  // namespace

void NetworkJob::operator()() const {
  std::vector<sg4::CommPtr> flows;
  for (const StagingFlow& staging : plan.staging) {
    flows.push_back(start_flow(platform->storage, platform->storage_clients[staging.node], staging.bytes));
  }
  if (!flows.empty()) sg4::Comm::wait_all(flows);

  for (int segment = 0; segment < plan.segments; ++segment) {
    const double compute_start = sg4::Engine::get_clock();
    // Recorded before the sleep: nothing can interrupt computing, and a run cut at the
    // horizon clips it there.
    metrics->add_compute(job, compute_start, compute_start + plan.compute_per_segment_s, 1.0,
                         plan.delivered_flops_per_s);
    sg4::this_actor::sleep_for(plan.compute_per_segment_s);

    const double comm_start = sg4::Engine::get_clock();
    flows.clear();
    for (const RingFlow& edge : plan.cross_leaf_flows) {
      flows.push_back(
          start_flow(platform->nodes[edge.from_node], platform->nodes[edge.to_node], plan.flow_bytes_per_segment));
    }
    counters->flows += static_cast<long long>(flows.size());
    ++counters->segments;
    if (!flows.empty()) sg4::Comm::wait_all(flows);
    const double private_done = comm_start + plan.private_comm_per_segment_s;
    if (sg4::Engine::get_clock() < private_done) sg4::this_actor::sleep_until(private_done);
  }
  manager->network_job_finished(job);
}

}  // namespace ppusim
