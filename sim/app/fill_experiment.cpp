#include "sim/app/fill_experiment.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <utility>

#include "sim/config/extension_names.hpp"
#include "sim/core/input_error.hpp"
#include "sim/core/random.hpp"
#include "sim/engine/cluster_resources.hpp"
#include "sim/engine/pool_eligibility.hpp"
#include "sim/engine/pool_preference.hpp"
#include "topologies/topology_layout.hpp"

namespace ppusim {

namespace {

constexpr long long kMilli = 1000;

/// What a job asks, in thousandths of a PPU.
long long requested_milli(const JobSpec& job) {
  return job.ppu_milli < kMilli ? job.ppu_milli : static_cast<long long>(job.ppus) * kMilli;
}

long long capacity_milli(const Scenario& scenario) {
  // A scenario built in code may list no pools: then its one node shape over the cluster.
  if (scenario.pools.empty())
    return static_cast<long long>(scenario.cluster.nodes) * scenario.node.ppus_per_node * kMilli;
  long long ppus = 0;
  for (const PoolSpec& pool : scenario.pools)
    ppus += static_cast<long long>(pool.nodes) * pool.node.ppus_per_node;
  return ppus * kMilli;
}

/// Where each job of the trace may go: its pools, its order among them and its host request, as
/// the ClusterManager works them out at arrival; nullopt for a job no pool could ever hold.
class Requests {
 public:
  Requests(const Scenario& scenario, const JobTrace& trace, const ResourcePool& resources)
      : views_(pool_views(scenario)), requests_(trace.jobs.size()), orders_(trace.jobs.size()) {
    const auto seen_from = [&](int pool) -> const Scenario& {
      return views_.empty() ? scenario : views_[static_cast<std::size_t>(pool)];
    };
    for (std::size_t j = 0; j < trace.jobs.size(); ++j) {
      const JobSpec& job = trace.jobs[j];
      const PoolChoice choice = admissible_pools(job, scenario, resources, seen_from);
      if (choice.pools == 0) continue;
      PlacementRequest request;
      request.pools = choice.pools;
      if (scenario.has_several_pools() && scenario.scheduler.pool_choice == PoolPreference::Fastest) {
        orders_[j] = pools_fastest_first(job, choice.pools, resources, seen_from);
      }
      request.host = host_request_of(job);
      requests_[j] = request;
    }
  }

  /// The request of job j; its order points into this object, which must outlive it.
  std::optional<PlacementRequest> of(std::size_t j) const {
    if (!requests_[j]) return std::nullopt;
    PlacementRequest request = *requests_[j];
    request.order = orders_[j];
    return request;
  }

