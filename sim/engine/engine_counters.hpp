// Counters about the simulation itself (not results): how much SimGrid work a run took.
#pragma once

namespace ppusim {

struct EngineCounters {
  long long network_jobs = 0;
  long long local_jobs = 0;
  long long segments = 0;
  long long flows = 0;
  long long scheduling_passes = 0;
};

}  // namespace ppusim
