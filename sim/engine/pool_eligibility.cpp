#include "sim/engine/pool_eligibility.hpp"

#include <bit>

#include "sim/config/ppu_type_match.hpp"
#include "workloads/ppu_memory.hpp"

namespace ppusim {

namespace {

std::string asked_types(const std::vector<std::string>& types) {
  std::string text;
  for (const std::string& type : types) text += (text.empty() ? "" : ", ") + type;
  return text;
}

}  // namespace

PoolChoice admissible_pools(const JobSpec& job, const Scenario& scenario, const ResourcePool& resources,
                            const std::function<const Scenario&(int)>& seen_from) {
  if (scenario.has_several_pools() || scenario.models_host_resources())
    return eligible_pools(job, scenario, resources, seen_from);
  // One pool, no host limits (a job's chip request was checked against the pool when the
  // trace was read); a scenario built in code may list no pools for eligible_pools to read.
  if (!resources.ever_fits(job.ppus)) {
    return {.pools = 0,
            .reason =
                "needs " + std::to_string(job.ppus) + " PPUs, the cluster has " +
                std::to_string(static_cast<long long>(resources.total_nodes()) * resources.ppus_per_node())};
  }
  if (std::optional<std::string> reason = why_job_cannot_fit(job, scenario))
    return {.pools = 0, .reason = *reason};
  return {.pools = kAnyPool, .reason = {}};
}

PoolChoice eligible_pools(const JobSpec& job, const Scenario& scenario, const ResourcePool& resources,
                          const std::function<const Scenario&(int)>& seen_from) {
  PoolChoice choice;
  static const ResourceRequest kNoRequest;
  const ResourceRequest& request = job.request ? *job.request : kNoRequest;
  const HostRequest host{request.cpu_cores, request.memory_bytes};
  PoolMask too_small = 0;  // pools that could hold the job but for their size
  for (int k = 0; k < resources.pool_count(); ++k) {
    const PoolSpec& spec = scenario.pools[k];
    if (!request_allows_chip(request.ppu_types, spec.ppu)) continue;
    std::string why;
    const NodePool& pool = resources.pool(k);
    if (!pool.ever_fits(job.ppus)) {
      why = "needs " + std::to_string(job.ppus) + " PPUs, pool " + spec.name + " has " +
            std::to_string(static_cast<long long>(pool.total_nodes()) * pool.ppus_per_node());
      if (resources.spanning_allowed() && pool.host_ever_fits(job.ppus, host) &&
          !why_job_cannot_fit(job, seen_from(k)))
        too_small |= PoolMask{1} << k;
    } else if (!pool.host_ever_fits(job.ppus, host)) {
      why = "needs more CPU cores or memory per node than pool " + spec.name + "'s nodes have";
    } else if (std::optional<std::string> reason = why_job_cannot_fit(job, seen_from(k))) {
      why = std::move(*reason);
    }
    if (why.empty()) {
      choice.pools |= PoolMask{1} << k;
    } else if (choice.reason.empty()) {
      choice.reason = std::move(why);
    }
  }
  // Spanning pools: a span group's pools that could each hold the job but for their size,
  // with those that can, together hold its whole nodes.
  const PoolMask usable = choice.pools | too_small;
  const auto group_holds = [&](PoolMask group, int k) {
    // Servers of different sizes: only pools whose hosts hold their share of the job's CPU and
    // memory count (ResourcePool::allocate_across).
    const bool one_size = resources.one_node_size(group);
    if (!one_size) group = resources.pools_holding_host_share(group, job.ppus, host);
    long long nodes = 0;
    long long ppus = 0;
    for (int j = 0; j < resources.pool_count(); ++j) {
      if ((group >> j & 1U) == 0) continue;
      nodes += resources.pool(j).total_nodes();
      ppus += static_cast<long long>(resources.pool(j).total_nodes()) * resources.pool(j).ppus_per_node();
    }
    // Servers of different sizes: whole nodes of each, until their PPUs hold the job.
    return one_size
               ? nodes >= resources.pool(k).whole_nodes_needed(job.ppus)
               : std::popcount(group) > 1 && resources.spans_whole_nodes(group, job.ppus) && ppus >= job.ppus;
  };
  for (int k = 0; k < resources.pool_count(); ++k) {
    if ((too_small >> k & 1U) == 0) continue;
    const PoolMask group = resources.span_group(k) & usable;
    if (group_holds(group, k)) choice.pools |= group;
  }
  // With tenants a span stays within one server shape (make_resources): say so when only pools
  // of one chip on servers of different shapes together would hold the job.
  for (int k = 0; choice.pools == 0 && !scenario.tenants.tenants.empty() && k < resources.pool_count(); ++k) {
    if ((too_small >> k & 1U) == 0) continue;
    const PoolMask chip = resources.same_chip(k) & usable;
    if (chip != (resources.span_group(k) & usable) && group_holds(chip, k))
      choice.reason = "needs " + std::to_string(job.ppus) +
                      " PPUs, which only pools on servers of different shapes hold together; a tenant's "
                      "job spans only pools of one server";
  }
  if (choice.pools == 0 && choice.reason.empty())
    choice.reason = "asks for PPU type " + asked_types(request.ppu_types) + ", which no pool has";
  return choice;
}

}  // namespace ppusim
