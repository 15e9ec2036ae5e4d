// Reads the cluster's node pools (docs/config.md, "Node pools"): `cluster.pools`, or the
// top-level `ppu` and `node` with `cluster.nodes` / `cluster.ppus`, which mean one pool.
#pragma once

#include <vector>

#include "sim/config/scenario.hpp"
#include "sim/core/json_reader.hpp"

namespace ppusim {

/// The most pools a cluster may have: a job's eligible pools are one 64-bit mask.
constexpr int kMaxPools = 64;
constexpr double kBytesPerGib = 1024.0 * 1024.0 * 1024.0;

/// The pools of `root` (a scenario) in topology order, each with its first node; throws
/// InputError naming the JSON path for `cluster.pools` given together with `cluster.nodes`,
/// `cluster.ppus` or a top-level `ppu`/`node`, a repeated pool name, a pool of no nodes, or a
/// CPU or memory figure that is not a positive number.
std::vector<PoolSpec> read_pools(JsonReader& root);

}  // namespace ppusim
