// Jobs across pools of one chip on servers of different shapes (scheduler.span_pools):
// docs/models.md, section (f), "Spanning servers of different shapes". Every figure is worked by
// hand in the comments; simulations run in a child process.
#include <catch2/catch.hpp>
#include <limits>
#include <string>

#include "sim/app/isolated_run.hpp"
#include "sim/engine/cluster_resources.hpp"
#include "sim/scheduler/free_node_profile.hpp"
#include "sim/scheduler/node_release_order.hpp"
#include "sim/scheduler/resource_pool.hpp"
#include "tests/scenario_fixtures.hpp"
#include "tests/tenant_fixtures.hpp"
#include "topologies/fat_tree_layout.hpp"

using namespace ppusim;
using namespace ppusim::test;

namespace {

constexpr PoolMask kBig = 1;
constexpr PoolMask kSmall = 2;

/// One chip ("h800", tiny_scenario's 2e15 FLOP/s at u = 0.5: 1e15 FLOP/s of work per PPU) on
/// two servers, all nodes in one leaf group (no ring edge crosses an uplink):
///   big:   `big_nodes` nodes of 8 PPUs, 1 TB/s scale-up, 8 NICs of 50 GB/s (50 GB/s a PPU);
///   small: `small_nodes` nodes of 4 PPUs, 0.5 TB/s scale-up, 2 NICs of 50 GB/s (25 GB/s a PPU).
Scenario big_and_small(int big_nodes, int small_nodes, SchedulingPolicy policy, bool span) {
  const int nodes = big_nodes + small_nodes;
  Scenario s = tiny_scenario(nodes, 8, nodes);
  s.scheduler.policy = policy;
  s.scheduler.span_pools = span;
  PoolSpec big = chip_pool(s, "big", "h800", 2e15, big_nodes, 0);
  PoolSpec small = chip_pool(s, "small", "h800", 2e15, small_nodes, big_nodes);
  small.node.ppus_per_node = 4;
  small.node.intra_node_bandwidth_bytes_per_s = 0.5e12;
  small.node.nics_per_node = 2;
  s.pools = {big, small};
  s.ppu = big.ppu;
  return s;
}

double start_of(const IsolatedRunOutput& run, std::size_t job) {
  return run.jobs[job]["start_s"].get<double>();
}
double end_of(const IsolatedRunOutput& run, std::size_t job) { return run.jobs[job]["end_s"].get<double>(); }

/// When and where a job ran.
struct Ran {
  double start_s;
  double end_s;
  std::string pool;
};

void check_ran(const IsolatedRunOutput& run, std::size_t job, const Ran& expected) {
  INFO("job " << job);
  CHECK(start_of(run, job) == Approx(expected.start_s).epsilon(1e-12));
  CHECK(end_of(run, job) == Approx(expected.end_s).epsilon(1e-12));
  CHECK(run.jobs[job]["pool"] == expected.pool);
}

}  // namespace

TEST_CASE("the weakest server view takes each server figure at its weakest", "[pools][spanning]") {
  const Scenario s = big_and_small(1, 2, SchedulingPolicy::Fifo, true);
  CHECK_FALSE(spans_server_shapes(s, kBig));
  CHECK(spans_server_shapes(s, kBig | kSmall));
  const Scenario weakest = weakest_server_view(s, kBig | kSmall);
  CHECK(weakest.ppu == s.pools[0].ppu);
  CHECK(weakest.node.ppus_per_node == 4);
  CHECK(weakest.node.intra_node_bandwidth_bytes_per_s == 0.5e12);
  CHECK(weakest.node.nics_per_node == 2);
  // min(8 · 50e9 / 8, 2 · 50e9 / 4) = 25e9 B/s a PPU, over the view's 4 PPUs and 2 NICs.
  CHECK(weakest.node.node_nic_bandwidth_bytes_per_s() == Approx(100e9).epsilon(1e-12));
  CHECK(weakest.node.scale_up_domain() == 4);
}

