#include "sim/scheduler/queue_by_request.hpp"

namespace ppusim {

QueueByRequest::RequestClass QueueByRequest::class_of(const PendingJob& job) {
  const bool fractional = job.is_fractional();
  return {job.request.pools, fractional, fractional ? job.ppu_milli : job.ppus, job.request.host.cpu_cores,
          job.request.host.memory_bytes};
}

void QueueByRequest::add(Entry job, const OrderKey& key, const RequestClass& request) {
  sizes(groups_[request.pools], request.fractional)[request.size][{request.cpu_cores, request.memory_bytes}]
      .emplace(key, job);
  ++size_;
}

QueueByRequest::Entry QueueByRequest::pop_first(const RequestClass& request) {
  const auto group = groups_.find(request.pools);
  BySize& by_size = sizes(group->second, request.fractional);
  const auto size = by_size.find(request.size);
  const auto host = size->second.find({request.cpu_cores, request.memory_bytes});
  Class& jobs = host->second;
  const Entry job = jobs.begin()->second;
  jobs.erase(jobs.begin());
  // Empty levels go, so that a pass never visits them.
  if (jobs.empty()) size->second.erase(host);
  if (size->second.empty()) by_size.erase(size);
  if (group->second.whole.empty() && group->second.fractional.empty()) groups_.erase(group);
  --size_;
  return job;
}

std::optional<QueueByRequest::OrderKey> QueueByRequest::first_key(const RequestClass& request) const {
  const auto group = groups_.find(request.pools);
  if (group == groups_.end()) return std::nullopt;
  const BySize& by_size = request.fractional ? group->second.fractional : group->second.whole;
  const auto size = by_size.find(request.size);
  if (size == by_size.end()) return std::nullopt;
  const auto host = size->second.find({request.cpu_cores, request.memory_bytes});
  if (host == size->second.end()) return std::nullopt;
  return host->second.begin()->first;
}

bool QueueByRequest::size_may_fit(PoolMask pools, bool fractional, int size, const ResourcePool& pool) {
  for (int k = 0; k < pool.pool_count(); ++k) {
    if ((pools >> k & 1U) == 0) continue;
    const NodePool& in = pool.pool(k);
    if (fractional) {
      // A free PPU anywhere in the pool opens a new shared PPU, which holds any fraction.
      if (in.most_free_on_one_node() > 0 || size <= in.fractional_ppus().most_free_milli()) return true;
      continue;
    }
    const int whole = in.whole_nodes_needed(size);
    if (whole > 0 ? whole <= in.free_node_count() : size <= in.most_free_on_one_node()) return true;
  }
  // Whole nodes of several pools of one chip, when jobs may span them.
  return !fractional && pool.span_fits_now(pools, size);
}

bool QueueByRequest::may_fit(const RequestClass& request, const ResourcePool& pool) {
  return size_may_fit(request.pools, request.fractional, request.size, pool);
}

std::vector<QueueByRequest::Head> QueueByRequest::fitting_heads(const ResourcePool& pool) const {
  std::vector<Head> heads;
  for (const auto& [pools, group] : groups_) {
    for (const bool fractional : {false, true}) {
      for (const auto& [size, by_host] : fractional ? group.fractional : group.whole) {
        if (!size_may_fit(pools, fractional, size, pool)) break;  // no larger size fits either
        for (const auto& [host, jobs] : by_host)
          heads.push_back({jobs.begin()->first, {pools, fractional, size, host.first, host.second}});
      }
    }
  }
  return heads;
}

}  // namespace ppusim
