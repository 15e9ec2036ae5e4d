// The scenario: everything a run needs to know about the data center, in SI units.
//
// A Scenario is plain data. It is produced once by the loader (scenario_loader.hpp), which
// validates every field, and is read-only afterwards: the platform builder, the engine, the
// scheduler and the cost model all take it by const reference. JSON field names carry their
// units (docs/config.md); inside the program every quantity is SI: seconds, bytes, bytes/s,
// FLOP, FLOP/s, watts, joules, US dollars.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/config/duration_distribution.hpp"
#include "sim/config/generator_distributions.hpp"
#include "sim/config/tenant_spec.hpp"
#include "sim/failures/failure_spec.hpp"
#include "sim/inference/service_spec.hpp"
#include "workloads/communication_overlap.hpp"

namespace ppusim {

/// One accelerator ("PPU"): its dense peak throughput, memory and power.
struct PpuSpec {
  std::string name;
  double peak_bf16_flops_per_s = 0;  // dense, not sparse
  double peak_fp8_flops_per_s = 0;   // dense, not sparse
  double hbm_bytes = 0;
  double hbm_bandwidth_bytes_per_s = 0;
  double tdp_watts = 0;   // power at full load
  double idle_watts = 0;  // power when allocated to nothing or waiting
  /// The chip family whose fitted efficiency constants the step-time model uses
  /// (docs/models.md); empty: the generic family.
  std::string family;

  bool operator==(const PpuSpec&) const = default;
};

/// One server: how many PPUs it holds and how they talk inside and outside the box.
struct NodeSpec {
  int ppus_per_node = 0;
  /// Per-PPU, one direction, over the scale-up fabric (NVLink, ICN, HCCS).
  double intra_node_bandwidth_bytes_per_s = 0;
  int nics_per_node = 0;
  /// Per NIC, one direction. Stored in bytes/s (the JSON field is in bits/s).
  double nic_bandwidth_bytes_per_s = 0;
  /// CPUs, memory, fans: drawn whenever the node is powered, on top of the PPUs.
  double host_watts = 0;
  /// PPUs joined by one scale-up fabric at intra_node_bandwidth (NVL72: 72, CloudMatrix384:
  /// 384); a multiple of ppus_per_node. 0: the node alone.
  int scale_up_domain_ppus = 0;

  int scale_up_domain() const { return scale_up_domain_ppus > 0 ? scale_up_domain_ppus : ppus_per_node; }

  double node_nic_bandwidth_bytes_per_s() const { return nics_per_node * nic_bandwidth_bytes_per_s; }

  bool operator==(const NodeSpec&) const = default;
};

/// The JSON may give a node count or a PPU count; the loader stores nodes (all pools' together).
struct ClusterSpec {
  int nodes = 0;
};

/// Nodes of a pool whose hosts offer the same CPU cores and memory (absent: not modelled, any
/// request fits). Every size of one pool models the same resources.
struct HostSize {
  int nodes = 0;
  std::optional<double> cpu_cores;
  std::optional<double> memory_bytes;
};

/// One pool of nodes of one server and chip (docs/config.md, "Node pools"): its server, its
/// chip, its count and the host resources its nodes offer besides their PPUs. Pools sit in the
/// topology in the order they are listed: pool 0 takes nodes [0, nodes), pool 1 the next ones,
/// and so on.
struct PoolSpec {
  std::string name;
  PpuSpec ppu;
  NodeSpec node;
  int nodes = 0;
  int first_node = 0;  // its first node's index in the cluster (the sum of earlier pools' nodes)
  /// Its nodes' hosts, in node order: one size for every node (`cpu_cores`, `memory_gib`), or
  /// several (`hosts`) whose counts sum to `nodes`; empty: not modelled.
  std::vector<HostSize> hosts;
  /// Owned cost per node; absent: economics.capex_per_node_usd.
  std::optional<double> capex_per_node_usd;

