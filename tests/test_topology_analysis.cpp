// The physical fat-tree and its analysis, checked against closed forms: a k-ary fat-tree
// (k-port switches) has k³/4 hosts, 5k²/4 switches, 6 hops between pods and (k/2)² shortest
// paths between two hosts in different pods; its bisection is hosts/2 × link bandwidth.
#include <catch2/catch.hpp>
#include <string>

#include "sim/cli/topology_command.hpp"
#include "sim/config/scenario_loader.hpp"
#include "tests/cli_runner.hpp"
#include "tests/scenario_fixtures.hpp"
#include "topologies/physical_fat_tree.hpp"
#include "topologies/topology_analysis.hpp"

using Catch::Matchers::Contains;
using ppusim::analyse_topology;
using ppusim::build_physical_fat_tree;
using ppusim::PhysicalFatTree;
using ppusim::Scenario;
using ppusim::TopologyAnalysis;

namespace {

constexpr double kLink = 50e9;  // 400 Gb/s

/// A k-ary fat-tree in ppusim's parameters: one NIC per host at link speed, k/2 hosts per leaf,
/// k/2 leaves per pod, k pods, three tiers, non-blocking.
Scenario k_ary(int k) {
  Scenario s = ppusim::test::tiny_scenario(k * k * k / 4, 1, k / 2);
  s.node.nics_per_node = 1;
  s.node.nic_bandwidth_bytes_per_s = kLink;
  s.topology.tiers = 3;
  s.topology.leaves_per_pod = k / 2;
  s.topology.link_bandwidth_bytes_per_s = kLink;
  return s;
}

/// Summed bandwidth of the cables of `tier` at the switches `first`..`first + count - 1`.
double uplink_sum(const PhysicalFatTree& tree, ppusim::FabricVertexId first, int count, int tier) {
  double sum = 0;
  for (int i = 0; i < count; ++i) {
    for (const auto& e : boost::make_iterator_range(out_edges(first + i, tree.graph))) {
      if (tree.graph[e].tier == tier) sum += tree.graph[e].bandwidth_bytes_per_s;
    }
  }
  return sum;
}

void check_layout_capacities(const Scenario& s) {
  const PhysicalFatTree tree = build_physical_fat_tree(s);
  CHECK(uplink_sum(tree, tree.leaf_vertex(0, 0), tree.rails, 2) == Approx(tree.layout.leaf_uplink_bandwidth));
  if (tree.layout.has_core) {
    for (int pod = 0; pod < tree.layout.pods; ++pod) {
      CHECK(uplink_sum(tree, tree.spine_vertex(pod, 0), tree.spines_per_pod, 3) ==
            Approx(tree.layout.pod_uplink_bandwidth));
    }
  }
}

}  // namespace

TEST_CASE("a k-ary fat-tree has k³/4 hosts, 5k²/4 switches and k-port switches", "[topology]") {
  for (int k : {4, 8}) {
    INFO("k = " << k);
    const PhysicalFatTree tree = build_physical_fat_tree(k_ary(k));
    const TopologyAnalysis a = analyse_topology(tree, 1);
    CHECK(a.nodes == k * k * k / 4);
    CHECK(a.switch_radix == k);
    CHECK(a.leaf_switches == k * k / 2);
    CHECK(a.spine_switches == k * k / 2);
    CHECK(a.core_switches == k * k / 4);
    CHECK(a.switches == 5 * k * k / 4);
    CHECK(a.max_switch_ports_used == k);
    // Every tier carries k³/4 cables; the two switch-to-switch tiers have two optics per cable.
    REQUIRE(a.link_tiers.size() == 3);
    for (const auto& tier : a.link_tiers) CHECK(tier.links == k * k * k / 4);
    CHECK(a.cables == 3 * k * k * k / 4);
    CHECK(a.transceivers == k * k * k);
    CHECK(a.leaf_oversubscription == Approx(1));
    CHECK(a.pod_oversubscription == Approx(1));
    CHECK(a.bisection_bytes_per_s == Approx(a.nodes / 2 * kLink));
    CHECK(a.hops.exact);
    CHECK(a.hops.diameter == 6);
    CHECK(a.path_diversity.relation == "different pods");
    CHECK(a.path_diversity.hops == 6);
    CHECK(a.path_diversity.shortest_paths == Approx((k / 2) * (k / 2)));
  }
}

