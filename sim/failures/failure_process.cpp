#include "sim/failures/failure_process.hpp"

#include <limits>

#include "topologies/topology_layout.hpp"

namespace ppusim {

namespace {

constexpr double kNever = std::numeric_limits<double>::infinity();

std::uint64_t stream_seed(std::uint64_t seed, ComponentKind kind) {
  // A stream of its own per kind (golden-ratio spacing), apart from the setup stream.
  return seed ^ 0xFA11FA11FA11FA11ULL ^ ((static_cast<std::uint64_t>(kind) + 1) * 0x9E3779B97F4A7C15ULL);
}

}  // namespace

std::array<long long, kHardwareComponentKinds> failure_component_counts(const Scenario& scenario) {
  const TopologyLayout layout = make_topology_layout(scenario);
  const long long nodes = scenario.cluster.nodes;
  const long long ppus = nodes * scenario.node.ppus_per_node;
  const long long links = layout.leaves > 1 ? static_cast<long long>(layout.leaves) * layout.leaf_uplinks : 0;
  return {ppus, ppus, nodes, nodes * scenario.node.nics_per_node, links, layout.leaves};
}

FailureProcess::FailureProcess(const Scenario& scenario) {
  const FailureSpec& spec = scenario.failures;
  const std::uint64_t seed = scenario.simulation.seed;
  if (spec.enabled) {
    scheduled_ = spec.events;
    const auto counts = failure_component_counts(scenario);
    for (std::size_t k = 0; k < kHardwareComponentKinds; ++k) {
      const ComponentFailureSpec& component = spec.components[k];
      if (!component.enabled || counts[k] == 0) continue;
      const auto kind = static_cast<ComponentKind>(k);
      streams_.push_back({kind, counts[k], component.lifetime, Rng(stream_seed(seed, kind)), {}, {}});
    }
  }
  const EconomicsSpec& economics = scenario.economics;
  if (economics.model == CostModel::Cloud && economics.billing == CloudBilling::Spot) {
    LifetimeDistribution lifetime;
    lifetime.mean_s = 3600.0 / economics.spot.preemptions_per_node_hour;
    streams_.push_back({ComponentKind::Preemption,
                        scenario.cluster.nodes,
                        lifetime,
                        Rng(stream_seed(seed, ComponentKind::Preemption)),
                        {},
                        {}});
  }
  for (Stream& stream : streams_) {
    if (stream.lifetime.kind == LifetimeDistribution::Kind::Weibull) {
      for (long long i = 0; i < stream.count; ++i) stream.heap.push({draw_lifetime(stream), i});
    } else {
      advance(stream, 0);
    }
  }
}

double FailureProcess::draw_lifetime(Stream& stream) {
  const LifetimeDistribution& lifetime = stream.lifetime;
  if (lifetime.kind == LifetimeDistribution::Kind::Exponential)
    return lifetime.mean_s * stream.rng.exponential();
  // Inversion: T = scale · (−ln U)^(1/shape).
  return lifetime.scale_s * portable_exp(portable_log(stream.rng.exponential()) / lifetime.shape);
}

void FailureProcess::advance(Stream& stream, double now) {
  // Superposition: the fleet's next failure after an Exp(n/m) gap, at a uniform component.
  const double gap = draw_lifetime(stream) / static_cast<double>(stream.count);
  const auto index = static_cast<long long>(stream.rng.uniform01() * static_cast<double>(stream.count));
  stream.next = {now + gap, index};
}

double FailureProcess::Stream::peek() const {
  if (lifetime.kind == LifetimeDistribution::Kind::Weibull) return heap.empty() ? kNever : heap.top().time_s;
  return next.time_s;
}

double FailureProcess::next_time() const {
  double next = next_scheduled_ < scheduled_.size() ? scheduled_[next_scheduled_].time_s : kNever;
  for (const Stream& stream : streams_) next = std::min(next, stream.peek());
  return next;
}

ComponentFailure FailureProcess::pop() {
  Stream* first = nullptr;
  for (Stream& stream : streams_) {
    if (!first || stream.peek() < first->peek()) first = &stream;
  }
  if (next_scheduled_ < scheduled_.size() &&
      (!first || scheduled_[next_scheduled_].time_s <= first->peek())) {
    const ScheduledFailure& event = scheduled_[next_scheduled_++];
    return {event.time_s, event.component, event.index};
  }
  if (!first) return {kNever, ComponentKind::Node, 0};
  Stream& stream = *first;
  ComponentFailure failure;
  failure.component = stream.kind;
  if (stream.lifetime.kind == LifetimeDistribution::Kind::Weibull) {
    const Pending pending = stream.heap.top();
    stream.heap.pop();
    failure.time_s = pending.time_s;
    failure.index = static_cast<int>(pending.index);
    // Renewal: the replaced component starts a fresh lifetime at the failure.
    stream.heap.push({pending.time_s + draw_lifetime(stream), pending.index});
  } else {
    failure.time_s = stream.next.time_s;
    failure.index = static_cast<int>(stream.next.index);
    advance(stream, failure.time_s);
  }
  return failure;
}

}  // namespace ppusim
