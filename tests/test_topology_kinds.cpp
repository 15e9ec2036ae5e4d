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
#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "sim/app/isolated_run.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/core/input_error.hpp"
#include "tests/cli_runner.hpp"
#include "tests/scenario_fixtures.hpp"
#include "topologies/direct_network_analysis.hpp"
#include "topologies/dragonfly_layout.hpp"
#include "topologies/fat_tree_layout.hpp"
#include "topologies/link_failures.hpp"
#include "topologies/physical_fat_tree.hpp"
#include "topologies/topology_analysis.hpp"
#include "topologies/topology_kinds.hpp"
#include "topologies/topology_layout.hpp"
#include "topologies/torus_layout.hpp"

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

/// jobs.csv as cells by job id and column name (its ids and numbers hold no commas).
std::map<std::string, std::map<std::string, std::string>> jobs_csv_by_id(const std::string& text) {
  auto split = [](const std::string& line) {
    std::vector<std::string> cells;
    std::stringstream in(line);
    for (std::string cell; std::getline(in, cell, ',');) cells.push_back(cell);
    return cells;
  };
  std::stringstream in(text);
  std::string line;
  std::getline(in, line);
  const std::vector<std::string> header = split(line);
  std::map<std::string, std::map<std::string, std::string>> rows;
  while (std::getline(in, line)) {
    const std::vector<std::string> cells = split(line);
    auto& row = rows[cells.at(0)];
    for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i) row[header[i]] = cells[i];
  }
  return rows;
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
  SECTION("a fat-tree leaf switch radix too small for its nodes and uplinks") {
    // 4 nodes × 8 NICs × 400 Gb/s at 1:1 over 400 Gb/s links: 32 uplinks over 8 leaf switches.
    const json t = {{"kind", "fat-tree"},  {"tiers", 2},
                    {"nodes_per_leaf", 4}, {"link_bandwidth_bits_per_s", 400e9},
                    {"link_latency_s", 0}, {"switch_radix", 7}};
    CHECK_THROWS_WITH(
        parse(scenario_with(t, 16)),
        Contains("configs/k.json: /topology/switch_radix: found 7, expected at least 8 ports: a leaf "
                 "switch has 4 node ports (/topology/nodes_per_leaf) plus 4 uplinks"));
  }
  SECTION("zero link bandwidth") {
    json t = torus_topology(2, 2, 4);
    t["link_bandwidth_bits_per_s"] = 0;
    CHECK_THROWS_WITH(
        parse(scenario_with(t, 16)),
        Contains("/topology/link_bandwidth_bits_per_s: found 0, expected a number in [1000000, "));
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
    t = hpn_topology();
    t["failures"] = {{{"time_s", 10}, {"component", "leaf-uplink"}, {"index", 0}, {"repair_after_s", 0}}};
    CHECK_THROWS_WITH(parse(scenario_with(t, 16)), Contains("/topology/failures/0/repair_after_s: found 0"));
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
  // Planes stay apart up to the aggregation tier: a plane-0 ToR (even index) only reaches the
  // first half of its pod's spines, a plane-1 ToR only the second half.
  for (int rail = 0; rail < tree.rails; ++rail) {
    for (auto v : boost::make_iterator_range(adjacent_vertices(tree.leaf_vertex(0, rail), tree.graph))) {
      if (tree.graph[v].kind != VertexKind::SpineSwitch) continue;
      CHECK(tree.graph[v].index / (tree.spines_per_pod / 2) == rail % 2);
    }
  }
  // A ToR failure costs each of its 4 nodes one port of 16 (one rail of one plane).
  CHECK(a.failures[1].nodes_disconnected == 0);
  CHECK(a.failures[1].nodes_degraded == 4);
  CHECK(a.failures[1].capacity_lost_fraction == Approx(1.0 / 16));
}

// --- The simulation's layout ---------------------------------------------------------------