TEST_CASE("average hops of a k = 4 fat-tree match the count by hand", "[topology]") {
  // From one host: 1 host at 2 hops (same leaf), 2 at 4 (same pod), 12 at 6 (other pods).
  const TopologyAnalysis a = analyse_topology(build_physical_fat_tree(k_ary(4)), 1);
  CHECK(a.hops.average == Approx((1 * 2 + 2 * 4 + 12 * 6) / 15.0));
}

TEST_CASE("the graph's summed uplinks equal FatTreeLayout's capacities", "[topology]") {
  check_layout_capacities(k_ary(4));
  check_layout_capacities(k_ary(8));
  // 8 NICs of 50 GB/s, 100 nodes: partly filled last group and pod. A leaf group's 2.4 TB/s at
  // 2.5:1 over 50 GB/s links is 20 uplinks, 3 on four rails and 2 on the other four.
  Scenario rails = ppusim::test::tiny_scenario(100, 8, 6);
  rails.topology.tiers = 3;
  rails.topology.leaves_per_pod = 3;
  rails.topology.link_bandwidth_bytes_per_s = 50e9;
  rails.topology.leaf_oversubscription = 2.5;
  rails.topology.pod_oversubscription = 15;
  check_layout_capacities(rails);
  check_layout_capacities(
      ppusim::load_scenario(std::string(PPUSIM_SOURCE_DIR) + "/configs/reference-100k.json"));
}

TEST_CASE("a 4:1 leaf shows as 4 in the per-tier oversubscription and quarters the bisection", "[topology]") {
  Scenario s = k_ary(8);
  s.topology.nodes_per_leaf = 16;  // 16 hosts × 400 Gb/s over 4 uplinks
  s.topology.leaves_per_pod = 2;
  s.topology.leaf_oversubscription = 4;
  const TopologyAnalysis a = analyse_topology(build_physical_fat_tree(s), 1);
  CHECK(a.leaf_oversubscription == Approx(4));
  CHECK(a.pod_oversubscription == Approx(1));
  CHECK(a.bisection_bytes_per_s == Approx(a.nodes / 2 * kLink / 4));
  CHECK(a.bisection_per_ppu_bytes_per_s == Approx(kLink / 4));
}

TEST_CASE("single failures: what a k = 4 fat-tree loses", "[topology]") {
  const TopologyAnalysis a = analyse_topology(build_physical_fat_tree(k_ary(4)), 1);
  REQUIRE(a.failures.size() == 6);
  const auto& cable = a.failures[0];  // the host's only NIC
  CHECK(cable.nodes_disconnected == 1);
  CHECK(cable.capacity_lost_fraction == Approx(1));
  const auto& leaf = a.failures[1];  // one NIC per host: both hosts of the leaf are cut off
  CHECK(leaf.nodes_disconnected == 2);
  CHECK(leaf.nodes_degraded == 0);
  CHECK(a.failures[2].capacity_lost_fraction == Approx(0.5));  // 1 of the leaf's 2 uplinks
  CHECK(a.failures[3].element == "spine switch");
  CHECK(a.failures[3].nodes_disconnected == 0);
  CHECK(a.failures[3].nodes_degraded == 4);                     // the whole pod
  CHECK(a.failures[3].capacity_lost_fraction == Approx(0.5));   // 1 of 2 spines' core uplinks
  CHECK(a.failures[4].capacity_lost_fraction == Approx(0.25));  // 1 of the pod's 4 core uplinks
  CHECK(a.failures[5].element == "core switch");
  CHECK(a.failures[5].nodes_disconnected == 0);
  CHECK(a.failures[5].capacity_lost_fraction == Approx(0.25));
}

