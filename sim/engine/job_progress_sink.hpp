// What a network job's actor (network_job.hpp) may tell the engine, and ask it: whether its
// attempt is still the job's current one, where its training stands, and that it is done.
// The engine implements it; the actor knows nothing else of the engine.
#pragma once

#include "sim/engine/setup_times.hpp"

namespace ppusim {

class JobProgressSink {
 public:
  virtual ~JobProgressSink() = default;
  /// False once a failure moved the job to a newer attempt: the actor then returns silently.
  virtual bool attempt_is_current(int job, int attempt) const = 0;
  virtual void setup_done(int job, const SetupTimes& times) = 0;
  virtual void steps_began(int job, double now) = 0;
  virtual void compute_began(int job, double now, double flops_per_s) = 0;
  virtual void compute_ended(int job, double now) = 0;
  virtual void checkpoint_write_began(int job, double now) = 0;
  /// A checkpoint holding `work_done` (fraction of this attempt's work) is now on storage.
  virtual void checkpoint_written(int job, double now, double work_done) = 0;
  /// The job's steps waited `seconds` for their streaming input (storage slower than compute).
  virtual void input_waited(int job, double seconds) = 0;
  /// A segment's reads of `bytes` from shared storage (store and object store; node caches
  /// not) served the segment [t0, t1): from its start to the end of its wait for them.
  virtual void input_read(int job, double t0, double t1, double bytes) = 0;
  /// The attempt's last segment ended at `now`.
  virtual void job_done(int job, int attempt, double now) = 0;
  /// The actor stopped early (horizon or stop request): the engine may be waiting on it.
  virtual void actor_stopped() = 0;
};

}  // namespace ppusim
