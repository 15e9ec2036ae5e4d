// Rail-optimized, dragonfly and torus: the loader's checks, the physical graphs against closed
// forms, the aggregated layout each kind gives the simulation, and jobs timed by hand on them.
//
// Closed forms (docs/topologies.md):
//  - balanced dragonfly, a routers/group, h global links/router, p nodes/router: g = a·h + 1
//    groups, g(g − 1)/2 global links (one per pair of groups), g·a(a − 1)/2 local links,
//    diameter 3 router hops (local, global, local) = 5 cables node to node; bisection: the
//    ⌊g/2⌋·⌈g/2⌉ global links between two halves of the groups.
//  - X×Y×Z torus, every dimension ≥ 3: 3·X·Y·Z links, diameter Σ⌊d/2⌋ router hops (+2 node
//    cables); cutting an even dimension d in half crosses 2·N/d links (the wraparound doubles it).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "sim/config/input_error.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/engine/isolated_run.hpp"
#include "tests/scenario_fixtures.hpp"
#include "topologies/direct_network_analysis.hpp"
#include "topologies/link_failures.hpp"
#include "topologies/physical_fat_tree.hpp"
#include "topologies/topology_analysis.hpp"
#include "topologies/topology_layout.hpp"

using Catch::Matchers::Contains;
using nlohmann::json;
using namespace ppusim;
using namespace ppusim::test;

namespace {

constexpr double kLink = 50e9;  // 400 Gb/s

json scenario_with(const json& topology, int nodes, int ppus_per_node = 8, int nics = 8) {
  json doc = json::parse(R"({
    "name": "kinds",
    "ppu": {"name": "test-ppu", "peak_bf16_flops_per_s": 1e15, "hbm_bytes": 80e9,
            "hbm_bandwidth_bytes_per_s": 3e12, "tdp_watts": 700, "idle_watts": 100},
    "node": {"intra_node_bandwidth_bytes_per_s": 450e9, "nic_bandwidth_bits_per_s": 400e9},
    "storage": {"aggregate_bandwidth_bytes_per_s": 2e12, "per_client_bandwidth_bytes_per_s": 25e9},
    "workload": {"generator": {"jobs": 10, "duration_s": 3600}},
    "economics": {"capex_per_node_usd": 270000, "amortization_years": 5, "power_price_usd_per_kwh": 0.08,
                  "pue": 1.25}
  })");
  doc["node"]["ppus_per_node"] = ppus_per_node;
  doc["node"]["nics_per_node"] = nics;
  doc["cluster"] = {{"nodes", nodes}};
  doc["topology"] = topology;
  return doc;
}

Scenario parse(const json& doc) { return parse_scenario(doc, "configs/k.json"); }

json hpn_topology() {
  return {{"kind", "rail-optimized"},
          {"planes", 2},
          {"tiers", 3},
          {"nodes_per_segment", 4},
          {"segments_per_pod", 2},
          {"pod_oversubscription", 4},
          {"link_bandwidth_bits_per_s", 400e9},
          {"link_latency_s", 0}};
}

json dragonfly_topology(int a, int p, int h, const std::string& routing = "minimal") {
  return {{"kind", "dragonfly"},          {"routers_per_group", a}, {"hosts_per_router", p},
          {"global_links_per_router", h}, {"routing", routing},     {"link_bandwidth_bits_per_s", 400e9},
          {"link_latency_s", 0}};
}

json torus_topology(int x, int y, int z) {
  return {
      {"kind", "torus"}, {"dims", {x, y, z}}, {"link_bandwidth_bits_per_s", 400e9}, {"link_latency_s", 0}};
}

}  // namespace

// --- Loader --------------------------------------------------------------------------------

TEST_CASE("rail-optimized: segments and pods become the hierarchy, planes are kept", "[topology][config]") {
  const Scenario s = parse(scenario_with(hpn_topology(), 16));
  CHECK(s.topology.family == TopologySpec::Kind::RailOptimized);
  CHECK(s.topology.planes == 2);
  CHECK(s.topology.nodes_per_leaf == 4);
  CHECK(s.topology.leaves_per_pod == 2);
  CHECK(s.topology.pod_oversubscription == 4);
}

