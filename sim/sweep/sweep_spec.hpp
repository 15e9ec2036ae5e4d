// A sweep: one base scenario, a grid of changes to it, and the seeds each grid point runs with
// (docs/sweeps.md). The spec file:
//
//   {
//     "base": "../configs/small-test.json",                  // relative to the spec file
//     "grid": {"/cluster/nodes": [16, 32], "/scheduler/policy": ["fifo", "easy-backfill"]},
//     "zip": [{"/ppu/tdp_watts": [700, 1000], "/ppu/idle_watts": [100, 140]}],
//     "seeds": [1, 2, 3]            // or {"count": 3} (1, 2, 3) or {"count": 3, "first": 10}
//     "metrics": ["/utilization/allocated", "/jobs/queueing_delay_s/p90"]   // optional
//   }
//
// Each "grid" pointer is one dimension; each "zip" group is one dimension whose pointers take
// their i-th values together. The points are the Cartesian product of the dimensions. Every
// pointer must name a field the base scenario has (a typo would otherwise sweep nothing).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace ppusim {

/// One axis of the grid: `pointers` change together; level i sets pointers[k] to levels[i][k].
struct SweepDimension {
  std::vector<std::string> pointers;
  std::vector<std::vector<nlohmann::json>> levels;
};

struct SweepSpec {
  std::string source;     // the spec file, for messages
  std::string base_path;  // the base scenario, resolved against the spec file's folder
  nlohmann::json base;    // the base scenario document
  std::vector<SweepDimension> dimensions;
  std::vector<std::uint64_t> seeds;
  /// JSON pointers into report.json. Empty: the defaults (default_sweep_metrics()).
  std::vector<std::string> metrics;

  /// What identifies the sweep's results, whatever folder or machine ran it: the base
  /// scenario's content, the grid, the seeds and the metrics. Shards merge only when equal.
  nlohmann::json identity() const;
};

/// Utilization, queueing, completion time, cost per delivered PF-day, and goodput: a default
/// metric a report does not have (goodput before failures are modelled) is left out.
const std::vector<std::string>& default_sweep_metrics();

/// Reads and validates a spec; InputError naming the file and JSON path on any problem,
/// including a pointer the base scenario does not have.
SweepSpec load_sweep_spec(const std::string& path);
/// The same from a parsed document (`source` names it in messages and anchors "base").
SweepSpec parse_sweep_spec(const nlohmann::json& document, const std::string& source);

class JsonReader;

/// Pieces of the spec format that `ppusim plan` specs share (docs/sweeps.md):
/// "base", read relative to spec.source's folder into spec.base_path and spec.base;
void read_sweep_base(JsonReader& reader, SweepSpec& spec);
/// "seeds": a list, {"count": N} or {"count": N, "first": S};
std::vector<std::uint64_t> read_sweep_seeds(JsonReader& reader);
/// a key of `reader`'s object that must be a JSON pointer to a field the base scenario has.
void require_base_field(JsonReader& reader, const nlohmann::json& base, const std::string& pointer);

/// Checks a JSON pointer's syntax (RFC 6901); InputError "<where>: found ..., expected ...".
nlohmann::json::json_pointer parse_pointer(const std::string& text, const std::string& where);

}  // namespace ppusim