  std::int64_t ppus() const { return static_cast<std::int64_t>(nodes) * node.ppus_per_node; }
  bool contains(int node_index) const { return node_index >= first_node && node_index < first_node + nodes; }
  bool models_host_resources() const { return !hosts.empty(); }
  /// Every node offers `cpu_cores` and `memory_bytes` (call once `nodes` is set).
  void set_host(std::optional<double> cpu_cores, std::optional<double> memory_bytes) {
    hosts = {{nodes, cpu_cores, memory_bytes}};
  }
};

/// Dragonfly parameters (Kim et al., ISCA'08): groups of `routers_per_group` routers joined
/// all-to-all by local links, each router with `hosts_per_router` nodes and
/// `global_links_per_router` links to other groups.
struct DragonflySpec {
  int groups = 0;
  int routers_per_group = 0;        // a
  int hosts_per_router = 0;         // p
  int global_links_per_router = 0;  // h
  enum class Routing { Minimal, Valiant };
  Routing routing = Routing::Minimal;
};

/// 3D torus of nodes (TPU-like): node (x, y, z) is linked to its ±1 neighbours in each
/// dimension with wraparound; dimension-order routing.
struct TorusSpec {
  int x = 0, y = 0, z = 0;
};

/// A link or switch that fails at a given time of the run (docs/topologies.md).
struct TopologyFailureEvent {
  enum class Component { LeafUplink, PodUplink, LeafSwitch };
  double time_s = 0;
  Component component = Component::LeafUplink;
  int index = 0;  // the leaf group (segment, router, torus line) or pod the component belongs to
  int count = 1;  // how many cables of that uplink fail (LeafUplink, PodUplink)
  /// Seconds from the failure until the component works again; absent: it stays failed.
  std::optional<double> repair_after_s;
};

/// The network. Every kind reduces to the same three-level hierarchy that the simulation,
/// the placement and the platform read (docs/topologies.md, "One hierarchy for every kind"):
/// nodes in leaf groups (fat-tree leaf group, rail-optimized segment, dragonfly router, torus
/// X-line), leaf groups in pods (pod, pod, dragonfly group, torus XY-plane), pods joined by a
/// core (core tier, core tier, global links, the Z dimension). The loader derives the
/// hierarchy fields below for every kind; the fat-tree gives them directly.
struct TopologySpec {
  enum class Kind { FatTree, RailOptimized, Dragonfly, Torus };
  std::string kind = "fat-tree";  // as written in the scenario (reports echo it)
  Kind family = Kind::FatTree;
  int tiers = 3;                          // 2: leaf-spine only (one pod); 3: leaf-spine-core
  int nodes_per_leaf = 0;                 // nodes under one leaf group
  int leaves_per_pod = 0;                 // leaf groups under one spine pod (ignored when tiers == 2)
  double leaf_oversubscription = 1.0;     // leaf downlink : uplink capacity, >= 1
  double pod_oversubscription = 1.0;      // pod downlink : uplink capacity, >= 1
  double link_bandwidth_bytes_per_s = 0;  // one switch-to-switch link, one direction
  double link_latency_s = 0;              // per hop
  /// Rail-optimized: ports per NIC, each to the ToR of its rail in its own plane (HPN: 2).
  int planes = 1;
  /// Ports per switch, when the scenario gives it (checked against what the design needs).
  std::optional<int> switch_radix;
  DragonflySpec dragonfly;                     // kind dragonfly only
  TorusSpec torus;                             // kind torus only
  std::vector<TopologyFailureEvent> failures;  // sorted by time
};

/// A named dataset jobs read while training (`input.dataset` of a trace row); shared by every
/// job that names it, so a cache warmed by one serves the next (docs/models.md, section c2).
struct DatasetSpec {
  std::string name;
  double bytes = 0;
};

/// An object store behind the shared store (S3/OSS-like): the datasets' home. Its reads are
/// capped by its bandwidth and by its request rate times the object size read per request.
struct ObjectStoreSpec {
  double capacity_bytes = 0;
  double bandwidth_bytes_per_s = 0;
  double requests_per_s = 0;
  double request_bytes = 0;
  double usd_per_gb_month = 0;
  double effective_bandwidth_bytes_per_s() const {
    return std::min(bandwidth_bytes_per_s, requests_per_s * request_bytes);
  }
};

/// Each node's local NVMe: holds the job's share of its dataset once read (docs/models.md, c2).
struct NodeCacheSpec {
  double capacity_bytes = 0;         // per node
  double bandwidth_bytes_per_s = 0;  // per node
  double usd_per_gb_month = 0;
};

/// The shared store (a parallel file system or distributed cache) that jobs read from, and
/// the optional tiers around it: an object store behind it (then the store caches datasets,
/// least recently used evicted) and node-local caches in front of it.
struct StorageSpec {
  double aggregate_bandwidth_bytes_per_s = 0;   // all clients together
  double per_client_bandwidth_bytes_per_s = 0;  // one node at most
  double latency_s = 0;
  std::optional<double> capacity_bytes;  // absent: not limited (and not priced)
  double usd_per_gb_month = 0;
  std::optional<ObjectStoreSpec> object_store;
  std::optional<NodeCacheSpec> node_cache;
  std::vector<DatasetSpec> datasets;