TEST_CASE("topology parameters that cannot form the network are input errors", "[topology][config]") {
  SECTION("rail-optimized needs one NIC per PPU") {
    CHECK_THROWS_WITH(parse(scenario_with(hpn_topology(), 16, 8, 4)),
                      Contains("configs/k.json: /topology/kind: \"rail-optimized\" needs one NIC per PPU") &&
                          Contains("nics_per_node 4"));
  }
  SECTION("a tier-1 switch radix too small for the segment") {
    json t = hpn_topology();
    t["switch_radix"] = 6;  // 4 node ports + 4 uplinks (4 × 200 Gb/s down at 1:1 over 400 Gb/s links = 2)
    CHECK_NOTHROW(parse(scenario_with(t, 16)));
    t["switch_radix"] = 5;
    CHECK_THROWS_WITH(parse(scenario_with(t, 16)),
                      Contains("/topology/switch_radix: found 5, expected at least 6 ports"));
  }
  SECTION("zero link bandwidth") {
    json t = torus_topology(2, 2, 4);
    t["link_bandwidth_bits_per_s"] = 0;
    CHECK_THROWS_WITH(parse(scenario_with(t, 16)),
                      Contains("/topology/link_bandwidth_bits_per_s: found 0, expected a number > 0"));
  }
  SECTION("torus dimensions that do not multiply to the node count") {
    CHECK_THROWS_WITH(
        parse(scenario_with(torus_topology(2, 2, 3), 16)),
        Contains("/topology/dims: found 2 × 2 × 3 = 12 nodes, expected dimensions whose product is "
                 "the cluster's 16 nodes"));
    json t = torus_topology(2, 2, 4);
    t["dims"] = {4, 4};
    CHECK_THROWS_WITH(parse(scenario_with(t, 16)),
                      Contains("/topology/dims: found an array, expected [X, Y, Z]"));
    t["dims"] = {4, 0, 4};
    CHECK_THROWS_WITH(parse(scenario_with(t, 16)), Contains("/topology/dims/1: found 0"));
  }
  SECTION("a dragonfly whose nodes are not whole groups, or with too few global links") {
    CHECK_THROWS_WITH(
        parse(scenario_with(dragonfly_topology(4, 2, 2), 70)),
        Contains("/topology/hosts_per_router: the cluster's 70 nodes are not a whole number of groups"));
    // 10 groups of 4 routers × 2 hosts = 80 nodes need 9 global ports per group; a·h = 8.
    CHECK_THROWS_WITH(parse(scenario_with(dragonfly_topology(4, 2, 2), 80)),
                      Contains("/topology/global_links_per_router: found 2, too few for 10 groups"));
    json t = dragonfly_topology(4, 2, 2);
    t["groups"] = 8;
    CHECK_THROWS_WITH(parse(scenario_with(t, 72)), Contains("/topology/groups: found 8, expected 9"));
  }
  SECTION("failures naming components that do not exist") {
    json t = hpn_topology();
    t["failures"] = {{{"time_s", 10}, {"component", "leaf-uplink"}, {"index", 4}}};
    CHECK_THROWS_WITH(parse(scenario_with(t, 16)), Contains("/topology/failures/0/index: found 4, expected"));
    t = torus_topology(2, 2, 1);
    t["failures"] = {{{"time_s", 10}, {"component", "pod-uplink"}, {"index", 0}}};
    CHECK_THROWS_WITH(parse(scenario_with(t, 4)),
                      Contains("/topology/failures/0/component: found \"pod-uplink\""));
  }
}

// --- Physical graphs against closed forms ---------------------------------------------------