TEST_CASE("dragonfly layout: router uplink = every fabric port; group uplink by routing", "[topology]") {
  // a = 4, h = 2, g = 9: minimal gets ⌊8/8⌋ = 1 link per pair; Valiant a·h/2 = 4 links' worth.
  Scenario s = parse(scenario_with(dragonfly_topology(4, 2, 2), 72));
  TopologyLayout layout = make_topology_layout(s);
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
  const TopologyLayout layout = make_topology_layout(s);
  CHECK(layout.leaves == 4);
  CHECK(layout.pods == 2);
  CHECK(layout.leaf_uplink_bandwidth == Approx(4 * kLink));
  CHECK(layout.pod_uplink_bandwidth == Approx(8 * kLink));
}

TEST_CASE("each kind's own layout type: its registered row gives its common part, plus its own facts",
          "[topology]") {
  // The registry row hands the simulation the kind's layout seen as the common TopologyLayout:
  // the same numbers as the kind's own type.
  const auto same_common_part = [](const TopologyLayout& a, const TopologyLayout& b) {
    CHECK(a.nodes == b.nodes);
    CHECK(a.leaves == b.leaves);
    CHECK(a.pods == b.pods);
    CHECK(a.leaf_uplinks == b.leaf_uplinks);
    CHECK(a.pod_uplinks == b.pod_uplinks);
    CHECK(a.switches_per_leaf_group == b.switches_per_leaf_group);
  };
  // HPN segment: 8 NICs × 2 planes = 16 leaf switches (ToRs) per segment.
  const Scenario hpn = parse(scenario_with(hpn_topology(), 16));
  const FatTreeLayout fat_tree = make_fat_tree_layout(hpn);
  CHECK(fat_tree.planes == 2);
  CHECK(fat_tree.switches_per_leaf_group == 16);
  same_common_part(topology_kind(hpn.topology.family).layout(hpn), fat_tree);

  // Dragonfly a = 4, h = 2, p = 2: 9 groups × 4 routers = 36 routers, one per leaf group of 2
  // nodes, so node 7 sits on router ⌊7/2⌋ = 3; a router is the one switch of its leaf group.
  const Scenario df = parse(scenario_with(dragonfly_topology(4, 2, 2), 72));
  const DragonflyLayout dragonfly = make_dragonfly_layout(df);
  CHECK(dragonfly.routers() == 36);
  CHECK(dragonfly.router_of_node(7) == 3);
  CHECK(dragonfly.switches_per_leaf_group == 1);
  same_common_part(make_topology_layout(df), dragonfly);

  // Torus 4×2×2: node 13 = 1 + 4·(1 + 2·1) sits at (1, 1, 1); a line has no switch of its own.
  const Scenario torus_scenario = parse(scenario_with(torus_topology(4, 2, 2), 16));
  const TorusLayout torus = make_torus_layout(torus_scenario);
  CHECK(torus.coordinate(13, 0) == 1);
  CHECK(torus.coordinate(13, 1) == 1);
  CHECK(torus.coordinate(13, 2) == 1);
  CHECK(torus.coordinate(6, 0) == 2);  // 6 = 2 + 4·1: (2, 1, 0)
  CHECK(torus.coordinate(6, 2) == 0);
  CHECK(torus.switches_per_leaf_group == 0);
  same_common_part(make_topology_layout(torus_scenario), torus);
}

TEST_CASE("failures become capacity changes of the aggregated links", "[topology]") {
  json t = hpn_topology();
  t["failures"] = {{{"time_s", 20}, {"component", "leaf-switch"}, {"index", 1}},
                   {{"time_s", 10}, {"component", "leaf-uplink"}, {"index", 1}, {"count", 2}},
                   {{"time_s", 30}, {"component", "pod-uplink"}, {"index", 0}}};
  const Scenario s = parse(scenario_with(t, 16));
  const TopologyLayout layout = make_topology_layout(s);
  // Segment: 4 nodes × 400 GB/s = 1.6 TB/s up = 32 links; pod: 2 × 1.6 TB/s / 4 = 16 links.
  REQUIRE(layout.leaf_uplinks == 32);
  REQUIRE(layout.pod_uplinks == 16);
  const TopologyFailurePlan plan = plan_topology_failures(s, layout);
  CHECK(plan.disconnections.empty());
  const auto& changes = plan.capacity_changes;
  REQUIRE(changes.size() == 3);
  CHECK(changes[0].time_s == 10);
  CHECK(changes[0].link == "leaf1.up");
  CHECK(changes[0].bandwidth_bytes_per_s == Approx(30 * kLink));
  CHECK(changes[1].link == "leaf1.up");  // 1 of 16 ToRs (8 rails × 2 planes) on top of it
  CHECK(changes[1].bandwidth_bytes_per_s == Approx(30 * kLink * 15 / 16));
  CHECK(changes[2].link == "pod0.up");
  CHECK(changes[2].bandwidth_bytes_per_s == Approx(15 * kLink));
}

