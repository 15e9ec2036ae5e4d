// The queue of jobs waiting for PPUs, in the order they are to be considered (submission
// order; a restarted job goes first), with an index of its jobs by size. The index answers in
// O(1) what a backfilling pass needs to stop early: the smallest job that shares a node, the
// smallest that takes whole nodes, and whether any fractional job waits (issue #13: EASY at a
// depth of 20,000 walked the whole list on every pass after the last job that could fit).
#pragma once

#include <cstddef>
#include <list>
#include <map>
#include <memory_resource>

#include "sim/scheduler/fractional_ppus.hpp"
#include "sim/scheduler/placement_request.hpp"

namespace ppusim {

struct PendingJob {
  int id = 0;  // the engine's job index
  int ppus = 0;
  int ppu_milli = 1000;            // thousandths of one PPU for a fractional job
  double estimated_runtime_s = 0;  // the job model's uncontended estimate (EASY's "walltime")
  int tenant = -1;                 // index into the scenario's tenants; -1: none
  double submit_s = 0;             // when it was first submitted (the priority's age)
  PlacementRequest request;        // the pools it may use and its CPU and memory

  bool is_fractional() const { return ppu_milli < FractionalPpus::kWhole; }
};

class JobQueue {
 public:
  /// Jobs are read through the queue and leave it through erase or pop_front, so that the
  /// index always holds exactly the queued jobs.
  using const_iterator = std::pmr::list<PendingJob>::const_iterator;

  JobQueue() = default;
  /// A queue whose nodes come from `nodes` (which must outlive it): a tenant round's copy takes
  /// them from its pass's pool (scheduling_pass.hpp).
  explicit JobQueue(std::pmr::memory_resource* nodes) : jobs_(nodes), whole_ppus_(nodes) {}

  void push_back(const PendingJob& job);
  void push_front(const PendingJob& job);
  /// Removes the job at `it`; returns the one after it.
  const_iterator erase(const_iterator it);
  void pop_front() { erase(begin()); }
  /// Reorders the queue (the priority policy's order of a pass). The index is by size, so
  /// the order does not touch it.
  template <typename Less>
  void sort(Less less) {
    jobs_.sort(less);
  }

  const PendingJob& front() const { return jobs_.front(); }
  const_iterator begin() const { return jobs_.begin(); }
  const_iterator end() const { return jobs_.end(); }
  std::size_t size() const { return jobs_.size(); }
  bool empty() const { return jobs_.empty(); }

  /// The fewest PPUs a queued whole-PPU job asks for; INT_MAX when none waits.
  int smallest_whole_ppus() const;
  /// Queued fractional jobs (ppu_milli < 1000).
  std::size_t fractional_jobs() const { return fractional_jobs_; }

 private:
  void index(const PendingJob& job);

  std::pmr::list<PendingJob> jobs_;
  // Queued whole-PPU jobs by the PPUs they ask for -> how many: sizes repeat (a power law of a
  // few hundred sizes over a deep queue), so a job queued mostly allocates nothing here.
  std::pmr::map<int, std::size_t> whole_ppus_;
  std::size_t fractional_jobs_ = 0;
};

}  // namespace ppusim