TEST_CASE("a balanced dragonfly: a·h + 1 groups, one global link per pair, diameter 3 router hops",
          "[topology]") {
  // a = 4, h = 2, p = 2: g = 9 groups, 72 nodes of 1 NIC at link speed.
  Scenario s = parse(scenario_with(dragonfly_topology(4, 2, 2), 72, 1, 1));
  const PhysicalDirectNetwork net = build_physical_dragonfly(s);
  const TopologyAnalysis a = analyse_direct_network(net, s);
  CHECK(a.routers == 36);
  CHECK(a.link_tiers[0].links == 72);             // node cables
  CHECK(a.link_tiers[1].links == 9 * 4 * 3 / 2);  // local: 54
  CHECK(a.link_tiers[2].links == 9 * 8 / 2);      // global: 36
  CHECK(a.hops.diameter == 3 + 2);
  CHECK(a.transceivers == 2 * 36);
  // Bisection: groups 0-3 against 4-8, 4 · 5 = 20 global links.
  CHECK(a.bisection_bytes_per_s == Approx(20 * kLink));
  // Every router has a − 1 local, h global and p node ports.
  CHECK(a.max_switch_ports_used == 3 + 2 + 2);
  // Losing a router cuts off its p nodes.
  CHECK(a.failures[1].nodes_disconnected == 2);
  CHECK(a.failures[3].element == "global cable");
  CHECK(a.failures[3].nodes_disconnected == 0);
}

TEST_CASE("a 4×4×4 torus: 3·N links, diameter Σ⌊d/2⌋, bisection 2·N/4 links", "[topology]") {
  Scenario s = parse(scenario_with(torus_topology(4, 4, 4), 64, 1, 1));
  const PhysicalDirectNetwork net = build_physical_torus(s);
  const TopologyAnalysis a = analyse_direct_network(net, s);
  CHECK(a.link_tiers[1].links == 3 * 64);
  CHECK(a.hops.diameter == 2 + 2 + 2 + 2);  // router hops + the two node cables
  CHECK(a.bisection_bytes_per_s == Approx(2 * 16 * kLink));
  // Node 0 to its opposite (2, 2, 2): 2 hops per dimension, either way round: 6!/(2!2!2!) · 2³.
  CHECK(a.path_diversity.hops == 6 + 2);
  CHECK(a.path_diversity.shortest_paths == 90 * 8);
  CHECK(a.max_switch_ports_used == 6 + 1);
}

TEST_CASE("a torus dimension of size 2 has one link per pair, not two", "[topology]") {
  Scenario s = parse(scenario_with(torus_topology(2, 3, 1), 6, 1, 1));
  const TopologyAnalysis a = analyse_direct_network(build_physical_torus(s), s);
  CHECK(a.link_tiers[1].links == 3 * 1 + 2 * 3);  // X: 3 pairs; Y: a ring of 3 for each x
}

TEST_CASE("dual-plane rail-optimized: one leaf switch per rail and plane, each with half a NIC",
          "[topology]") {
  const Scenario s = parse(scenario_with(hpn_topology(), 16));
  const PhysicalFatTree tree = build_physical_fat_tree(s);
  const TopologyAnalysis a = analyse_topology(tree, 8);
  CHECK(a.kind == "rail-optimized");
  CHECK(a.leaf_switches == 4 * 8 * 2);         // 4 segments × 8 rails × 2 planes
  CHECK(a.link_tiers[0].links == 16 * 8 * 2);  // a cable per NIC port
  CHECK(a.link_tiers[0].capacity_bytes_per_s == Approx(16 * 8 * kLink));
  CHECK(a.pod_oversubscription == Approx(4));
  // A ToR failure costs each of its 4 nodes one port of 16 (one rail of one plane).
  CHECK(a.failures[1].nodes_disconnected == 0);
  CHECK(a.failures[1].nodes_degraded == 4);
  CHECK(a.failures[1].capacity_lost_fraction == Approx(1.0 / 16));
}

// --- The simulation's layout ---------------------------------------------------------------

