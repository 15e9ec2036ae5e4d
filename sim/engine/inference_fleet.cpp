#include "sim/engine/inference_fleet.hpp"

#include <algorithm>
#include <limits>

#include "sim/config/duration_distribution.hpp"

namespace ppusim {

namespace {
constexpr double kNever = std::numeric_limits<double>::infinity();
}  // namespace

std::vector<std::vector<InferenceRequest>> load_service_requests(const Scenario& scenario) {
  std::vector<std::vector<InferenceRequest>> requests;
  for (std::size_t i = 0; i < scenario.services.size(); ++i) {
    // A seed per service, so that adding a service does not change another's draws.
    requests.push_back(load_requests(scenario.services[i].requests,
                                     scenario.simulation.seed + 0x9E3779B97F4A7C15ULL * (i + 1)));
  }
  return requests;
}

InferenceFleet::InferenceFleet(const Scenario& scenario, std::vector<std::vector<InferenceRequest>> requests,
                               EngineObserver* observer)
    : scenario_(scenario), setup_rng_(scenario.simulation.seed ^ 0x1AFE2E4CE1AFE2E4ULL) {
  for (std::size_t i = 0; i < scenario.services.size(); ++i) {
    const ServiceSpec& spec = scenario.services[i];
    services_.push_back(std::make_unique<ServiceSimulator>(
        spec, scenario.pools.empty() ? scenario.ppu : scenario.pools[spec.pool].ppu, std::move(requests[i]),
        observer));
    fleet_ids_.emplace_back();
    next_evaluation_s_.push_back(spec.autoscaling ? spec.autoscaling->interval_s : kNever);
  }
}

double InferenceFleet::next_control_s() const {
  if (!initial_requested_ && !services_.empty()) return 0;
  double next = kNever;
  for (double t : next_evaluation_s_) next = std::min(next, t);
  return next;
}

void InferenceFleet::advance_to(double now) {
  for (auto& service : services_) service->advance_to(now);
}

int InferenceFleet::new_replica(int service) {
  replicas_.push_back({service, services_[service]->add_replica()});
  fleet_ids_[service].push_back(static_cast<int>(replicas_.size()) - 1);
  return static_cast<int>(replicas_.size()) - 1;
}

FleetActions InferenceFleet::control(double now) {
  FleetActions actions;
  for (std::size_t s = 0; s < services_.size(); ++s) {
    ServiceSimulator& service = *services_[s];
    const int ppus = service.spec().ppus_per_replica;
    const int pool = service.spec().pool;
    if (!initial_requested_) {
      for (int k = 0; k < service.spec().initial_replicas; ++k)
        actions.start.push_back({new_replica(static_cast<int>(s)), ppus, pool});
    }
    if (next_evaluation_s_[s] <= now) {
      if (service.autoscale(now)) actions.start.push_back({new_replica(static_cast<int>(s)), ppus, pool});
      next_evaluation_s_[s] += service.spec().autoscaling->interval_s;
      while (next_evaluation_s_[s] <= now) next_evaluation_s_[s] += service.spec().autoscaling->interval_s;
    }
    for (int replica : service.drained_replicas()) actions.release.push_back(fleet_ids_[s][replica]);
  }
  initial_requested_ = true;
  return actions;
}

double InferenceFleet::setup_s(const ServiceSpec& service) {
  const SetupSpec& setup = scenario_.setup;
  double seconds = draw_duration(setup.provisioning_s, setup_rng_);
  // The image at the node's pull rate (no registry contention or cache for replicas).
  if (setup.image_bytes > 0 && setup.image_pull_node_bandwidth_bytes_per_s > 0)
    seconds += setup.image_bytes / setup.image_pull_node_bandwidth_bytes_per_s;
  // The weights from shared storage at one client's rate.
  seconds += scenario_.storage.latency_s +
             service.model.weight_bytes() / scenario_.storage.per_client_bandwidth_bytes_per_s;
  seconds += setup.framework_init_base_s + setup.framework_init_per_node_s;
  return seconds;
}

double InferenceFleet::replica_started(int id, double now, int held_ppus) {
  const ReplicaRef ref = replicas_[id];
  ServiceSimulator& service = *services_[ref.service];
  const double ready = now + setup_s(service.spec());
  service.replica_allocated(ref.replica, now, ready, held_ppus);
  return ready;
}

void InferenceFleet::replica_released(int id, double now) {
  const ReplicaRef ref = replicas_[id];
  services_[ref.service]->replica_released(ref.replica, now);
}

bool InferenceFleet::replica_failed(int id, double now) {
  const ReplicaRef ref = replicas_[id];
  services_[ref.service]->advance_to(now);
  return services_[ref.service]->replica_failed(ref.replica, now);
}

ReplicaJob InferenceFleet::replacement_for(int id) {
  const int service = replicas_[id].service;
  const ServiceSpec& spec = services_[service]->spec();
  return {new_replica(service), spec.ppus_per_replica, spec.pool};
}

std::vector<ServiceOutcome> InferenceFleet::finish(double end) {
  std::vector<ServiceOutcome> outcomes;
  for (auto& service : services_) {
    service->advance_to(end);
    outcomes.push_back(service->finish(end));
  }
  return outcomes;
}

}  // namespace ppusim