TEST_CASE("with 8 rails a leaf switch failure costs 32 nodes one NIC of eight", "[topology]") {
  const TopologyAnalysis a =
      analyse_topology(build_physical_fat_tree(ppusim::load_scenario(std::string(PPUSIM_SOURCE_DIR) +
                                                                     "/configs/reference-100k.json")),
                       8);
  CHECK(a.nodes == 12500);
  CHECK(a.hops.exact == false);
  CHECK(a.hops.diameter == 6);
  CHECK(a.leaf_switches == 391 * 8);
  CHECK(a.spine_switches == 13 * 256);
  CHECK(a.core_switches == 13 * 8192 / 64);
  CHECK(a.max_switch_ports_used == 64);
  CHECK(a.failures[1].nodes_disconnected == 0);
  CHECK(a.failures[1].nodes_degraded == 32);
  CHECK(a.failures[1].capacity_lost_fraction == Approx(1.0 / 8));
  CHECK(a.bisection_bytes_per_s == Approx(6250 * 400e9));  // 8 × 400 Gb/s = 400 GB/s per node
}

TEST_CASE("a two-tier fabric has no core and one spine layer", "[topology]") {
  Scenario s = k_ary(4);
  s.cluster.nodes = 8;
  s.topology.tiers = 2;
  s.topology.leaves_per_pod = 4;
  const TopologyAnalysis a = analyse_topology(build_physical_fat_tree(s), 1);
  CHECK(a.core_switches == 0);
  CHECK(a.link_tiers.size() == 2);
  CHECK(a.leaf_switches == 4);
  CHECK(a.spine_switches == 2);  // 4 leaves × 2 uplinks over 4-port spines facing down only
  CHECK(a.hops.diameter == 4);
  CHECK(a.path_diversity.shortest_paths == Approx(2));
  CHECK(a.failures.back().capacity_lost_fraction == Approx(0.5));
}

TEST_CASE("hop statistics sampled from one source are that node's mean hops", "[topology]") {
  // k = 4: 16 hosts, 2 per leaf, 2 leaves per pod. From host 0: 1 host on its leaf at 2 hops,
  // 2 in its pod at 4, 12 in other pods at 6; mean (2 + 2·4 + 12·6) / 15 = 82/15. One sample
  // source used to divide by k − 1 = 0 (the growth plan's SIGFPE, 2026-12-03).
  ppusim::AnalysisOptions options;
  options.exact_hops_max_nodes = 0;
  options.sample_sources = 1;
  const TopologyAnalysis a = analyse_topology(build_physical_fat_tree(k_ary(4)), 1, options);
  CHECK(a.hops.sources == 1);
  CHECK(a.hops.diameter == 6);
  CHECK(a.hops.average == Approx(82.0 / 15));
}

TEST_CASE("switch and optics capex from the prices given", "[topology]") {
  ppusim::AnalysisOptions options;
  options.switch_price_usd = 1000;
  options.optic_price_usd = 10;
  const TopologyAnalysis a = analyse_topology(build_physical_fat_tree(k_ary(4)), 1, options);
  REQUIRE(a.capex);
  CHECK(a.capex->total_usd == Approx(20 * 1000 + 64 * 10));
  CHECK(a.capex->per_ppu_usd == Approx((20 * 1000 + 64 * 10) / 16.0));
}

TEST_CASE("cli: topology prints the table and writes the JSON", "[topology][cli]") {
  using namespace ppusim::cli_test;
  TempDir dir;
  const auto outcome = run_ppusim(dir, {"topology", (kSourceDir / "configs/small-test.json").string(),
                                        "--json", "t/topology.json", "--switch-price-usd", "25000"});
  INFO(describe(outcome));
  REQUIRE(outcome.exit_code == 0);
  CHECK_THAT(outcome.out, Contains("path diversity"));
  const auto j = read_json(dir / "t/topology.json");
  CHECK(j["scenario"] == "small-test");
  CHECK(j["hops"]["method"] == "exact");
  CHECK(j["capex"]["switches_usd"].get<double>() == Approx(25000 * j["switches"]["total"].get<double>()));

  const auto bad =
      run_ppusim(dir, {"topology", (kSourceDir / "configs/small-test.json").string(), "--switch-radix", "1"});
  CHECK(bad.exit_code == 2);
}
