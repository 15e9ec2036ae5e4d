// The engine's events, and the one queue they wait in (docs/engine.md, "Events").
//
// Each event has a type and one handler in ClusterManager. The queue orders them by time; at
// one instant, by the phase of their type (job ends, then failures, then the consequences of
// earlier failures, then arrivals), and within a phase by a sequence number (insertion order),
// except local job ends, which go by job index. That is the order in which the engine has
// always handled one instant, so a run's report does not depend on how events were queued.
// Events of an interrupted attempt are not removed: they carry the attempt number, and their
// handler ignores them when it is no longer the job's current one (lazy deletion).
#pragma once

#include <cstdint>
#include <queue>
#include <vector>

#include "sim/failures/failure_spec.hpp"

namespace ppusim {

enum class EventType : std::uint8_t {
  NetworkJobDone,     // a network job's actor ran its last segment (job, attempt)
  LocalJobEnd,        // a local job's end, known when it started (job, attempt)
  ComponentFailure,   // the failure process's next failure is due
  ReleaseForRestart,  // an interrupted job's recovery is over: it gives its nodes back (job)
  ReplicaRestart,     // a failed replica's recovery is over: it gives its PPUs back (replica)
  InterruptNode,      // a spot notice ran out: the jobs on the node stop (node, cause)
  NodeBack,           // a node's repair or reclaim ended (node)
  SpareBack,          // a repaired node joins the spare pool
  Disconnect,         // a topology failure cuts nodes off the fabric (disconnection index)
  Reconnect,          // ... and its repair joins them again (disconnection index)
  Preemption,         // a job within its guarantee takes back borrowed PPUs (victim, attempt)
  Arrival,            // the trace's next job is submitted (job)
};

struct EngineEvent {
  double time_s = 0;
  EventType type = EventType::Arrival;
  int target = 0;   // a job, a replica, a node or a disconnection, as the type says
  int attempt = 0;  // job ends: the attempt that ends; preemptions: the attempt preempted
  ComponentKind cause = ComponentKind::Node;
};

class EventQueue {
 public:
  void push(const EngineEvent& event);
  bool empty() const { return heap_.empty(); }
  /// The earliest event's time; infinity when there is none.
  double next_time() const;
  EngineEvent pop();

 private:
  struct Entry {
    double time_s;
    int phase;
    long long order;
    EngineEvent event;
    bool operator>(const Entry& other) const {
      if (time_s != other.time_s) return time_s > other.time_s;
      if (phase != other.phase) return phase > other.phase;
      return order > other.order;
    }
  };

  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap_;
  long long sequence_ = 0;
};

}  // namespace ppusim