TEST_CASE("failures that cut a leaf group or a pod off become disconnections until their repair",
          "[topology]") {
  // The HPN scenario of the test above: segments of 4 nodes with 32 uplinks and 16 ToRs
  // (8 rails × 2 planes), pods of 2 segments with 16 uplinks.
  json t = hpn_topology();
  t["failures"] = {
      // 30 of segment 1's 32 cables at 10 s (capacity 2/32), the other 2 at 20 s: cut off until
      // the first batch is repaired at 10 + 100 = 110 s (capacity back to 30/32).
      {{"time_s", 10}, {"component", "leaf-uplink"}, {"index", 1}, {"count", 30}, {"repair_after_s", 100}},
      {{"time_s", 20}, {"component", "leaf-uplink"}, {"index", 1}, {"count", 2}},
      // Pod 1 (segments 2 and 3, nodes 8–15) loses all 16 cables at 50 s, for good.
      {{"time_s", 50}, {"component", "pod-uplink"}, {"index", 1}, {"count", 16}}};
  const Scenario s = parse(scenario_with(t, 16));
  const TopologyLayout layout = make_topology_layout(s);
  REQUIRE(layout.pods == 2);
  const TopologyFailurePlan plan = plan_topology_failures(s, layout);
  REQUIRE(plan.disconnections.size() == 2);
  CHECK(plan.disconnections[0].from_s == 20);
  CHECK(plan.disconnections[0].until_s == 110);
  CHECK(plan.disconnections[0].first_node == 4);
  CHECK(plan.disconnections[0].node_count == 4);
  CHECK(plan.disconnections[0].cause == ComponentKind::Link);
  CHECK(plan.disconnections[1].from_s == 50);
  CHECK(std::isinf(plan.disconnections[1].until_s));
  CHECK(plan.disconnections[1].first_node == 8);
  CHECK(plan.disconnections[1].node_count == 8);
  // Capacity: 2/32 at 10 s, unchanged while cut (no change at 20 or 50 s), 30/32 at 110 s.
  REQUIRE(plan.capacity_changes.size() == 2);
  CHECK(plan.capacity_changes[0].time_s == 10);
  CHECK(plan.capacity_changes[0].bandwidth_bytes_per_s == Approx(2 * kLink));
  CHECK(plan.capacity_changes[1].time_s == 110);
  CHECK(plan.capacity_changes[1].link == "leaf1.up");
  CHECK(plan.capacity_changes[1].bandwidth_bytes_per_s == Approx(30 * kLink));

  // A dragonfly router is its leaf group's one switch: losing it cuts its p nodes off.
  json d = dragonfly_topology(4, 2, 2);
  d["failures"] = {{{"time_s", 5}, {"component", "leaf-switch"}, {"index", 3}}};
  const Scenario df = parse(scenario_with(d, 72, 1, 1));
  const TopologyLayout df_layout = make_topology_layout(df);
  const TopologyFailurePlan df_plan = plan_topology_failures(df, df_layout);
  REQUIRE(df_plan.disconnections.size() == 1);
  CHECK(df_plan.disconnections[0].cause == ComponentKind::Switch);
  CHECK(df_plan.disconnections[0].first_node == 3 * df_layout.nodes_per_leaf);
  CHECK(df_plan.disconnections[0].node_count == df_layout.nodes_per_leaf);

  // A torus line has no switch of its own to fail.
  json tor = torus_topology(4, 2, 2);
  tor["failures"] = {{{"time_s", 5}, {"component", "leaf-switch"}, {"index", 0}}};
  const Scenario ts = parse(scenario_with(tor, 16));
  CHECK_THROWS_WITH(plan_topology_failures(ts, make_topology_layout(ts)),
                    Contains("configs/k.json: /topology/failures/0: found \"leaf-switch\" on a torus"));
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
  s.topology.failures = {{6e5 + 5, TopologyFailureEvent::Component::LeafUplink, 0, 1, std::nullopt}};
  CHECK(comm_time_of(s) == Approx(25).epsilon(1e-9));
}