  /// Whether the scenario gives more than the single shared store of old: tiers, datasets, a
  /// capacity or a price (reports and sizing show storage then).
  bool uses_tiers() const {
    return object_store || node_cache || !datasets.empty() || capacity_bytes || usd_per_gb_month > 0;
  }
  /// Index of the named dataset in `datasets`, or -1.
  int dataset_index(const std::string& name) const {
    for (std::size_t i = 0; i < datasets.size(); ++i) {
      if (datasets[i].name == name) return static_cast<int>(i);
    }
    return -1;
  }
};

enum class SchedulingPolicy {
  Fifo,
  EasyBackfill,
  FirstFit,
  ShortestJobFirst,
  ConservativeBackfill,
  Priority
};
/// Pack and Spread place whole-node jobs (docs/config.md); FragmentationAware packs them too,
/// and puts jobs smaller than a node where they delay a node's coming free the least. Random
/// draws among the nodes that fit (seeded by the scenario seed); Fgd puts a job smaller than a
/// node where the workload's expected fragmentation grows the least (Weng et al., ATC'23).
enum class PlacementPolicy { Pack, Spread, FragmentationAware, Random, Fgd };

/// How the `priority` policy's fair-share factor weighs the tenants (docs/models.md, section l):
/// Slurm's classic factor of decayed PPU usage, or dominant resource fairness over the PPUs,
/// CPU cores and memory the tenants hold now (Ghodsi et al., NSDI'11).
enum class FairShareModel { Classic, DominantResource };

/// Which of the pools a job may use it is placed in when several fit it now (docs/config.md,
/// "Node pools"): the first listed, the one where its estimated runtime is least, the one with
/// the least share of its PPUs allocated now (Kubernetes' default LeastAllocated scoring), or,
/// with FGD placement, the one where FGD's expected fragmentation grows the least.
enum class PoolPreference { FirstListed, Fastest, LeastAllocated, LeastFragmenting };

struct SchedulerSpec {
  SchedulingPolicy policy = SchedulingPolicy::EasyBackfill;
  PlacementPolicy placement = PlacementPolicy::Pack;
  /// How many queued jobs behind the head one backfill pass looks at (Slurm: bf_max_job_test).
  int backfill_depth = 100;
  /// Several node pools: the order a job tries the pools it may use in.
  PoolPreference pool_choice = PoolPreference::FirstListed;
  /// A multi-node training job that no single pool places now may take whole nodes of several
  /// pools of one chip, on servers of one shape or not (docs/models.md, section f, "Spanning
  /// pools"; with tenants, of one server only).
  bool span_pools = false;
  /// The `priority` policy's multifactor weights (docs/models.md, section l; Slurm's
  /// PriorityWeightAge, PriorityWeightFairshare, PriorityWeightQOS, PriorityMaxAge and
  /// PriorityDecayHalfLife, with Slurm's defaults for the last two).
  double age_weight = 1000;
  double fair_share_weight = 10000;
  double tenant_weight = 1000;
  double max_age_s = 7 * 86400.0;
  double fair_share_half_life_s = 7 * 86400.0;
  /// The fair-share factor F: classic (decayed usage) or DRF (dominant shares held now).
  FairShareModel fair_share = FairShareModel::Classic;
};

/// Parameters of the synthetic training-job generator (workloads/synthetic_generator.hpp).
struct GeneratorSpec {
  std::int64_t jobs = 0;
  double duration_s = 0;  // arrivals spread over [0, duration_s)
  // Job size in PPUs: a power of two between min and max, drawn from a truncated
  // power law P(size = 2^k) ∝ 2^(-alpha·k): most jobs small, a few huge.
  int min_ppus = 1;
  int max_ppus = 16384;
  double size_alpha = 1.0;
  // Job run time at full speed: log-normal with this median and shape, truncated.
  double median_runtime_s = 1800;
  double runtime_sigma = 1.5;
  double max_runtime_s = 7 * 86400.0;
  /// Jobs of at least this many PPUs are described as transformer models (so they have
  /// gradient traffic); smaller ones are given as total FLOPs.
  int model_jobs_min_ppus = 64;
  // Optional, sim/config/generator_distributions.hpp. Absent: the draws above, unchanged.
  std::optional<ArrivalSpec> arrival;
  std::optional<SampleDistribution> size;     // replaces the power law
  std::optional<SampleDistribution> runtime;  // replaces the log-normal of median_runtime_s
  std::vector<JobClassSpec> classes;          // the job mix; empty: one class
  /// The hardware catalog chip a drawn run time is measured on: its dense BF16 peak (times the
  /// workload's MFU) turns the run time into FLOPs, so the same jobs hold the same work on any
  /// scenario's chip (docs/workloads.md, "Work units").
  std::string reference_ppu = "h100-sxm";
};

/// Where the training jobs come from: a trace file or the generator, and the knobs of the
/// job performance model that a trace row does not carry.
struct WorkloadSpec {
  std::string trace_path;  // resolved against the scenario file's folder; empty with a generator
  /// The trace's format: "ppusim" or a job importer's name (docs/workloads.md, "Importing traces").
  std::string trace_format = "ppusim";
  /// Jobs per second, for trace formats without submit times (philly-runtimes).
  std::optional<double> arrival_rate_per_s;
  std::optional<GeneratorSpec> generator;
  bool skip_bad_rows = false;
  double model_flops_utilization = 0.4;  // fraction of peak a busy PPU delivers
  /// Whether the scenario gave model_flops_utilization: then it overrides the step-time model
  /// for every job; else it only sizes generated work (docs/models.md, section a).
  bool model_flops_utilization_given = false;
  double gradient_bytes_per_parameter = 2;  // BF16 gradients
  double default_global_batch_tokens = 4.0 * 1024 * 1024;
  /// The communication overlap of jobs whose trace row does not set it (docs/models.md, k).
  CommunicationOverlap overlap;
};

struct SimulationSpec {
  std::optional<double> horizon_s;  // absent: run until every job has finished
  std::uint64_t seed = 1;
  std::string output_dir;  // resolved against the working directory
  double time_series_interval_s = 3600;
  /// A job's steps are simulated in segments of about this much simulated time; the job's
  /// rate is recomputed at segment boundaries (docs/engine.md).
  double segment_s = 600;
};

/// What happens between a job's allocation and its first step (docs/setup.md):
/// provisioning → image pull → dataset staging → checkpoint load → framework init.
struct SetupSpec {
  DurationDistribution provisioning_s;               // node boot or allocation
  double image_bytes = 0;                            // per job's container image; 0 = no pull
  double registry_bandwidth_bytes_per_s = 0;         // shared by every pull in flight; 0 = not a bottleneck
  double image_pull_node_bandwidth_bytes_per_s = 0;  // one node's pull at most; 0 = no limit
  int image_cache_images = 0;                        // per node, least recently used evicted; 0 = no cache
  double framework_init_base_s = 0;                  // collective/framework start-up ...
  double framework_init_per_node_s = 0;              // ... growing with the job's node count
};

enum class CostModel { Owned, Cloud };
enum class CloudBilling { Allocated, Reserved, Spot };

/// Staff who run owned hardware, when the scenario does not say (an assumption, derived in
/// docs/economics.md "Operations staff"): one full-time engineer per 250 PPUs (the HPC
/// centres' "one FTE per ~250 processors", Roskies & Zacharia, CTWatch Quarterly 2(2), 2006)
/// at a loaded $150,000 a year (a cluster admin's loaded $100,000 in 2010, Beowulf list,
/// times US CPI 2010-2025 ≈ 1.45, rounded) = $600 per PPU-year.
constexpr double kDefaultStaffUsdPerPpuYear = 150000.0 / 250.0;

/// What the cluster costs: owned hardware, or rented PPU-hours (docs/economics.md).
struct EconomicsSpec {
  CostModel model = CostModel::Owned;
  // Owned.
  double capex_per_node_usd = 0;
  /// Share of total cluster capex that is the network (Epoch AI: 0.19).
  double network_capex_fraction = 0;
  double amortization_years = 5;
  double power_price_usd_per_kwh = 0;
  double pue = 1.0;
  double colocation_usd_per_kw_month = 0;  // on the cluster's peak IT power
  double staff_usd_per_node_year = 0;      // operations staff, spread per node (owned only)
  // Both models: people's time per job started (onboarding, debugging, babysitting a run);
  // on premise it also covers the infrastructure side, on a managed cloud only the user's.
  double staff_usd_per_job = 0;
  // Cloud.
  double usd_per_ppu_hour = 0;
  /// Allocated: each job pays its PPUs from allocation (setup included) to its end, rounded up
  /// to the billing granularity. Reserved: the whole cluster is paid for the whole window.
  CloudBilling billing = CloudBilling::Allocated;
  double billing_granularity_s = 1;
  /// Spot billing: allocated billing at the (spot) price, and nodes taken back (failure_spec.hpp).
  SpotSpec spot;
};

struct Scenario {
  std::string name;
  std::string source_path;  // the file it was loaded from, for messages
  PpuSpec ppu;              // pool 0's chip (the only one for a one-pool cluster)
  NodeSpec node;            // pool 0's server: the network fabric's node links are sized from it
  ClusterSpec cluster;
  /// One or more pools, in topology order (one, named after its node, when the scenario gives
  /// the top-level `node` and `cluster.nodes`); their nodes sum to cluster.nodes.
  std::vector<PoolSpec> pools;
  TopologySpec topology;
  StorageSpec storage;
  SchedulerSpec scheduler;
  WorkloadSpec workload;
  SimulationSpec simulation;
  SetupSpec setup;  // all zero when the scenario has no setup block
  EconomicsSpec economics;
  std::vector<ServiceSpec> services;  // inference services (docs/inference.md); often none
  FailureSpec failures;               // disabled when the scenario has no failures block
  TenantsSpec tenants;                // empty when the scenario has no tenants array

