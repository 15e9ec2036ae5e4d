// Shortest job first: the queue in order of the job model's estimated runtime
// (PendingJob::estimated_runtime_s), ties by submission order, and every job that fits now
// starts; a job that does not fit is skipped, not waited for (first-fit in SJF order). This is
// SJF as Alibaba PAI's simulator runs it (alibaba/clusterdata,
// cluster-trace-gpu-v2020/simulator/scheduler.py: the job list sorted by (duration, job id),
// then every job that can be placed is placed), the simulator of Weng et al., "MLaaS in the
// Wild", NSDI'22. It minimizes mean waiting among list schedules but can starve long jobs.
// docs/models.md (e).
#pragma once

#include "sim/scheduler/greedy_fit_policy.hpp"

namespace ppusim {

class ShortestJobFirstPolicy : public GreedyFitPolicy {
 public:
  std::string name() const override { return "sjf"; }

 protected:
  double order_of(const PendingJob& job) const override { return job.estimated_runtime_s; }
};

}  // namespace ppusim
