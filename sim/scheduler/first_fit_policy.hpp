// First-fit: every queued job that fits now starts, in submission order; a job that does not
// fit is skipped, not waited for. This is what Kubernetes' default scheduler does with its
// pod queue (a pod that cannot be placed goes back to the queue and the next one is tried)
// and what Alibaba PAI's simulator calls "FIFO" (alibaba/clusterdata,
// cluster-trace-gpu-v2020/simulator/scheduler.py, alloc_job: a job that cannot be placed is
// passed over). Large jobs can starve behind a stream of small ones. docs/models.md (e).
#pragma once

#include "sim/scheduler/greedy_fit_policy.hpp"

namespace ppusim {

class FirstFitPolicy : public GreedyFitPolicy {
 public:
  std::string name() const override { return "first-fit"; }

 protected:
  double order_of(const PendingJob&) const override { return 0; }  // submission order alone
};

}  // namespace ppusim