// --- Command line --------------------------------------------------------------------------

TEST_CASE("cli: every shipped topology example validates, and topology analyses it", "[topology][cli]") {
  using namespace ppusim::cli_test;
  TempDir dir;
  for (const char* config : {"configs/dragonfly-576.json", "configs/torus-512.json"}) {
    const std::string path = (kSourceDir / config).string();
    const auto valid = run_ppusim(dir, {"validate", path});
    INFO(describe(valid));
    CHECK(valid.exit_code == 0);
    const auto analysed = run_ppusim(dir, {"topology", path, "--json", "t.json"});
    INFO(describe(analysed));
    REQUIRE(analysed.exit_code == 0);
    const auto j = read_json(dir / "t.json");
    CHECK(j["switches"]["router"].get<int>() > 0);
    CHECK(j["single_failures"].size() >= 3);
  }
  // torus-512: 8 × 8 × 8, so 3 · 512 router links and a diameter of 12 router hops + 2.
  const auto j = read_json(dir / "t.json");
  CHECK(j["kind"] == "torus");
  CHECK(j["link_tiers"][1]["links"] == 1536);
  CHECK(j["hops"]["diameter"] == 14);
}

TEST_CASE("cli: a failure that disconnects nodes validates, and the run interrupts the jobs behind it",
          "[topology][cli]") {
  using namespace ppusim::cli_test;
  TempDir dir;
  // tests/data/leaf-cut.json: small-test with all 32 uplinks of leaf group 0 (nodes 0–3) failing
  // at 1,800 s, repaired at 5,400 s (docs/topologies.md, worked example).
  const std::string path = (kSourceDir / "tests/data/leaf-cut.json").string();
  const auto valid = run_ppusim(dir, {"validate", path});
  INFO(describe(valid));
  CHECK(valid.exit_code == 0);
  const auto run = run_ppusim(dir, {"run", path, "--output", "out", "--quiet"});
  INFO(describe(run));
  REQUIRE(run.exit_code == 0);
  const auto report = read_json(dir / "out" / "report.json");
  // Where pack put the jobs (tests/data/small-jobs.jsonl; leaf group 0 = nodes 0–3):
  // warmup-1 (1 PPU, t=0) on node 0; sweep-a (8 PPUs) on a fresh node of the fullest leaf group,
  // node 1; llm-1b (2 nodes, t=120) in the tightest leaf group that holds it, nodes 2–3;
  // replay-eval (4 PPUs, 300–1,200) best fit on node 0, gone by the cut; llm-7b (8 nodes) in
  // pod 1; sweep-b (8 PPUs) in leaf group 1. At 1,800 s three jobs are behind the cut.
  const auto& failures = report["failures"];
  CHECK(failures["interruptions_by_cause"]["link"] == 3);
  CHECK(failures["interruptions"] == 3);
  const auto jobs = jobs_csv_by_id(read_text(dir / "out" / "jobs.csv"));
  // No checkpoint state for FLOP-count jobs: all progress is lost. warmup-1 computed from 0;
  // sweep-a first staged 2e11 B at 25 GB/s (8 s).
  CHECK(std::stod(jobs.at("warmup-1").at("lost_work_s")) == Approx(1800));
  CHECK(std::stod(jobs.at("sweep-a").at("lost_work_s")) == Approx(1792));
  // llm-1b checkpoints every 600 s of progress: it loses less than that.
  CHECK(jobs.at("llm-1b").at("interruptions") == "1");
  CHECK(std::stod(jobs.at("llm-1b").at("lost_work_s")) < 600);
  for (const char* untouched : {"replay-eval", "llm-7b", "sweep-b"})
    CHECK(jobs.at(untouched).at("interruptions") == "0");
  // Detection 600 s + restart 660 s, for each of the three.
  CHECK(std::stod(jobs.at("warmup-1").at("restart_overhead_s")) == Approx(1260));
}