TEST_CASE("dragonfly layout: router uplink = every fabric port; group uplink by routing", "[topology]") {
  // a = 4, h = 2, g = 9: minimal gets ⌊8/8⌋ = 1 link per pair; Valiant a·h/2 = 4 links' worth.
  Scenario s = parse(scenario_with(dragonfly_topology(4, 2, 2), 72));
  FatTreeLayout layout = make_topology_layout(s);
  CHECK(layout.nodes_per_leaf == 2);
  CHECK(layout.leaves_per_pod == 4);
  CHECK(layout.pods == 9);
  CHECK(layout.leaf_uplink_bandwidth == Approx(5 * kLink));
  CHECK(layout.pod_uplink_bandwidth == Approx(1 * kLink));
  s = parse(scenario_with(dragonfly_topology(4, 2, 2, "valiant"), 72));
  layout = make_topology_layout(s);
  CHECK(layout.pod_uplink_bandwidth == Approx(4 * kLink));
}

TEST_CASE("torus layout: a line's uplink is the X links to the next line, a plane's the X·Y links",
          "[topology]") {
  const Scenario s = parse(scenario_with(torus_topology(4, 2, 2), 16));
  const FatTreeLayout layout = make_topology_layout(s);
  CHECK(layout.leaves == 4);
  CHECK(layout.pods == 2);
  CHECK(layout.leaf_uplink_bandwidth == Approx(4 * kLink));
  CHECK(layout.pod_uplink_bandwidth == Approx(8 * kLink));
}

TEST_CASE("failures become capacity changes of the aggregated links", "[topology]") {
  json t = hpn_topology();
  t["failures"] = {{{"time_s", 20}, {"component", "leaf-switch"}, {"index", 1}},
                   {{"time_s", 10}, {"component", "leaf-uplink"}, {"index", 1}, {"count", 2}},
                   {{"time_s", 30}, {"component", "pod-uplink"}, {"index", 0}}};
  const Scenario s = parse(scenario_with(t, 16));
  const FatTreeLayout layout = make_topology_layout(s);
  // Segment: 4 nodes × 400 GB/s = 1.6 TB/s up = 32 links; pod: 2 × 1.6 TB/s / 4 = 16 links.
  REQUIRE(layout.leaf_uplinks == 32);
  REQUIRE(layout.pod_uplinks == 16);
  const auto changes = plan_link_failures(s, layout);
  REQUIRE(changes.size() == 3);
  CHECK(changes[0].time_s == 10);
  CHECK(changes[0].link == "leaf1.up");
  CHECK(changes[0].bandwidth_bytes_per_s == Approx(30 * kLink));
  CHECK(changes[1].link == "leaf1.up");  // 1 of 16 ToRs (8 rails × 2 planes) on top of it
  CHECK(changes[1].bandwidth_bytes_per_s == Approx(30 * kLink * 15 / 16));
  CHECK(changes[2].link == "pod0.up");
  CHECK(changes[2].bandwidth_bytes_per_s == Approx(15 * kLink));

  json cut = hpn_topology();
  cut["failures"] = {{{"time_s", 10}, {"component", "leaf-uplink"}, {"index", 0}, {"count", 32}}};
  const Scenario bad = parse(scenario_with(cut, 16));
  CHECK_THROWS_WITH(
      plan_link_failures(bad, make_topology_layout(bad)),
      Contains("configs/k.json: /topology/failures/0: found 32 failed uplink cables of leaf group 0") &&
          Contains("disconnects"));
}

// --- Jobs on every kind, timed by hand -----------------------------------------------------
// The job of test_engine_timing.cpp: 2 nodes × 8 PPUs, 100 steps, each node sends 3e10 B per
// step; compute 6e5 s. Its communication is 100 · 3e10 B over the narrowest link on its ring.

namespace {

double comm_time_of(const Scenario& scenario) {
  const auto run =
      simulate_in_child_process(scenario, trace_of({model_job("m", 0, 16, 1e9, 1.6e12, 1.6e10)}));
  return run.jobs[0]["end_s"].get<double>() - 6e5;
}

}  // namespace

