// Greedy list scheduling that skips: the queue is taken in the policy's order, and every job
// that fits now starts; a job that does not fit is passed over, not waited for. First-fit
// (submission order) and shortest-job-first (estimated runtime order) are this pass with two
// orders (first_fit_policy.hpp, sjf_policy.hpp).
//
// A pass does not walk the queue: jobs are indexed by what they ask for (queue_by_request.hpp:
// pools, PPUs, CPU and memory), and the pass merges, in the policy's order, the heads of the
// classes that may fit now. A class that stops fitting, or whose job the pools could not place,
// is dropped for the rest of the pass (free capacity only shrinks within a pass, and its jobs all
// ask the same), so the pass visits the jobs it starts plus one head per class that may fit:
// O((started + classes that may fit) · log) per pass, whatever the queue length. This is the
// same outcome as walking the whole queue in order and starting each job that fits in some pool
// it may use (the first such pool, as every policy places: resource_pool.hpp).
//
// With tenants the engine keeps no such index (it never calls queued()): each round offers the
// jobs it admits, and the pass walks that offer in the policy's order (schedule_round), with the
// same rule: a job that fits starts, and a class that does not fit is passed over for the rest
// of the pass. That walk is linear in the offer (docs/tenants.md, "Limits of the model").
#pragma once

#include "sim/scheduler/queue_by_request.hpp"
#include "sim/scheduler/scheduling_policy.hpp"

namespace ppusim {

class GreedyFitPolicy : public Scheduler {
 public:
  void queued(JobQueue::const_iterator job, bool at_head, const ResourcePool& pool) override;
  std::vector<StartDecision> schedule(double now, JobQueue& queue, ResourcePool& pool,
                                      RunningJobs& running) override;
  /// A tenant round: the offer's jobs copied in queue order, taken in the policy's order (a
  /// stable sort by order_of, so that ties keep queue order, as the sequence numbers keep it
  /// without tenants).
  std::vector<StartDecision> schedule_round(double now, RoundOffer& offer, ResourcePool& pool,
                                            RunningJobs& running,
                                            std::optional<PendingJob>* first_left_with_tenant) override;

 protected:
  /// The first part of a job's place in the order (ties go by submission order).
  virtual double order_of(const PendingJob& job) const = 0;

 private:
  QueueByRequest index_;
  long long first_sequence_ = 0;  // the next job queued at the head gets one less
  long long last_sequence_ = 0;   // the next job queued at the back gets one more
};

}  // namespace ppusim
