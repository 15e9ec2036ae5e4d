// The placement experiment of Weng et al., "Beware of Fragmentation: Scheduling GPU-Sharing
// Workloads with Fragmentation Gradient Descent", USENIX ATC'23 (section 6): jobs drawn from a
// trace arrive one after another and never leave, each placed at once or refused, until the
// PPUs they request reach the cluster's capacity. How much of the cluster is then allocated
// measures a placement policy's fragmentation alone, free of queueing and run times: a refused
// job is one the free PPUs, scattered over nodes and shared PPUs, could not hold
// (docs/models.md, section (f), "Filling the cluster").
//
// No time passes and nothing is simulated on SimGrid: each job goes through the same pools,
// eligibility and placement code as in `ppusim run` (sim/engine/cluster_resources.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "sim/config/scenario.hpp"
#include "workloads/job_spec.hpp"

namespace ppusim {

struct FillOptions {
  std::vector<PlacementPolicy> placements;  // each is filled from the same draws
  /// Overrides the scenario's scheduler.pool_choice for every placement.
  std::optional<PoolPreference> pool_choice;
  int repeats = 1;  // independent draws, averaged
  /// Jobs in the trace's order (starting again at its first when it runs out) instead of drawn
  /// uniformly with replacement.
  bool in_trace_order = false;
  std::uint64_t seed = 1;
};

/// One placement's fill, averaged over the repeats.
struct FillCurve {
  PlacementPolicy placement = PlacementPolicy::Pack;
  /// Index k = 0…100: the share of the capacity that placed jobs request when the arrived
  /// requests first reach k % of the capacity.
  std::vector<double> allocated_share_by_arrived_percent;
  double refused_jobs = 0;             // jobs that found no room, per repeat
  double unallocated_ppus_at_end = 0;  // capacity − placed requests once the fill stops, in PPUs
};

struct FillResult {
  double capacity_ppus = 0;                                  // every pool's PPUs
  PoolPreference pool_choice = PoolPreference::FirstListed;  // the one every placement ran with
  std::size_t trace_jobs = 0;
  double arrived_jobs = 0;  // per repeat
  std::vector<FillCurve> curves;
};

/// Fills `scenario`'s cluster with `trace`'s jobs once per placement and repeat. A job's
/// request is ppus PPUs, or ppu_milli thousandths of one PPU for a fractional job; a job that no
/// pool could ever hold (docs/config.md, "Requests") arrives and is refused. Throws InputError
/// for an empty trace, a fill that would take more than kMaxFillDraws jobs, or the pool choice
/// "least-fragmenting" with a placement other than FGD (it compares pools by FGD's measure).
FillResult fill_until_full(const Scenario& scenario, const JobTrace& trace, const FillOptions& options);

/// Bounds the work of one fill: capacity / mean request draws.
inline constexpr double kMaxFillDraws = 5e7;

}  // namespace ppusim
