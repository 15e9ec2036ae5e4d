// Small scenarios built in code, with round numbers so that expected results can be worked
// out by hand in each test's comments.
#pragma once

#include <string>
#include <vector>

#include "sim/config/scenario.hpp"
#include "sim/inference/service_spec.hpp"
#include "workloads/job_spec.hpp"
#include "workloads/synthetic_generator.hpp"

namespace ppusim::test {

/// `nodes` nodes of `ppus_per_node` PPUs, each PPU delivering exactly 1e15 FLOP/s when busy
/// (peak 2e15 at MFU 0.5). NICs: 8 × 400 Gb/s = 400 GB/s per node; intra-node 1e12 B/s per PPU.
/// Links have no latency so that times are pure bandwidth arithmetic.
inline Scenario tiny_scenario(int nodes, int ppus_per_node, int nodes_per_leaf) {
  Scenario s;
  s.name = "tiny";
  s.ppu = {"unit-ppu", 2e15, 4e15, 80e9, 3e12, 700, 100, ""};
  s.node.ppus_per_node = ppus_per_node;
  s.node.intra_node_bandwidth_bytes_per_s = 1e12;
  s.node.nics_per_node = 8;
  s.node.nic_bandwidth_bytes_per_s = 50e9;
  s.node.host_watts = 0;
  s.cluster.nodes = nodes;
  s.topology.tiers = 2;
  s.topology.nodes_per_leaf = nodes_per_leaf;
  s.topology.leaves_per_pod = 1;
  s.topology.link_bandwidth_bytes_per_s = 400e9;
  s.topology.link_latency_s = 0;
  s.storage.aggregate_bandwidth_bytes_per_s = 1e12;
  s.storage.per_client_bandwidth_bytes_per_s = 10e9;
  s.workload.model_flops_utilization = 0.5;
  s.workload.model_flops_utilization_given = true;
  s.simulation.time_series_interval_s = 10;
  s.simulation.segment_s = 1e9;  // one segment per job unless a test says otherwise
  s.economics.capex_per_node_usd = 100000;
  s.economics.amortization_years = 1;
  s.economics.power_price_usd_per_kwh = 0.1;
  s.economics.pue = 1.0;
  return s;
}

/// The generator's context in tests of its draws: a reference PPU of 1e15 FLOP/s at MFU 0.5
/// (5e14 FLOP/s of work per PPU-second), 8 PPUs a node, 80 GB of HBM, 4,194,304-token batches.
inline GeneratorContext unit_generator_context() {
  GeneratorContext c;
  c.ppus_per_node = 8;
  c.peak_flops_per_s_per_ppu = 1e15;
  c.model_flops_utilization = 0.5;
  c.hbm_bytes = 80e9;
  c.default_global_batch_tokens = 4194304;
  return c;
}

inline JobSpec flops_job(const std::string& id, double submit_s, int ppus, double flops) {
  JobSpec job;
  job.id = id;
  job.submit_s = submit_s;
  job.ppus = ppus;
  job.total_flops = flops;
  job.origin = "test";
  return job;
}

/// A transformer job: `parameters` N, `tokens` D, batch B tokens per step, pure data parallel.
inline JobSpec model_job(const std::string& id, double submit_s, int ppus, double parameters, double tokens,
                         double batch_tokens) {
  JobSpec job;
  job.id = id;
  job.submit_s = submit_s;
  job.ppus = ppus;
  job.model = ModelDescription{parameters, tokens, batch_tokens, {}};
  job.origin = "test";
  return job;
}

/// A node pool of `base`'s node whose chip is `chip` at `peak` BF16 FLOP/s per PPU (FP8 twice
/// that), `nodes` nodes from node index `first_node` (docs/config.md, "Node pools").
inline PoolSpec chip_pool(const Scenario& base, const std::string& name, const std::string& chip, double peak,
                          int nodes, int first_node) {
  PoolSpec pool;
  pool.name = name;
  pool.ppu = base.ppu;
  pool.ppu.name = chip;
  pool.ppu.peak_bf16_flops_per_s = peak;
  pool.ppu.peak_fp8_flops_per_s = 2 * peak;
  pool.node = base.node;
  pool.nodes = nodes;
  pool.first_node = first_node;
  return pool;
}

inline JobTrace trace_of(std::vector<JobSpec> jobs) {
  JobTrace trace;
  trace.jobs = std::move(jobs);
  return trace;
}

/// A small served model with round numbers: N = 1e9 parameters (W = 2e9 bytes of weights),
/// L·d = 10 · 1000 = 1e4, KV 1e5 bytes per token; roofline efficiencies 1, so a PPU's peaks are
/// exactly its roofs.
inline ServiceSpec unit_service() {
  ServiceSpec s;
  s.name = "svc";
  s.model.parameters = 1e9;
  s.model.layers = 10;
  s.model.hidden_size = 1000;
  s.model.bytes_per_parameter = 2;
  s.model.kv_bytes_per_token = 1e5;
  s.efficiency = {1.0, 1.0};
  s.batching.max_batch_size = 64;
  s.batching.max_batched_tokens = 1 << 20;
  s.batching.kv_cache_bytes = 1e12;
  return s;
}

}  // namespace ppusim::test
