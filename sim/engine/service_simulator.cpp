#include "sim/engine/service_simulator.hpp"

#include <algorithm>
#include <limits>

namespace ppusim {

namespace {
constexpr double kNever = std::numeric_limits<double>::infinity();
}  // namespace

ServiceSimulator::ServiceSimulator(const ServiceSpec& spec, const PpuSpec& ppu,
                                   std::vector<InferenceRequest> requests, EngineObserver* observer)
    : spec_(&spec),
      roofline_(spec.model, ppu, spec.ppus_per_replica, spec.efficiency),
      observer_(observer),
      router_(spec.routing),
      requests_(std::move(requests)),
      progress_(requests_.size()) {}

int ServiceSimulator::serving_replicas() const {
  return static_cast<int>(std::count_if(replicas_.begin(), replicas_.end(),
                                        [](const Replica& r) { return r.state == State::Serving; }));
}

void ServiceSimulator::advance_to(double t) {
  while (true) {
    double ready_at = kNever, iteration_at = kNever;
    int ready = -1, iterating = -1;
    for (int i : live_) {
      const Replica& r = replicas_[i];
      if (r.state == State::Starting && r.life.ready_s < ready_at) {
        ready_at = r.life.ready_s;
        ready = i;
      }
      if (r.batcher.iteration_end_s() < iteration_at) {
        iteration_at = r.batcher.iteration_end_s();
        iterating = i;
      }
    }
    const double arrival_at = next_arrival_ < requests_.size() ? requests_[next_arrival_].arrival_s : kNever;
    const double next = std::min({ready_at, arrival_at, iteration_at});
    // Replicas that received requests start their iteration once every event of that instant
    // is in, so that requests arriving together are batched together.
    if (!to_start_.empty() && next > start_at_) {
      start_idle_replicas();
      continue;
    }
    if (next > t || next == kNever) return;
    if (ready_at == next) {
      on_ready(ready);
    } else if (arrival_at == next) {
      on_arrival();
    } else {
      on_iteration_end(iterating);
    }
  }
}

void ServiceSimulator::on_arrival() {
  const int id = static_cast<int>(next_arrival_++);
  // All replicas are alike: a request whose KV cache exceeds one replica's can never be served.
  const ReplicaBatcher probe(roofline_, spec_->batching, spec_->model.kv_bytes_per_token);
  if (!probe.can_ever_fit(requests_[id])) {
    progress_[id].dropped = true;
    return;
  }
  route(id, requests_[id].arrival_s);
}

void ServiceSimulator::route(int request, double now) {
  std::vector<const ReplicaBatcher*> batchers;
  std::vector<bool> serving;
  batchers.reserve(live_.size());
  serving.reserve(live_.size());
  for (int i : live_) {
    batchers.push_back(&replicas_[i].batcher);
    serving.push_back(replicas_[i].state == State::Serving);
  }
  const int choice = router_.choose(batchers, serving);
  if (choice < 0) {
    pending_.push_back(request);
    return;
  }
  const int chosen = live_[choice];
  Replica& replica = replicas_[chosen];
  progress_[request].replica = chosen;
  replica.batcher.enqueue(request, requests_[request]);
  to_start_.push_back(chosen);
  start_at_ = now;
}

void ServiceSimulator::start_idle_replicas() {
  for (int index : to_start_) {
    Replica& replica = replicas_[index];
    record(replica.batcher.start_iteration_if_idle(start_at_, requests_), replica);
  }
  to_start_.clear();
}

void ServiceSimulator::on_ready(int index) {
  Replica& replica = replicas_[index];
  replica.state = State::Serving;
  const double now = replica.life.ready_s;
  serving_changed(now);
  std::deque<int> waiting;
  waiting.swap(pending_);
  for (int request : waiting) route(request, now);
}

void ServiceSimulator::on_iteration_end(int index) {
  Replica& replica = replicas_[index];
  ++iterations_;
  record(replica.batcher.finish_iteration(requests_, progress_), replica);
}

void ServiceSimulator::record(const std::optional<IterationRecord>& iteration, Replica& replica) {
  if (!iteration) return;
  const double duration = iteration->end_s - iteration->start_s;
  // Counted when the iteration starts; a run cut mid-iteration is clipped by the observer's
  // records (RunMetrics counts nothing past the window).
  replica.life.busy_s += duration;
  if (observer_ && duration > 0) {
    observer_->on_replica_busy(iteration->start_s, iteration->end_s, replica.life.held_ppus,
                               iteration->flops / duration);
  }
}

void ServiceSimulator::serving_changed(double now) {
  const int count = serving_replicas();
  if (serving_history_.back().first == now) {
    serving_history_.back().second = count;
  } else {
    serving_history_.emplace_back(now, count);
  }
}

int ServiceSimulator::add_replica() {
  replicas_.push_back(
      {ReplicaBatcher(roofline_, spec_->batching, spec_->model.kv_bytes_per_token), {}, State::Requested, 0});
  live_.push_back(static_cast<int>(replicas_.size()) - 1);
  return live_.back();
}

void ServiceSimulator::replica_allocated(int index, double now, double ready_s, int held_ppus) {
  Replica& replica = replicas_[index];
  replica.state = State::Starting;
  replica.life.allocated_s = now;
  replica.life.ready_s = ready_s;
  replica.life.held_ppus = held_ppus;
}

bool ServiceSimulator::replica_failed(int index, double now) {
  Replica& replica = replicas_[index];
  const bool was_serving = replica.state == State::Serving;
  const bool was_draining = replica.state == State::Draining;
  replica.state = State::Failed;
  ++replica_interruptions_;
  live_.erase(std::find(live_.begin(), live_.end(), index));
  to_start_.erase(std::remove(to_start_.begin(), to_start_.end(), index), to_start_.end());
  if (was_serving) serving_changed(now);
  // Its KV cache is gone: what it held starts over, prefill included, on another replica (or
  // waits for one); latency still counts from the request's first arrival.
  for (int request : replica.batcher.abandon()) {
    progress_[request] = RequestProgress{};
    ++requests_retried_;
    route(request, now);
  }
  return !was_draining;
}

void ServiceSimulator::replica_released(int index, double now) {
  Replica& replica = replicas_[index];
  const bool was_serving = replica.state == State::Serving;
  const bool failed = replica.state == State::Failed;
  replica.state = State::Released;
  replica.life.released_s = now;
  if (!failed) live_.erase(std::find(live_.begin(), live_.end(), index));
  if (observer_) observer_->on_replica_held(replica.life.allocated_s, now, replica.life.held_ppus);
  if (was_serving) serving_changed(now);
}

std::vector<int> ServiceSimulator::drained_replicas() const {
  std::vector<int> drained;
  for (int i : live_) {
    const Replica& r = replicas_[i];
    if (r.state == State::Draining && r.batcher.empty() && !r.batcher.busy()) drained.push_back(i);
  }
  return drained;
}

double ServiceSimulator::scaling_metric(double now) {
  const int serving = serving_replicas();
  if (spec_->autoscaling->metric == AutoscalingMetric::QueueLength) {
    // Requests waiting for admission, per serving replica.
    double waiting = static_cast<double>(pending_.size());
    for (int i : live_)
      if (replicas_[i].state == State::Serving)
        waiting += static_cast<double>(replicas_[i].batcher.waiting());
    return waiting / std::max(1, serving);
  }
  // Utilization: share of the last interval the serving replicas spent in iterations.
  double busy = 0;
  for (int i : live_) {
    Replica& r = replicas_[i];
    if (r.state == State::Serving) busy += r.life.busy_s - r.busy_at_last_evaluation_s;
    r.busy_at_last_evaluation_s = r.life.busy_s;
  }
  const double span = now - last_evaluation_s_;
  return serving > 0 && span > 0 ? busy / (serving * span) : 0.0;
}

bool ServiceSimulator::autoscale(double now) {
  const double metric = scaling_metric(now);
  last_evaluation_s_ = now;
  const AutoscalingSpec& rule = *spec_->autoscaling;
  int starting = 0, serving = 0;
  for (int i : live_) {
    starting += replicas_[i].state == State::Requested || replicas_[i].state == State::Starting;
    serving += replicas_[i].state == State::Serving;
  }
  // One change at a time: wait for a replica on its way before judging again.
  if (starting > 0) return false;
  if (metric > rule.scale_up_above && serving < spec_->max_replicas) return true;
  if (metric < rule.scale_down_below && serving > spec_->min_replicas) {
    // Drain the least loaded serving replica (the last one on ties): it takes no new requests
    // and is released once its queue and batch are empty.
    int victim = -1;
    for (int i : live_) {
      if (replicas_[i].state != State::Serving) continue;
      if (victim < 0 ||
          replicas_[i].batcher.outstanding_tokens() <= replicas_[victim].batcher.outstanding_tokens())
        victim = i;
    }
    replicas_[victim].state = State::Draining;
    serving_changed(now);
  }
  return false;
}

ServiceOutcome ServiceSimulator::finish(double end) {
  for (std::size_t i = 0; i < replicas_.size(); ++i) {
    const Replica& r = replicas_[i];
    if (r.life.allocated_s >= 0 && r.state != State::Released) {
      if (observer_) observer_->on_replica_held(r.life.allocated_s, end, r.life.held_ppus);
      replicas_[i].life.released_s = end;
    }
    if (r.life.ready_s > end) replicas_[i].life.ready_s = -1;
  }
  ServiceOutcome outcome;
  outcome.spec = spec_;
  outcome.requests = std::move(requests_);
  outcome.progress = std::move(progress_);
  for (const Replica& r : replicas_) outcome.replicas.push_back(r.life);
  outcome.serving_replicas = serving_history_;
  outcome.window_end_s = end;
  outcome.iterations = iterations_;
  outcome.replica_interruptions = replica_interruptions_;
  outcome.requests_retried = requests_retried_;
  return outcome;
}

}  // namespace ppusim
