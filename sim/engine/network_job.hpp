// The actor of a job that uses shared resources: it runs its setup stages (provisioning, image
// pull from the registry, dataset staging and checkpoint load from storage, framework init),
// then its segments (compute, then the ring's cross-leaf flows alongside the job's private
// communication time), writing periodic checkpoints to storage, and reports to the manager
// when done, through a narrow interface (job_progress_sink.hpp).
//
// A failure does not kill the actor: the manager moves the job to a new attempt, and the
// actor, which checks after every sleep or wait that its attempt is still the job's current
// one, returns silently. Flows in flight then run to their end (cancelling comms under a
// waiting actor is not clean in SimGrid 3.32, docs/engine.md), so an interrupted job's last
// checkpoint write or ring exchange still loads the network for its remaining bytes. Its
// streaming input reads, which run beside the segment's compute and which it no longer waits
// for, are cancelled, as every flow in flight is at the horizon.
#pragma once

#include <simgrid/s4u/Comm.hpp>
#include <vector>

#include "sim/engine/job_plan.hpp"
#include "sim/engine/job_progress_sink.hpp"
#include "topologies/simgrid_platform.hpp"

namespace ppusim {

struct EngineCounters;
class StorageTiers;

/// A segment's input reads in flight, and the earliest time they can be done (no node reads
/// its share faster than its client link, or its local cache's bandwidth).
struct InputReads {
  std::vector<simgrid::s4u::CommPtr> flows;
  double ready_at_s = 0;
};

struct NetworkJob {
  int job;
  int attempt;  // the manager's attempt number when this actor was started
  JobPlan plan;
  const SimgridPlatform* platform;
  JobProgressSink* engine;
  EngineCounters* counters;
  StorageTiers* tiers;  // where streaming input comes from (storage_tiers.hpp)
  double horizon_s;     // the run ends there: the actor stops, cancelling what is in flight

  void operator()() const;
  void run() const;

  /// Provisioning, image pull, dataset staging, checkpoint load, framework init, each timed;
  /// false if the run ended meanwhile.
  bool run_setup() const;
  /// False once the run stops or the manager has interrupted this attempt.
  bool current() const;
  /// Moves a checkpoint between the job's nodes and shared storage (`bytes_per_node` each):
  /// one flow per leaf group, and no faster than one client link per node; false if the job
  /// stopped meanwhile.
  bool move_checkpoint(double bytes_per_node, bool to_storage) const;
  /// Writes a checkpoint of the job's progress (`work_done`: fraction of this attempt's work);
  /// false if the job stopped meanwhile.
  bool write_checkpoint(double work_done) const;
  /// Starts one segment's input reads; `read_per_node` is what each node has read so far in
  /// this attempt (a node cache serves later passes over a dataset it holds).
  InputReads start_input_reads(double read_per_node) const;
  /// Waits for a segment's input once its compute and communication are done, telling the
  /// engine how long the job waited; false if the job stopped meanwhile.
  bool wait_for_input(InputReads& reads) const;
};

}  // namespace ppusim
