// `ppusim plan growth SPEC.json` (docs/planning.md): how many PPUs to have, period by period,
// as demand grows and hardware generations arrive, and whether to buy, rent or mix. The spec:
//
//   {
//     "base": "../ad-rnd-mix-100k.json",        // a scenario with demand-driven job classes
//     "periods": [{"name": "2026-Q1", "start": "2026-01-01", "end": "2026-04-01"}, ...],
//     "growth_per_year": {"perception-training": 0.45, ...},   // one rate per class
//     "generations": [{"node": "hgx-h100", "available": "2026-01-01", "capex_per_node_usd": 270000,
//                      "usd_per_ppu_hour": {"reserved": 4.06, "on_demand": 6.88, "spot": 4.35}}],
//     "strategies": [{"name": "buy", "kind": "buy"}, {"name": "hybrid 70 %", "kind": "hybrid",
//                     "owned_share": 0.7}, ...],
//     "targets": ["/jobs/queueing_delay_s/p90<=21600"],
//     "window_days": 7, "target_utilization": 0.7, "resize_factor": 1.25, "max_resizes": 2,
//     "spot": {"preemptions_per_node_hour": 0.0003}
//   }
//
// Every problem is an InputError naming the spec file and the JSON path.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sim/sweep/plan_target.hpp"

namespace ppusim {

/// One period of the plan, [start_day, end_day) in days since 1970-01-01 (UTC calendar dates).
struct GrowthPeriod {
  std::string name;
  std::string start_text;
  double start_day = 0;
  double end_day = 0;
  double days() const { return end_day - start_day; }
};

/// A hardware generation: a catalog server, from when it can be had, and its prices. Its
/// performance (chip, peak, power) is the catalog's.
struct HardwareGeneration {
  std::string node;  // catalog server name
  std::string chip;  // the server's chip
  std::string available_text;
  double available_day = 0;
  int ppus_per_node = 0;
  double peak_flops_per_s = 0;  // dense BF16, per PPU
  double capex_per_node_usd = 0;
  double usd_per_ppu_hour_reserved = 0;
  double usd_per_ppu_hour_on_demand = 0;
  double usd_per_ppu_hour_spot = 0;
};

enum class GrowthStrategyKind { Buy, RentReserved, RentOnDemand, RentSpot, Hybrid };

struct GrowthStrategy {
  std::string name;
  GrowthStrategyKind kind = GrowthStrategyKind::Buy;
  double owned_share = 0;  // hybrid: the owned base is this share of each period's need
};

/// A demand-driven class of the base scenario and how fast it grows.
struct GrowthClass {
  std::string name;
  double demand_eflop_days_per_year = 0;  // in the first period
  double growth_per_year = 0;             // 0.45 = +45 % a year
};

/// A dataset of the base scenario's storage and the classes that read it: it grows with their
/// demand (docs/planning.md, "Storage and network").
struct GrowthDataset {
  std::string name;
  double bytes = 0;                  // in the base scenario
  std::vector<std::size_t> readers;  // indices of the classes whose `dataset` it is
};

struct GrowthSpec {
  std::string source;     // the spec file
  std::string base_path;  // resolved against the spec's folder
  nlohmann::json base;    // the base scenario document
  std::vector<GrowthPeriod> periods;
  std::vector<GrowthClass> classes;  // in the base scenario's class order
  std::vector<HardwareGeneration> generations;
  std::vector<GrowthStrategy> strategies;
  std::vector<PlanTarget> targets;
  double window_days = 7;
  double target_utilization = 0.7;
  double resize_factor = 1.25;
  int max_resizes = 2;
  double spot_preemptions_per_node_hour = 0.0003;
  // From the base scenario: sizing and owned costs.
  double model_flops_utilization = 0.4;
  double network_capex_fraction = 0;
  double amortization_years = 5;
  std::uint64_t seed = 1;
  std::int64_t base_jobs_cap = 0;       // the base generator's `jobs`
  std::int64_t base_ppus = 1;           // the base cluster's PPUs and their dense BF16 peak:
  double base_peak_flops_per_s = 1;     // storage bandwidth scales with the cluster's peak
  std::vector<GrowthDataset> datasets;  // the base's storage.datasets, in order
  double staff_usd_per_job = 0;
};

/// Days since 1970-01-01 of "YYYY-MM-DD" (proleptic Gregorian), or nothing when it is not such a date.
std::optional<double> civil_day(const std::string& text);

/// Reads and checks a spec: growth rates above −100 %, periods in order, generations in the
/// hardware catalog and available by their period, the base scenario valid with a
/// demand-driven class for every rate.
GrowthSpec load_growth_spec(const std::string& path);

}  // namespace ppusim