  std::int64_t total_ppus() const {
    if (pools.size() <= 1) return static_cast<std::int64_t>(cluster.nodes) * node.ppus_per_node;
    std::int64_t ppus = 0;
    for (const PoolSpec& pool : pools) ppus += pool.ppus();
    return ppus;
  }
  bool has_several_pools() const { return pools.size() > 1; }
  /// The cluster's dense BF16 peak: every pool's PPUs at its chip's peak.
  double peak_bf16_flops_per_s() const {
    if (pools.size() <= 1) return static_cast<double>(total_ppus()) * ppu.peak_bf16_flops_per_s;
    double peak = 0;
    for (const PoolSpec& pool : pools)
      peak += static_cast<double>(pool.ppus()) * pool.ppu.peak_bf16_flops_per_s;
    return peak;
  }
  /// The chip's name, or with several pools their chips' names joined by " + " (each once).
  std::string chip_names() const {
    std::string names;
    for (const PoolSpec& pool : pools) {
      if (names == pool.ppu.name || names.find(" + " + pool.ppu.name) != std::string::npos ||
          names.rfind(pool.ppu.name + " + ", 0) == 0)
        continue;
      names += (names.empty() ? "" : " + ") + pool.ppu.name;
    }
    return names.empty() ? ppu.name : names;
  }
  /// Whether any pool limits CPU cores or memory (then placement checks them).
  bool models_host_resources() const {
    return std::any_of(pools.begin(), pools.end(),
                       [](const PoolSpec& p) { return p.models_host_resources(); });
  }
  /// The index of the pool that holds `node`.
  int pool_of_node(int node_index) const {
    for (std::size_t i = 0; i + 1 < pools.size(); ++i) {
      if (pools[i].contains(node_index)) return static_cast<int>(i);
    }
    return static_cast<int>(pools.size()) - 1;
  }
  /// The scenario as a job on pool `index` sees it: that pool's chip and server in `ppu` and
  /// `node`, so the step-time and memory models (workloads/) read them unchanged.
  Scenario as_seen_from_pool(std::size_t index) const {
    Scenario view = *this;
    view.ppu = pools[index].ppu;
    view.node = pools[index].node;
    return view;
  }
};

}  // namespace ppusim
