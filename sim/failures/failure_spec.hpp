// What can break, how often, and what it costs to recover (docs/failures.md): the `failures`
// block of a scenario, and the spot-capacity parameters of a cloud economics block.
//
// Plain data filled by the loader (failure_config.hpp) and read-only afterwards. Every
// duration is in seconds; JSON fields give MTBFs in hours, as reliability papers do.
#pragma once

#include <array>
#include <string_view>
#include <vector>

#include "sim/config/duration_distribution.hpp"

namespace ppusim {

/// The components whose failure interrupts jobs. Their counts follow from the cluster
/// (component_counts in failure_process.hpp); Preemption is a spot node taken back.
enum class ComponentKind { Ppu, Hbm, Node, Nic, Link, Switch, Preemption };
constexpr std::size_t kComponentKinds = 7;
constexpr std::size_t kHardwareComponentKinds = 6;  // all but Preemption

std::string_view component_name(ComponentKind kind);

/// Time to failure of one component. Exponential: memoryless, rate 1/MTBF. Weibull:
/// P(T > t) = exp(−(t/scale)^shape); shape < 1 is infant mortality, > 1 wear-out; its mean
/// is scale · Γ(1 + 1/shape).
struct LifetimeDistribution {
  enum class Kind { Exponential, Weibull };
  Kind kind = Kind::Exponential;
  double mean_s = 0;   // MTBF
  double shape = 1;    // Weibull only
  double scale_s = 0;  // Weibull only
};

struct ComponentFailureSpec {
  bool enabled = false;
  LifetimeDistribution lifetime;
  DurationDistribution repair_s;  // until the component is back (or back in the spare pool)
};

/// A failure at a given time, from the config's `events` list (what-if studies and tests).
struct ScheduledFailure {
  double time_s = 0;
  ComponentKind component = ComponentKind::Node;
  int index = 0;
};

/// What happens between a failure and the job's restart (docs/failures.md):
///   delay = detection + (manual ? manual_restart : automatic_restart)
/// during which the job still holds its nodes (a hung collective holds them until its
/// watchdog fires and the job is torn down); then it is requeued with its remaining work.
struct RecoverySpec {
  double detection_s = 0;
  double automatic_restart_s = 0;
  double manual_restart_s = 0;
  double manual_fraction = 0;  // probability that a failure needs a person
};

/// Idle replacement nodes: a failed node is swapped for one after swap_s, the failed one
/// joins the spares again when repaired.
struct SparePoolSpec {
  int nodes = 0;
  double swap_s = 0;
};

/// Jobs save their state every interval_s of training progress; the state is the job's
/// `checkpoint_bytes` or, for a model job, parameters × bytes_per_parameter.
struct CheckpointSpec {
  double interval_s = 0;  // 0: no checkpoints, an interrupted job restarts from scratch
  double bytes_per_parameter = 0;
};

struct FailureSpec {
  bool enabled = false;  // false when the scenario has no failures block
  std::array<ComponentFailureSpec, kHardwareComponentKinds> components{};
  std::vector<ScheduledFailure> events;  // sorted by time
  RecoverySpec recovery;
  SparePoolSpec spares;
  CheckpointSpec checkpoint;

  const ComponentFailureSpec& component(ComponentKind kind) const {
    return components[static_cast<std::size_t>(kind)];
  }
};

/// Spot capacity (cloud economics, billing "spot"): each node is taken back at a rate per
/// node-hour; the jobs on it are interrupted notice_s after the notice, and the node returns
/// reclaim_s after it was taken.
struct SpotSpec {
  double preemptions_per_node_hour = 0;
  double notice_s = 0;
  double reclaim_s = 0;
};

}  // namespace ppusim