TEST_CASE("a job spanning servers of different sizes holds whole nodes and counts their padding",
          "[pools][spanning]") {
  const Scenario s = big_and_small(1, 2, SchedulingPolicy::Fifo, true);
  const FatTreeLayout layout = make_fat_tree_layout(s);
  ResourcePool pool(layout, s.pools, PlacementPolicy::Pack);
  // Big holds 8 PPUs, small 2 · 4 = 8: no pool holds 10 or 12.
  CHECK_FALSE(pool.allocate(12));
  pool.allow_spanning();
  CHECK(pool.span_group(0) == (kBig | kSmall));
  CHECK_FALSE(pool.one_node_size(kBig | kSmall));
  CHECK(pool.span_fits_now(kAnyPool, 12));
  // 10 PPUs: both pools have 8 free PPUs, so big (listed first) gives ⌈10 / 8⌉ = 2 capped at its
  // 1 free node (8 PPUs), and small ⌈2 / 4⌉ = 1 node: 12 PPUs held, 2 of them padding.
  std::optional<Allocation> ten = pool.allocate(10);
  REQUIRE(ten);
  CHECK(ten->spanned_pools == (kBig | kSmall));
  CHECK(ten->whole_nodes);
  REQUIRE(ten->nodes.size() == 2);
  CHECK(ten->nodes[0] == 0);
  CHECK(ten->ppus_per_node == 4);     // the smaller server's
  CHECK(ten->mixed_shape_ppus == 4);  // node 0 holds 8 - 4 more
  CHECK(ten->held_ppus() == 12);
  CHECK(pool.ppus_held_on(*ten, 0) == 8);
  CHECK(pool.ppus_held_on(*ten, ten->nodes[1]) == 4);
  CHECK(pool.free_ppus() == 4);
  // Now 4 PPUs are free (one small node): a second spanning job of 12 does not fit.
  CHECK_FALSE(pool.span_fits_now(kAnyPool, 12));
  pool.release(*ten);
  CHECK(pool.free_ppus() == 16);
  CHECK(pool.pool(0).free_node_count() == 1);
  CHECK(pool.pool(1).free_node_count() == 2);
  // A job of 8 PPUs or less fits a big node: it never spans (it does not need whole nodes of
  // every pool). With the big node taken, 8 PPUs go to small's 2 nodes, within that pool.
  PlacementRequest big_only;
  big_only.pools = kBig;
  const std::optional<Allocation> busy = pool.allocate(8, {}, 1000, -1, big_only);
  REQUIRE(busy);
  CHECK_FALSE(pool.spans_whole_nodes(kBig | kSmall, 8));
  CHECK(pool.spans_whole_nodes(kBig | kSmall, 9));
  const std::optional<Allocation> eight = pool.allocate(8);
  REQUIRE(eight);
  CHECK(eight->pool == 1);
  CHECK(eight->spanned_pools == 0);
  CHECK(eight->held_ppus() == 8);
  // With spanning only within one server shape (tenants) the pools are two groups.
  ResourcePool one_shape(layout, s.pools, PlacementPolicy::Pack);
  one_shape.allow_spanning(false);
  CHECK(one_shape.span_group(0) == kBig);
  CHECK_FALSE(one_shape.allocate(12));
}

TEST_CASE("a span of different node sizes splits its CPU cores over its nodes by their PPUs",
          "[pools][spanning]") {
  // big's nodes have 32 CPU cores, small's 8. A 12-PPU job (big's node and one small node, 12
  // PPUs held) asking 24 cores needs 8/12 · 24 = 16 on the big node and 4/12 · 24 = 8 on the
  // small one: both hold them. Asking 30, the small node's share is 10 > 8: only big holds its
  // share, so the job does not span.
  Scenario s = big_and_small(1, 2, SchedulingPolicy::Fifo, true);
  s.pools[0].set_host(32, std::nullopt);
  s.pools[1].set_host(8, std::nullopt);
  ResourcePool pool(make_fat_tree_layout(s), s.pools, PlacementPolicy::Pack);
  pool.allow_spanning();
  PlacementRequest asks_24;
  asks_24.host = {24, 0};
  PlacementRequest asks_30;
  asks_30.host = {30, 0};
  CHECK(pool.pools_holding_host_share(kBig | kSmall, 12, asks_24.host) == (kBig | kSmall));
  CHECK(pool.pools_holding_host_share(kBig | kSmall, 12, asks_30.host) == kBig);
  CHECK_FALSE(pool.allocate(12, {}, 1000, -1, asks_30));
  const std::optional<Allocation> spanned = pool.allocate(12, {}, 1000, -1, asks_24);
  REQUIRE(spanned);
  CHECK(spanned->spanned_pools == (kBig | kSmall));
  CHECK(spanned->held_ppus() == 12);
}

TEST_CASE("over pools of different node sizes the busy nodes' releases are weighed by their PPUs",
          "[scheduler][spanning]") {
  // Pool a, 8 PPUs a node: node 0 free at 10, node 1 at 30. Pool b, 4 PPUs a node: nodes 2 and 3
  // by one job at 20. PPUs free by 10: 8; by 20: 8 + 2 · 4 = 16; by 30: 24. Counted in nodes,
  // 3 are free by 20, holding only 16 PPUs.
  NodeReleaseOrder a;
  NodeReleaseOrder b;
  a.add({10, 1}, {0});
  a.add({30, 2}, {1});
  b.add({20, 3}, {2, 3});
  const std::vector<const NodeReleaseOrder*> group{&a, &b};
  const std::vector<int> ppus_per_node{8, 4};
  CHECK(released_ppus_among(group, ppus_per_node, {20, 3}) == 16);
  CHECK(released_ppus_among(group, ppus_per_node, {9, 0}) == 0);
  CHECK(release_freeing_ppus_among(group, ppus_per_node, 8) == EndKey{10, 1});
  CHECK(release_freeing_ppus_among(group, ppus_per_node, 9) == EndKey{20, 3});
  CHECK(release_freeing_ppus_among(group, ppus_per_node, 16) == EndKey{20, 3});
  CHECK(release_freeing_ppus_among(group, ppus_per_node, 17) == EndKey{30, 2});
  CHECK(kth_release_among(group, 3) == EndKey{20, 3});
}

