// What serving one service produced during a run, as plain data for the report
// (service_report.hpp): every request's progress and every replica's lifetime.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "sim/inference/replica_batcher.hpp"
#include "sim/inference/request_source.hpp"
#include "sim/inference/service_spec.hpp"

namespace ppusim {

struct ReplicaLifetime {
  double allocated_s = -1;  // PPUs taken from the cluster; -1: never started
  double ready_s = -1;      // setup done, serving; -1: never ready within the window
  double released_s = -1;   // PPUs given back (scale-down) or the window's end
  int held_ppus = 0;
  double busy_s = 0;  // time spent in iterations
};

struct ServiceOutcome {
  const ServiceSpec* spec = nullptr;
  std::vector<InferenceRequest> requests;
  std::vector<RequestProgress> progress;  // same order as requests
  std::vector<ReplicaLifetime> replicas;
  /// (time, serving replicas) at each change, starting at (0, 0).
  std::vector<std::pair<double, int>> serving_replicas;
  double window_end_s = 0;
  long long iterations = 0;
  int replica_interruptions = 0;   // replicas lost to a failure or preemption of their node
  long long requests_retried = 0;  // requests those replicas held, routed again from scratch
};

}  // namespace ppusim
