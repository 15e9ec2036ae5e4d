// The actor of a job that uses shared resources: it stages the dataset from storage, then
// runs its segments (compute, then the ring's cross-leaf flows alongside the job's private
// communication time), and reports to the manager when done.
#pragma once

#include "sim/engine/job_plan.hpp"
#include "topologies/simgrid_platform.hpp"

namespace ppusim {

class ClusterManager;
class RunMetrics;
struct EngineCounters;

struct NetworkJob {
  int job;
  JobPlan plan;
  const SimgridPlatform* platform;
  ClusterManager* manager;
  RunMetrics* metrics;
  EngineCounters* counters;
  double horizon_s;  // the run ends there: the actor stops, cancelling what is in flight

  void operator()() const;
};

}  // namespace ppusim