 private:
  std::vector<Scenario> views_;
  std::vector<std::optional<PlacementRequest>> requests_;
  std::vector<std::vector<std::uint8_t>> orders_;
};

/// The job indices one repeat draws, until their requests reach the capacity.
std::vector<std::size_t> draw_jobs(const JobTrace& trace, long long capacity, bool in_trace_order,
                                   std::uint64_t seed) {
  std::vector<std::size_t> drawn;
  Rng rng(seed);
  long long arrived = 0;
  for (std::size_t i = 0; arrived < capacity; ++i) {
    const std::size_t j =
        in_trace_order ? i % trace.jobs.size()
                       : static_cast<std::size_t>(rng.uniform01() * static_cast<double>(trace.jobs.size()));
    drawn.push_back(j);
    arrived += requested_milli(trace.jobs[j]);
  }
  return drawn;
}

}  // namespace

FillResult fill_until_full(const Scenario& scenario, const JobTrace& trace, const FillOptions& options) {
  if (trace.jobs.empty()) {
    throw InputError(scenario.source_path +
                     ": /workload: found no jobs, expected at least one to fill the cluster with");
  }
  const long long capacity = capacity_milli(scenario);
  double mean_request = 0;
  for (const JobSpec& job : trace.jobs) mean_request += static_cast<double>(requested_milli(job));
  mean_request /= static_cast<double>(trace.jobs.size());
  const double expected_draws = static_cast<double>(capacity) / mean_request;
  if (expected_draws > kMaxFillDraws) {
    throw InputError(scenario.source_path + ": /workload: found jobs requesting " +
                     std::to_string(mean_request / kMilli) + " PPUs on average, expected enough that about " +
                     std::to_string(static_cast<long long>(kMaxFillDraws)) + " of them fill the " +
                     std::to_string(capacity / kMilli) + " PPUs (a fill would take " +
                     std::to_string(static_cast<long long>(expected_draws)) + " placements)");
  }
  const TopologyLayout layout = make_topology_layout(scenario);
  const PoolPreference pool_choice = options.pool_choice.value_or(scenario.scheduler.pool_choice);
  for (const PlacementPolicy placement : options.placements) {
    if (pool_choice == PoolPreference::LeastFragmenting && placement != PlacementPolicy::Fgd) {
      throw InputError(
          scenario.source_path + ": fill: found placement \"" +
          std::string(name_of(kPlacementNames, placement)) +
          "\" with pool choice \"least-fragmenting\", expected only \"fgd\" with it: it compares "
          "pools by FGD's measure (fill the other placements with another --pool-choice)");
    }
  }

  FillResult result;
  result.pool_choice = pool_choice;
  result.capacity_ppus = static_cast<double>(capacity) / kMilli;
  result.trace_jobs = trace.jobs.size();
  for (const PlacementPolicy placement : options.placements) {
    FillCurve curve;
    curve.placement = placement;
    curve.allocated_share_by_arrived_percent.assign(101, 0.0);
    for (int repeat = 0; repeat < options.repeats; ++repeat) {
      // Every placement sees the same draws and, for random placement, the same stream.
      const std::uint64_t seed = stream_seed(options.seed, 0xF111ULL + static_cast<std::uint64_t>(repeat));
      Scenario placed = scenario;
      placed.scheduler.placement = placement;
      placed.scheduler.pool_choice = pool_choice;
      placed.simulation.seed = seed;
      ResourcePool resources = make_resources(layout, placed, placement_inputs(placed, trace));
      const Requests requests(placed, trace, resources);
      const std::vector<std::size_t> drawn = draw_jobs(trace, capacity, options.in_trace_order, seed);
      long long arrived = 0;
      long long allocated = 0;
      int next_percent = 1;
      for (const std::size_t j : drawn) {
        const JobSpec& job = trace.jobs[j];
        const std::optional<PlacementRequest> request = requests.of(j);
        const bool placed_now =
            request && resources.allocate(job.ppus, {}, job.ppu_milli, -1, *request).has_value();
        if (placed_now) {
          allocated += requested_milli(job);
        } else {
          curve.refused_jobs += 1;
        }
        arrived += requested_milli(job);
        // Exact integer test: arrived / capacity >= k / 100.
        for (; next_percent <= 100 && arrived * 100 >= next_percent * capacity; ++next_percent) {
          curve.allocated_share_by_arrived_percent[static_cast<std::size_t>(next_percent)] +=
              static_cast<double>(allocated) / static_cast<double>(capacity);
        }
      }
      curve.unallocated_ppus_at_end += static_cast<double>(capacity - allocated) / kMilli;
      result.arrived_jobs += static_cast<double>(drawn.size());
    }
    const double repeats = options.repeats;
    for (double& share : curve.allocated_share_by_arrived_percent) share /= repeats;
    curve.refused_jobs /= repeats;
    curve.unallocated_ppus_at_end /= repeats;
    result.curves.push_back(std::move(curve));
  }
  if (!options.placements.empty()) {
    result.arrived_jobs /=
        static_cast<double>(options.repeats) * static_cast<double>(options.placements.size());
  }
  return result;
}

}  // namespace ppusim
