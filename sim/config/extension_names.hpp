// The names of the simulator's extension points, each written once: the scenario loader reads
// them, the report writes them, and error messages list them (with "did you mean"). Adding a
// scheduling policy, a placement, a topology kind or a cost model starts with a row here
// (ARCHITECTURE.md, "Where to add things"); trace formats have their own table,
// workloads/importers/format_registry.cpp, because each row there also carries its reader.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "sim/config/scenario.hpp"

namespace ppusim {

/// A name as written in a scenario or report, and the value it stands for.
template <typename T, std::size_t N>
using NameTable = std::array<std::pair<std::string_view, T>, N>;

/// scheduler.policy (docs/config.md).
inline constexpr NameTable<SchedulingPolicy, 6> kSchedulingPolicyNames{{
    {"fifo", SchedulingPolicy::Fifo},
    {"easy-backfill", SchedulingPolicy::EasyBackfill},
    {"first-fit", SchedulingPolicy::FirstFit},
    {"sjf", SchedulingPolicy::ShortestJobFirst},
    {"conservative-backfill", SchedulingPolicy::ConservativeBackfill},
    {"priority", SchedulingPolicy::Priority},
}};

/// scheduler.placement (docs/config.md).
inline constexpr NameTable<PlacementPolicy, 5> kPlacementNames{{
    {"pack", PlacementPolicy::Pack},
    {"spread", PlacementPolicy::Spread},
    {"fragmentation-aware", PlacementPolicy::FragmentationAware},
    {"random", PlacementPolicy::Random},
    {"fgd", PlacementPolicy::Fgd},
}};

/// scheduler.pool_choice (docs/config.md, "Node pools").
inline constexpr NameTable<PoolPreference, 4> kPoolPreferenceNames{{
    {"first-listed", PoolPreference::FirstListed},
    {"fastest", PoolPreference::Fastest},
    {"least-allocated", PoolPreference::LeastAllocated},
    {"least-fragmenting", PoolPreference::LeastFragmenting},
}};

/// scheduler.priority.fair_share (docs/config.md, docs/tenants.md "Fair share").
inline constexpr NameTable<FairShareModel, 2> kFairShareNames{{
    {"classic", FairShareModel::Classic},
    {"drf", FairShareModel::DominantResource},
}};

/// topology.kind (docs/topologies.md).
inline constexpr NameTable<TopologySpec::Kind, 4> kTopologyKindNames{{
    {"fat-tree", TopologySpec::Kind::FatTree},
    {"rail-optimized", TopologySpec::Kind::RailOptimized},
    {"dragonfly", TopologySpec::Kind::Dragonfly},
    {"torus", TopologySpec::Kind::Torus},
}};

/// economics.model (docs/economics.md).
inline constexpr NameTable<CostModel, 2> kCostModelNames{{
    {"owned", CostModel::Owned},
    {"cloud", CostModel::Cloud},
}};

/// The name of `value` in `table`. Every value of the enum has a row, so the fallback (the
/// first row) is only reached by a value added to the enum and forgotten here.
template <typename T, std::size_t N>
constexpr std::string_view name_of(const NameTable<T, N>& table, T value) {
  for (const auto& [name, entry] : table) {
    if (entry == value) return name;
  }
  return table.front().first;
}

/// The value named `name` in `table`, if any.
template <typename T, std::size_t N>
constexpr std::optional<T> value_named(const NameTable<T, N>& table, std::string_view name) {
  for (const auto& [entry_name, entry] : table) {
    if (entry_name == name) return entry;
  }
  return std::nullopt;
}

/// Every name of `table`, comma-separated, for an error's "expected one of …".
template <typename T, std::size_t N>
std::string names_listed(const NameTable<T, N>& table) {
  std::string list;
  for (const auto& [name, entry] : table) list += (list.empty() ? "" : ", ") + std::string(name);
  return list;
}

}  // namespace ppusim
