// The actor of a job that uses shared resources: it runs its setup stages (provisioning, image
// pull from the registry, dataset staging and checkpoint load from storage, framework init),
// then its segments (compute, then the ring's cross-leaf flows alongside the job's private
// communication time), and reports to the manager when done.
#pragma once

#include <vector>

#include "sim/engine/job_plan.hpp"
#include "topologies/simgrid_platform.hpp"

namespace ppusim {

class ClusterManager;
class RunMetrics;
struct EngineCounters;

struct NetworkJob {
  int job;
  JobPlan plan;
  std::vector<int> nodes;  // the job's allocation
  const SimgridPlatform* platform;
  ClusterManager* manager;
  RunMetrics* metrics;
  EngineCounters* counters;
  double horizon_s;  // the run ends there: the actor stops, cancelling what is in flight

  void operator()() const;
  void run() const;

  /// Provisioning, image pull, dataset staging, checkpoint load, framework init, each timed;
  /// false if the run ended meanwhile.
  bool run_setup() const;
};

}  // namespace ppusim