TEST_CASE("a span of different node sizes starts when the nodes free throughout its run hold its PPUs",
          "[scheduler][spanning]") {
  // big: nodes 0-1 of 8 PPUs, a job on node 0 until 10; small: nodes 2-3 of 4, a job on node 2
  // until 30. now = 0.
  //   free_big: 1 node on [0, 10), 2 from 10;  free_small: 1 on [0, 30), 2 from 30.
  //   20 PPUs for 20 s: at 0, 8 + 4 = 12; at 10, [10, 30): 2 · 8 + 4 = 20: start 10, big's 2
  //     nodes (most PPUs first: 16) and ⌈4 / 4⌉ = 1 of small.
  //   22 PPUs: at 10, 20; at 30, 16 + 8 = 24: start 30, big's 2 and ⌈6 / 4⌉ = 2 of small.
  const Scenario s = big_and_small(2, 2, SchedulingPolicy::ConservativeBackfill, true);
  ResourcePool pool(make_fat_tree_layout(s), s.pools, PlacementPolicy::Pack);
  RunningJobs running(&pool);
  PlacementRequest in_big;
  in_big.pools = kBig;
  PlacementRequest in_small;
  in_small.pools = kSmall;
  running.add(1, 10, *pool.allocate(8, {}, 1000, -1, in_big));
  running.add(2, 30, *pool.allocate(4, {}, 1000, -1, in_small));
  const FreeNodeProfile big(0, pool, running, 0);
  const FreeNodeProfile small(0, pool, running, 1);
  const std::vector<std::pair<int, const FreeNodeProfile*>> group{{0, &big}, {1, &small}};
  const std::vector<int> ppus_per_node{8, 4};
  const double never = std::numeric_limits<double>::infinity();
  const std::optional<SpannedStart> twenty = earliest_start_across(group, 20, 20, never, ppus_per_node);
  REQUIRE(twenty);
  CHECK(twenty->start_s == 10);
  CHECK(twenty->nodes_per_pool == std::vector<std::pair<int, int>>{{0, 2}, {1, 1}});
  const std::optional<SpannedStart> twenty_two = earliest_start_across(group, 22, 20, never, ppus_per_node);
  REQUIRE(twenty_two);
  CHECK(twenty_two->start_s == 30);
  CHECK(twenty_two->nodes_per_pool == std::vector<std::pair<int, int>>{{0, 2}, {1, 2}});
  CHECK_FALSE(earliest_start_across(group, 25, 20, never, ppus_per_node));
}

TEST_CASE("a 12-PPU job across an 8-PPU and a 4-PPU server runs at the weaker server's speed",
          "[pools][spanning][engine]") {
  // d = 12 PPUs, N = 1e9 parameters of 2 bytes: each PPU moves v = 2 · 11/12 · 2e9 = 3.6667e9 B
  // per step. D = 1.2e12 tokens, B = 1.2e10: 100 steps. Compute 6 · N · D / (12 · 1e15) = 6e5 s.
  // It spans big's node (8 PPUs) and one small node (4): 12 PPUs, no padding. On the weakest
  // server (4 PPUs, 0.5 TB/s scale-up, 25 GB/s of NIC a PPU: 100 GB/s a node) the ring is timed
  // on ⌈12 / 4⌉ = 3 nodes of k = 4: max(v / 0.5e12, 4 · v / 1e11) = max(0.0073, 0.14667) s a
  // step, so it ends at 6e5 + 100 · 0.14667 = 600014.667 s. On big's server alone it would be
  // max(v / 1e12, 8 · v / 4e11) = 0.073333 s a step.
  const double v = 2.0 * 11 / 12 * 2e9;
  const double expected = 6e5 + 100 * 4 * v / 1e11;
  const JobTrace trace = trace_of({model_job("wide", 0, 12, 1e9, 1.2e12, 1.2e10)});
  const auto run = simulate_in_child_process(big_and_small(1, 2, SchedulingPolicy::Fifo, true), trace);
  CHECK(start_of(run, 0) == 0);
  CHECK(run.jobs[0]["pool"] == "big+small");
  CHECK(run.jobs[0]["held_ppus"] == 12);
  CHECK(end_of(run, 0) == Approx(expected).epsilon(1e-9));
  // Its PPU-time counts in each pool by its PPUs there: 8 of big's 8, 4 of small's 8.
  CHECK(run.report["pools"][0]["allocated_utilization"].get<double>() == Approx(1.0).epsilon(1e-12));
  CHECK(run.report["pools"][1]["allocated_utilization"].get<double>() == Approx(0.5).epsilon(1e-12));
  // The same job on a cluster of the small server alone (3 nodes) ends at the same time.
  Scenario weak_only = big_and_small(1, 2, SchedulingPolicy::Fifo, false);
  weak_only.pools = {weak_only.pools[1]};
  weak_only.pools[0].nodes = 3;
  weak_only.pools[0].first_node = 0;
  weak_only.node = weak_only.pools[0].node;
  const auto weak = simulate_in_child_process(weak_only, trace);
  CHECK(end_of(weak, 0) == Approx(expected).epsilon(1e-9));
  // Without span_pools it is larger than each pool and is rejected at arrival.
  const auto refused = simulate_in_child_process(big_and_small(1, 2, SchedulingPolicy::Fifo, false), trace);
  CHECK(refused.report["jobs"]["rejected"] == 1);
  CHECK(refused.jobs[0]["reject_reason"] == "needs 12 PPUs, pool big has 8");
}

