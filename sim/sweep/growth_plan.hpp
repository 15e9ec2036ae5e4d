// The growth plan itself (docs/planning.md): for each strategy and period, the cluster to
// have, its simulated window, whether the window meets the targets, and what the period costs;
// then the cheapest strategy whose every period meets them.
//
// Sizing is by rule, checked by simulation: a period's cluster starts at ppus_needed
// (growth_model.hpp) times a scale; where the window misses a target the scale grows by
// resize_factor and the window runs again, at most max_resizes times. Buy keeps what it bought,
// so its cluster is the larger of the need and the fleet it already owns; the rented strategies
// and hybrid simulate the need (hybrid's base and burst together). Windows identical across
// strategies (same period, size, and spot or not) run once.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sim/sweep/growth_costs.hpp"
#include "sim/sweep/growth_infrastructure.hpp"
#include "sim/sweep/growth_spec.hpp"
#include "sim/sweep/sweep_grid.hpp"

namespace ppusim {

/// One strategy in one period.
struct GrowthCell {
  std::size_t generation = 0;
  double demand_eflop_days_per_year = 0;  // all classes
  std::int64_t ppus_needed = 0;           // by the sizing rule
  std::int64_t simulated_ppus = 0;
  double ppus_to_have =
      0;  // owned (buy), reserved, peak allocated (on demand, spot), base + peak burst (hybrid)
  std::int64_t owned_ppus = 0;   // buy and hybrid: PPUs owned (all generations)
  std::int64_t bought_ppus = 0;  // buy and hybrid: bought this period
  double utilization = 0;        // of the PPUs paid for whole (owned or reserved); allocated share otherwise
  double queueing_p90_s = 0;
  double delivered_pflop_days = 0;  // scaled to the period
  PeriodStorage storage;            // datasets held, read rate and bandwidth to have
  PeriodNetwork network;            // the simulated cluster's fat-tree
  PeriodCost cost;
  std::optional<double> usd_per_delivered_pflop_day;
  bool passes = false;
  int resizes = 0;
  std::string window_id;  // the simulated window's folder: points/<id>
  nlohmann::json target_values = nlohmann::json::object();
};

struct StrategyOutcome {
  std::vector<GrowthCell> periods;
  double total_usd = 0;
  double delivered_pflop_days = 0;
  bool passes = false;  // every period
};

struct GrowthPlan {
  std::vector<StrategyOutcome> strategies;  // in spec order
  std::optional<std::size_t> answer;        // the cheapest strategy that passes
  std::size_t windows_simulated = 0;
};

/// Runs the given windows (sweep points of growth_runs(spec)) and returns their report.json
/// documents, in the same order.
using WindowSimulator = std::function<std::vector<nlohmann::json>(const std::vector<SweepPoint>&)>;

/// The base scenario as a sweep spec with the base's seed: what the windows are points of.
SweepSpec growth_runs(const GrowthSpec& spec);

GrowthPlan run_growth_plan(const GrowthSpec& spec, const WindowSimulator& simulate);

}  // namespace ppusim
