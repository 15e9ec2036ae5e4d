// `ppusim plan cheapest SPEC.json` (docs/sweeps.md): the cheapest of several candidate
// configurations that meets the plan's targets. The spec extends the plan's command line to a
// file, with the sweep spec's "base" and "seeds":
//
//   {
//     "base": "cheapest-base.json",                       // relative to the spec file
//     "seeds": {"count": 2},                              // as a sweep's
//     "targets": ["/jobs/queueing_delay_s/p90<=1800"],    // as plan's --target
//     "rule": "mean",                                     // or "ci", as plan's --rule; default mean
//     "rank_by": "/cost/total_usd",                       // optional; lower is cheaper
//     "candidates": [
//       {"name": "12 nodes, owned", "set": {"/cluster/nodes": 12}},
//       {"name": "rented", "set": {"/economics": {"model": "cloud", ...}}}
//     ]
//   }
//
// A candidate is the base scenario with the fields of "set" replaced (JSON pointers, each to
// a field the base has). Every candidate runs with every seed.
#pragma once

#include <string>
#include <vector>

#include "sim/sweep/plan_target.hpp"
#include "sim/sweep/sweep_grid.hpp"

namespace ppusim {

inline constexpr const char* kDefaultRankMetric = "/cost/total_usd";

struct CheapestSpec {
  SweepSpec runs;  // base, seeds, and as metrics the targets' pointers and rank_by
  std::vector<PlanTarget> targets;
  std::vector<std::string> target_paths;  // "spec.json: /targets/0", for messages
  TargetRule rule = TargetRule::Mean;
  std::string rank_by = kDefaultRankMetric;
  std::vector<std::string> names;      // one per candidate
  std::vector<SweepPoint> candidates;  // ids c0, c1, ... in spec order
};

/// Reads and validates a spec; InputError naming the file and JSON path on any problem. Does
/// not yet check that each candidate is a valid scenario, nor the metrics (check_cheapest_spec).
CheapestSpec load_cheapest_spec(const std::string& path);

/// Before anything runs: every candidate is a valid scenario, and every target and rank_by
/// names a number of its report. InputError naming the spec file and JSON path.
void check_cheapest_spec(const CheapestSpec& spec);

}  // namespace ppusim
