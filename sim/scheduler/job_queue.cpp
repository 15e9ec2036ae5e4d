#include "sim/scheduler/job_queue.hpp"

#include <limits>

namespace ppusim {

std::pmr::memory_resource* JobQueue::nodes() {
  // A tenant round copies its admitted jobs into a queue of its own, a node each, and frees
  // them at the round's end: millions of rounds of tens of small blocks. A pool keeps those
  // blocks for reuse; through malloc they spilled from its per-size caches and were merged
  // and split again on every round (a fifth of the CPU with EASY and 30 tenants,
  // docs/performance.md). Unsynchronized: the simulation runs in one thread. Never destroyed,
  // so that a queue destroyed while the program exits still gives its nodes back to a live pool.
  static auto* const pool = new std::pmr::unsynchronized_pool_resource;
  return pool;
}

void JobQueue::index(const PendingJob& job) {
  if (job.is_fractional()) {
    ++fractional_jobs_;
  } else {
    ++whole_ppus_[job.ppus];
  }
}

void JobQueue::push_back(const PendingJob& job) {
  jobs_.push_back(job);
  index(job);
}

void JobQueue::push_front(const PendingJob& job) {
  jobs_.push_front(job);
  index(job);
}

JobQueue::const_iterator JobQueue::erase(const_iterator it) {
  if (it->is_fractional()) {
    --fractional_jobs_;
  } else {
    const auto size = whole_ppus_.find(it->ppus);
    if (--size->second == 0) whole_ppus_.erase(size);
  }
  return jobs_.erase(it);
}

int JobQueue::smallest_whole_ppus() const {
  return whole_ppus_.empty() ? std::numeric_limits<int>::max() : whole_ppus_.begin()->first;
}

}  // namespace ppusim
