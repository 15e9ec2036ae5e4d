// The queue split by tenant: each tenant's queued jobs (and one more stream for work without a
// tenant) in queue order, and where each queued job is, so that a tenant round walks only the
// jobs it admits and a started job leaves in O(1) (scheduling_pass.hpp; docs/tenants.md,
// "How a round is offered").
//
// A stream's queue order is its jobs queued at the head (restarts, the latest first) and then
// those queued at the back, in the order they came: the tenant's jobs as they stand in the
// engine's queue. The back part is normally in (submit time, job index) order, the priority
// policy's order within a tenant, since arrivals come in trace order; the stream counts the
// places where it is not (a replica queued before a job that arrived in the same instant, a
// trace given out of order) so that a round knows when it may read that part as already sorted.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <unordered_map>
#include <vector>

#include "sim/scheduler/job_queue.hpp"

namespace ppusim {

class QueueByTenant {
 public:
  using Job = JobQueue::const_iterator;

  /// `tenants` streams for the tenants, and one more (index `tenants`) for work without one.
  explicit QueueByTenant(int tenants);
  // Entries point into the streams' lists: not copied.
  QueueByTenant(const QueueByTenant&) = delete;
  QueueByTenant& operator=(const QueueByTenant&) = delete;

  int stream_count() const { return static_cast<int>(streams_.size()); }
  int stream_of(const PendingJob& job) const { return job.tenant >= 0 ? job.tenant : stream_count() - 1; }

  /// `job` has just been queued at the head of the queue or at its back.
  void queued(Job job, bool at_head);
  /// The queued job with policy id `id`, about to leave the queue.
  Job find(int id) const { return where_.at(id)->job; }
  void removed(int id);

  /// A queued job in its stream.
  struct Entry {
    Job job;
    bool at_head;
    /// Its place in the whole queue: ordering entries of all streams by place gives queue order
    /// (a job queued at the head takes a place before every other, one at the back after).
    std::int64_t place;
  };
  using Entries = std::list<Entry>;
  /// Stream `s`'s jobs in queue order: [begin, back_begin) those queued at the head,
  /// [back_begin, end) those queued at the back.
  bool empty(int s) const { return streams_[s].entries.empty(); }
  Entries::const_iterator begin(int s) const { return streams_[s].entries.begin(); }
  Entries::const_iterator back_begin(int s) const { return streams_[s].back_begin; }
  Entries::const_iterator end(int s) const { return streams_[s].entries.end(); }
  /// Whether stream `s`'s back part is in (submit time, job index) order.
  bool back_in_submit_order(int s) const { return streams_[s].descents == 0; }

 private:
  struct Stream {
    Entries entries;                     // head part, then back part
    Entries::const_iterator back_begin;  // the first back entry (entries.end(): none)
    std::size_t descents = 0;            // adjacent back entries out of submit order
  };
  static bool out_of_order(const Entry& earlier, const Entry& later);

  std::vector<Stream> streams_;
  std::unordered_map<int, Entries::iterator> where_;  // policy id -> its entry
  std::int64_t first_place_ = 0;  // the place of the job last queued at the head (0: none yet)
  std::int64_t last_place_ = 0;   // the place of the job last queued at the back (0: none yet)
};

}  // namespace ppusim
