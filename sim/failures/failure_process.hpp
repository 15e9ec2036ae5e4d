// When components fail: a lazy merge of one random stream per component kind, the config's
// scheduled events, and spot preemptions (docs/failures.md).
//
// Nothing is drawn ahead for every component. A fleet of n components whose lifetimes are
// exponential with mean m fails as one Poisson process of rate n/m, the failed one uniform
// among the n (superposition), so an exponential kind costs one draw per failure whatever n
// is. A Weibull lifetime is not memoryless: each component renews at its own failure, so
// that kind keeps one pending time per component in a heap (O(n) memory, O(log n) a failure).
// Each kind draws from its own RNG stream (seeded from simulation.seed and the kind), so that
// enabling one kind does not move the failures of another.
#pragma once

#include <array>
#include <cstdint>
#include <queue>
#include <vector>

#include "sim/config/scenario.hpp"
#include "sim/core/random.hpp"
#include "sim/failures/failure_spec.hpp"

namespace ppusim {

struct ComponentFailure {
  double time_s = 0;
  ComponentKind component = ComponentKind::Node;
  int index = 0;
};

/// How many of each hardware component the cluster has: PPUs and their HBM, nodes, NICs,
/// leaf uplinks (links) and leaf groups (switches); see docs/failures.md for the mapping.
std::array<long long, kHardwareComponentKinds> failure_component_counts(const Scenario& scenario);

class FailureProcess {
 public:
  explicit FailureProcess(const Scenario& scenario);

  /// The time of the next failure; infinity when there is none.
  double next_time() const;
  /// Removes and returns the next failure (ties: scheduled events first, then by kind).
  ComponentFailure pop();

 private:
  struct Pending {
    double time_s;
    long long index;
    bool operator>(const Pending& other) const {
      return time_s != other.time_s ? time_s > other.time_s : index > other.index;
    }
  };
  struct Stream {
    ComponentKind kind;
    long long count;
    LifetimeDistribution lifetime;
    Rng rng;
    Pending next{0, 0};                                                       // exponential kinds
    std::priority_queue<Pending, std::vector<Pending>, std::greater<>> heap;  // Weibull kinds
    double peek() const;
  };

  double draw_lifetime(Stream& stream);
  void advance(Stream& stream, double now);

  std::vector<ScheduledFailure> scheduled_;
  std::size_t next_scheduled_ = 0;
  std::vector<Stream> streams_;
};

}  // namespace ppusim
