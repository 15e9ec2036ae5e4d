// The runs of a sweep: every grid point (one level of each dimension) times every seed, in a
// fixed order, each with its own output folder; and the slice of them one shard runs.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sim/config/scenario.hpp"
#include "sim/sweep/sweep_spec.hpp"

namespace ppusim {

struct SweepPoint {
  std::string id;  // "p0", "p1", ... in grid order: the last dimension varies fastest
  std::vector<std::pair<std::string, nlohmann::json>> settings;  // pointer → value
  std::string label;  // how messages name it; empty: "grid point <id>"
};

struct SweepRun {
  std::size_t index = 0;  // position in the full list of runs (point-major, then seed)
  std::size_t point = 0;
  std::uint64_t seed = 0;
  /// "points/<id>/seed-<seed>", relative to the sweep's output folder.
  std::string folder(const std::vector<SweepPoint>& points) const;
};

/// The Cartesian product of the dimensions.
std::vector<SweepPoint> expand_grid(const SweepSpec& spec);
/// Every point with every seed.
std::vector<SweepRun> list_runs(const SweepSpec& spec, std::size_t points);

/// Slice `index` of `count` (0 <= index < count).
struct Shard {
  int index = 0;
  int count = 1;
  /// Round robin: run i belongs to shard i mod count, so that shards get equal numbers of
  /// runs and a mix of grid points (points differ in cost more than seeds do).
  bool owns(const SweepRun& run) const { return static_cast<int>(run.index % count) == index; }
};

/// Reads "I/N" (0 <= I < N); InputError otherwise.
Shard parse_shard(const std::string& text);

/// The base document with the point's settings applied, validated as a scenario, with the
/// seed set. InputError names the point and its settings when the result is not a valid
/// scenario.
Scenario scenario_of(const SweepSpec& spec, const SweepPoint& point, std::uint64_t seed);

/// "/cluster/nodes=16, /scheduler/policy=\"fifo\"".
std::string describe_settings(const SweepPoint& point);

}  // namespace ppusim
