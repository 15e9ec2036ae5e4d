// The smallest complete scenario as JSON: every required field, no optional one. Tests of the
// loader start from it and change one thing.
#pragma once

#include <nlohmann/json.hpp>

namespace ppusim::test {

inline nlohmann::json minimal_scenario() {
  return nlohmann::json::parse(R"({
    "name": "mini",
    "ppu": {"name": "test-ppu", "peak_bf16_flops_per_s": 1e15, "hbm_bytes": 80e9,
            "hbm_bandwidth_bytes_per_s": 3e12, "tdp_watts": 700, "idle_watts": 100},
    "node": {"ppus_per_node": 8, "intra_node_bandwidth_bytes_per_s": 450e9, "nics_per_node": 8,
             "nic_bandwidth_bits_per_s": 400e9},
    "cluster": {"nodes": 16},
    "topology": {"kind": "fat-tree", "tiers": 3, "nodes_per_leaf": 4, "leaves_per_pod": 2,
                 "link_bandwidth_bits_per_s": 800e9, "link_latency_s": 1e-6},
    "storage": {"aggregate_bandwidth_bytes_per_s": 2e12, "per_client_bandwidth_bytes_per_s": 25e9},
    "workload": {"generator": {"jobs": 10, "duration_s": 3600}},
    "economics": {"capex_per_node_usd": 270000, "amortization_years": 5, "power_price_usd_per_kwh": 0.08,
                  "pue": 1.25}
  })");
}

/// The minimal scenario's node with its chip inside, as a pool's `node` gives it.
inline nlohmann::json minimal_pool_node() {
  nlohmann::json scenario = minimal_scenario();
  nlohmann::json node = scenario["node"];
  node["ppu"] = scenario["ppu"];
  return node;
}

/// The minimal scenario without its top-level chip and node, for a test to give
/// `cluster.pools` (of minimal_pool_node() or a catalog server).
inline nlohmann::json minimal_scenario_for_pools() {
  nlohmann::json scenario = minimal_scenario();
  scenario.erase("ppu");
  scenario.erase("node");
  return scenario;
}

}  // namespace ppusim::test