TEST_CASE("a ring between two torus lines runs at the X links between them", "[topology][engine]") {
  // 1 × 2 × 1 torus of 8-PPU nodes: two lines of one node; the cut is X = 1 link of 25 GB/s.
  // 3e12 B / 2.5e10 B/s = 120 s (the NICs alone: 3e12 / 4e11 = 7.5 s).
  Scenario s = tiny_scenario(2, 8, 1);
  s.topology.kind = "torus";
  s.topology.family = TopologySpec::Kind::Torus;
  s.topology.torus = {1, 2, 1};
  s.topology.leaves_per_pod = 2;
  s.topology.link_bandwidth_bytes_per_s = 25e9;
  CHECK(comm_time_of(s) == Approx(120).epsilon(1e-9));
}

TEST_CASE("a dragonfly ring across groups: minimal routing gets the pair's links, Valiant half of all",
          "[topology][engine]") {
  // 4 groups of one router with one node, h = 3 global links of 25 GB/s: each pair of groups
  // has ⌊3/3⌋ = 1 link. The job's nodes 0 and 1 are in groups 0 and 1.
  // Minimal: 25 GB/s → 3e12 / 2.5e10 = 120 s. Valiant: 3 · 25 / 2 = 37.5 GB/s → 80 s.
  // (The router uplink, a − 1 + h = 3 links = 75 GB/s, is wider than either.)
  Scenario s = tiny_scenario(4, 8, 1);
  s.topology.kind = "dragonfly";
  s.topology.family = TopologySpec::Kind::Dragonfly;
  s.topology.dragonfly = {4, 1, 1, 3, DragonflySpec::Routing::Minimal};
  s.topology.tiers = 3;
  s.topology.leaves_per_pod = 1;
  s.topology.link_bandwidth_bytes_per_s = 25e9;
  CHECK(comm_time_of(s) == Approx(120).epsilon(1e-9));
  s.topology.dragonfly.routing = DragonflySpec::Routing::Valiant;
  CHECK(comm_time_of(s) == Approx(80).epsilon(1e-9));
}

TEST_CASE("the same job is slower behind an oversubscribed fat-tree leaf than inside a rail segment",
          "[topology][engine]") {
  // Fat-tree: one node per leaf at 4:1 → 100 GB/s uplink → 3e12 / 1e11 = 30 s.
  // Rail-optimized: both nodes in one segment of 2 → the ring never leaves it: NIC-bound 7.5 s.
  Scenario fat = tiny_scenario(2, 8, 1);
  fat.topology.leaf_oversubscription = 4;
  fat.topology.link_bandwidth_bytes_per_s = 100e9;
  CHECK(comm_time_of(fat) == Approx(30).epsilon(1e-9));
  Scenario rail = fat;
  rail.topology.kind = "rail-optimized";
  rail.topology.family = TopologySpec::Kind::RailOptimized;
  rail.topology.planes = 2;
  rail.topology.nodes_per_leaf = 2;
  CHECK(comm_time_of(rail) == Approx(7.5).epsilon(1e-9));
}

TEST_CASE("a leaf uplink cable failing mid-transfer slows the ring from that moment", "[topology][engine]") {
  // One node per leaf, leaf uplink 2 × 100 GB/s = 200 GB/s (2:1). The ring's 3e12 B per node
  // start at 6e5 s; alone they take 15 s. At 6e5 + 5 s one of leaf 0's two cables fails:
  // 1e12 B are through, the other 2e12 B go at 100 GB/s: 20 s more. Communication: 25 s.
  Scenario s = tiny_scenario(2, 8, 1);
  s.topology.leaf_oversubscription = 2;
  s.topology.link_bandwidth_bytes_per_s = 100e9;
  CHECK(comm_time_of(s) == Approx(15).epsilon(1e-9));
  s.topology.failures = {{6e5 + 5, TopologyFailureEvent::Component::LeafUplink, 0, 1}};
  CHECK(comm_time_of(s) == Approx(25).epsilon(1e-9));
}
