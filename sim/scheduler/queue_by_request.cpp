#include "sim/scheduler/queue_by_request.hpp"

namespace ppusim {

QueueByRequest::RequestClass QueueByRequest::class_of(const PendingJob& job, const ResourcePool& pool) {
  if (job.ppu_milli < FractionalPpus::kWhole) return {Kind::Thousandths, job.ppu_milli};
  const int whole = pool.whole_nodes_needed(job.ppus);
  if (whole > 0) return {Kind::WholeNodes, whole};
  return {Kind::PpusOnNode, job.ppus};
}

void QueueByRequest::add(Entry job, const OrderKey& key, const RequestClass& request) {
  classes(request.kind)[request.size].emplace(key, job);
  ++size_;
}

QueueByRequest::Entry QueueByRequest::pop_first(const RequestClass& request) {
  ClassesBySize& by_size = classes(request.kind);
  const auto found = by_size.find(request.size);
  const Entry job = found->second.begin()->second;
  found->second.erase(found->second.begin());
  if (found->second.empty()) by_size.erase(found);
  --size_;
  return job;
}

std::optional<QueueByRequest::OrderKey> QueueByRequest::first_key(const RequestClass& request) const {
  const ClassesBySize& by_size = classes(request.kind);
  const auto found = by_size.find(request.size);
  if (found == by_size.end()) return std::nullopt;
  return found->second.begin()->first;
}

int QueueByRequest::capacity(Kind kind, const ResourcePool& pool) {
  switch (kind) {
    case Kind::WholeNodes:
      return pool.free_node_count();
    case Kind::PpusOnNode:
      return pool.most_free_on_one_node();
    case Kind::Thousandths:
      // A free PPU anywhere opens a new shared PPU, which holds any fraction.
      return pool.most_free_on_one_node() > 0 ? FractionalPpus::kWhole
                                              : pool.fractional_ppus().most_free_milli();
  }
  return 0;
}

bool QueueByRequest::fits(const RequestClass& request, const ResourcePool& pool) {
  return request.size <= capacity(request.kind, pool);
}

std::vector<QueueByRequest::Head> QueueByRequest::fitting_heads(const ResourcePool& pool) const {
  std::vector<Head> heads;
  for (const Kind kind : {Kind::WholeNodes, Kind::PpusOnNode, Kind::Thousandths}) {
    const int room = capacity(kind, pool);
    for (const auto& [size, jobs] : classes(kind)) {
      if (size > room) break;  // sizes ascend: no larger class fits either
      heads.push_back({jobs.begin()->first, {kind, size}});
    }
  }
  return heads;
}

}  // namespace ppusim
