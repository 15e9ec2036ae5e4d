// One inference service over a run: its requests, its replicas' batching engines, routing and
// autoscaling, advanced event by event in plain C++ (docs/inference.md).
//
// Events are request arrivals, replica-ready times and iteration ends; advance_to(t) handles
// every event up to t in time order (ties: a replica becoming ready, then arrivals, then
// iteration ends). The cluster side (inference_fleet.hpp) calls it before anything that
// changes the replica set, so the simulator never sees the cluster out of order, and costs no
// SimGrid activity per iteration or per token.
#pragma once

#include <deque>
#include <optional>
#include <vector>

#include "sim/config/scenario.hpp"
#include "sim/engine/engine_observer.hpp"
#include "sim/inference/replica_batcher.hpp"
#include "sim/inference/request_router.hpp"
#include "sim/inference/roofline.hpp"
#include "sim/inference/service_outcome.hpp"

namespace ppusim {

class ServiceSimulator {
 public:
  /// `observer` (may be null) is told each iteration's busy PPU time and FLOPs and each
  /// replica's allocated PPU time, so that inference shows in the cluster's utilization.
  ServiceSimulator(const ServiceSpec& spec, const PpuSpec& ppu, std::vector<InferenceRequest> requests,
                   EngineObserver* observer);
  ServiceSimulator(const ServiceSimulator&) = delete;
  ServiceSimulator& operator=(const ServiceSimulator&) = delete;

  const ServiceSpec& spec() const { return *spec_; }
  const Roofline& roofline() const { return roofline_; }

  /// Handles every event at or before `t`.
  void advance_to(double t);

  /// A new replica, to be asked from the cluster; returns its index.
  int add_replica();
  /// The cluster gave replica `replica` its PPUs at `now`; it serves from `ready_s`.
  void replica_allocated(int replica, double now, double ready_s, int held_ppus);
  /// The cluster took the replica's PPUs back at `now` (after it drained, or after it failed).
  void replica_released(int replica, double now);
  /// The replica's node failed at `now` (advance_to(now) first): it serves no more, and every
  /// request it held is routed again from scratch, as a gateway retries a request whose
  /// connection was reset (docs/inference.md). Its PPUs stay held until replica_released.
  /// Returns whether the service wants a replacement: not for a replica it was draining.
  bool replica_failed(int replica, double now);
  /// Draining replicas with nothing left to serve: ready to be released.
  std::vector<int> drained_replicas() const;

  /// The autoscaling rule at `now` (docs/inference.md): true when one more replica should be
  /// asked from the cluster. May instead start draining one replica.
  bool autoscale(double now);

  /// Closes the run at `end` (advance_to(end) first): replicas still held count until `end`.
  ServiceOutcome finish(double end);

  std::size_t pending_requests() const { return pending_.size(); }
  int serving_replicas() const;

 private:
  enum class State { Requested, Starting, Serving, Draining, Failed, Released };
  struct Replica {
    ReplicaBatcher batcher;
    ReplicaLifetime life;
    State state = State::Requested;
    double busy_at_last_evaluation_s = 0;
  };

  void on_arrival();
  void on_ready(int replica);
  void on_iteration_end(int replica);
  void route(int request, double now);
  void start_idle_replicas();
  void record(const std::optional<IterationRecord>& iteration, Replica& replica);
  void serving_changed(double now);
  double scaling_metric(double now);

  const ServiceSpec* spec_;
  Roofline roofline_;
  EngineObserver* observer_;
  RequestRouter router_;
  std::vector<InferenceRequest> requests_;
  std::vector<RequestProgress> progress_;
  std::size_t next_arrival_ = 0;
  std::deque<int> pending_;        // arrived while no replica was serving
  std::vector<Replica> replicas_;  // every replica ever asked for, by index
  // Replicas not released, in index order: what the event loop and the router look at, so
  // that a long autoscaled run does not slow down with the replicas it has released.
  std::vector<int> live_;
  std::vector<std::pair<double, int>> serving_history_{{0.0, 0}};
  double last_evaluation_s_ = 0;
  long long iterations_ = 0;
  int replica_interruptions_ = 0;
  long long requests_retried_ = 0;
  std::vector<int> to_start_;  // replicas given requests at start_at_
  double start_at_ = 0;
};

}  // namespace ppusim