TEST_CASE("EASY and conservative reserve a head across servers of different sizes by its PPUs",
          "[pools][spanning][engine][backfill]") {
  // Flops jobs at 1e15 FLOP/s per PPU. big: nodes 0-1 of 8 PPUs; small: nodes 2-3 of 4.
  // At 0: b0 (8 PPUs, 1000 s) and b1 (8, 3000 s) take big's nodes; s0 (4, 1500 s) and s1 (4,
  // 2000 s) small's. At 10: the head, 20 PPUs for 1000 s (more than either pool: it may only
  // span), then filler, 4 PPUs for 1200 s.
  //   Weighed by PPUs, the busy nodes free 8 at 1000, 4 at 1500, 4 at 2000 and 8 at 3000: the
  //   head's 20 are free at 3000, its shadow time (spare 24 - 20 = 4 PPUs, no whole big node).
  //   Counted in nodes, ⌈20 / 8⌉ = 3 nodes would be free at 2000, when only 16 PPUs are.
  //   At 1000 b0's node is free and filler, ending at 2200 <= 3000, is backfilled on it.
  //   Conservative: the head's earliest start where each pool's nodes free throughout [s, s +
  //   1000) hold 20 PPUs is 3000 (at 2000 big holds 1 node until 3000: 8 + 8 = 16); filler
  //   moves no reservation (big's node is back by 2200).
  // At 3000 the head starts on big's 2 nodes (16) and one small node (4) and ends at 4000.
  const JobTrace trace = trace_of({flops_job("b0", 0, 8, 8e18), flops_job("b1", 0, 8, 2.4e19),
                                   flops_job("s0", 0, 4, 6e18), flops_job("s1", 0, 4, 8e18),
                                   flops_job("head", 10, 20, 2e19), flops_job("filler", 10, 4, 4.8e18)});
  for (const SchedulingPolicy policy :
       {SchedulingPolicy::EasyBackfill, SchedulingPolicy::ConservativeBackfill}) {
    INFO("policy " << static_cast<int>(policy));
    const auto run = simulate_in_child_process(big_and_small(2, 2, policy, true), trace);
    CHECK(run.jobs[2]["pool"] == "small");
    CHECK(run.jobs[3]["pool"] == "small");
    check_ran(run, 5, {1000, 2200, "big"});
    check_ran(run, 4, {3000, 4000, "big+small"});
    CHECK(run.jobs[4]["held_ppus"] == 20);
  }
}

TEST_CASE("a tenant's job does not span servers of different shapes", "[pools][spanning][tenants]") {
  // With tenants a span group is one chip and one server: the 12-PPU job that only big and
  // small together hold is rejected at arrival, saying why.
  Scenario s = big_and_small(1, 2, SchedulingPolicy::Fifo, true);
  TenantSpec owner;
  owner.name = "owner";
  owner.guaranteed_ppus = 16;
  owner.burst_ppus = 16;
  s.tenants.tenants = {owner};
  s.tenants.ppu_types = {"h800"};
  s.tenants.pool_types = {0, 0};
  const auto run =
      simulate_in_child_process(s, trace_of({of_tenant(flops_job("wide", 0, 12, 1.2e19), 0, "owner")}));
  CHECK(run.report["jobs"]["rejected"] == 1);
  CHECK(run.jobs[0]["reject_reason"] ==
        "needs 12 PPUs, which only pools on servers of different shapes hold together; a tenant's job spans "
        "only pools of one server");
}
