// EASY's availability profile, kept up to date as jobs start and end (node_release_order.hpp):
// the order in which the running jobs' expected ends leave nodes wholly free, and the head
// job's reservation read from it.
#include <catch2/catch.hpp>

#include "sim/scheduler/easy_backfill_policy.hpp"
#include "sim/scheduler/free_node_profile.hpp"
#include "sim/scheduler/node_release_order.hpp"
#include "tests/scenario_fixtures.hpp"
#include "topologies/fat_tree_layout.hpp"

using namespace ppusim;

namespace {
/// The queued head job: id 9, `ppus` PPUs.
PendingJob head(int ppus) {
  PendingJob job;
  job.id = 9;
  job.ppus = ppus;
  return job;
}
}  // namespace
using namespace ppusim::test;

TEST_CASE("node release order after a known sequence of starts and ends", "[scheduler]") {
  NodeReleaseOrder order;
  order.add({10, 1}, {0, 1});  // a two-node job ending at 10
  order.add({5, 2}, {2});      // two jobs sharing node 2, ending at 5 and 20
  order.add({20, 3}, {2});
  order.add({7, 4}, {3});
  // Node 3 comes free at 7, nodes 0 and 1 at 10, node 2 only when its later job ends, at 20.
  CHECK(order.busy_nodes() == 4);
  CHECK(order.kth_release(1) == EndKey{7, 4});
  CHECK(order.kth_release(2) == EndKey{10, 1});
  CHECK(order.kth_release(3) == EndKey{10, 1});
  CHECK(order.kth_release(4) == EndKey{20, 3});
  CHECK(order.released_by({10, 1}) == 3);
  CHECK(order.released_by({9.5, 99}) == 1);
  CHECK(order.released_by({4, 0}) == 0);
  CHECK(*order.release_of(2) == EndKey{20, 3});

  order.remove({20, 3}, {2});  // node 2's later job ends: its release moves back to 5
  CHECK(*order.release_of(2) == EndKey{5, 2});
  CHECK(order.kth_release(1) == EndKey{5, 2});
  CHECK(order.released_by({7, 4}) == 2);

  order.remove({10, 1}, {0, 1});
  CHECK(order.busy_nodes() == 2);
  CHECK_FALSE(order.release_of(0).has_value());
  CHECK(order.kth_release(2) == EndKey{7, 4});
}

TEST_CASE("node release order over the pools of a span group", "[scheduler][spanning]") {
  // Pool a: node 0 free at 10, node 1 at 30. Pool b: nodes 2 and 3 by one job at 20, and a
  // spanning job's node 4 at 25 (filed in pool b with its node there). Together they come free
  // at 10 (1 node), 20 (3 nodes), 25 (4), 30 (5).
  NodeReleaseOrder a;
  NodeReleaseOrder b;
  a.add({10, 1}, {0});
  a.add({30, 2}, {1});
  b.add({20, 3}, {2, 3});
  b.add({25, 4}, {4});
  const std::vector<const NodeReleaseOrder*> group{&a, &b};
  CHECK(released_by_among(group, {20, 3}) == 3);
  CHECK(released_by_among(group, {9, 0}) == 0);
  CHECK(kth_release_among(group, 1) == EndKey{10, 1});
  CHECK(kth_release_among(group, 2) == EndKey{20, 3});
  CHECK(kth_release_among(group, 3) == EndKey{20, 3});
  CHECK(kth_release_among(group, 4) == EndKey{25, 4});
  CHECK(kth_release_among(group, 5) == EndKey{30, 2});
}

TEST_CASE("EASY reserves for a whole-node head from the release order", "[scheduler]") {
  // 4 nodes of 1 PPU. Job 1 holds nodes for 2 PPUs until 10, job 2 one node until 14; one is free.
  const Scenario scenario = tiny_scenario(4, 1, 4);
  ResourcePool pool(make_fat_tree_layout(scenario), 1, PlacementPolicy::Pack);
  RunningJobs running;
  running.add(1, 10, *pool.allocate(2));
  const Allocation second = *pool.allocate(1);
  running.add(2, 14, second);
  EasyBackfillPolicy easy(100);
  ReservedNodes reserved;

  // A 3-PPU head needs 2 more nodes: job 1's end at 10 frees both; nothing spare then.
  const std::optional<Reservation> three = easy.reserve_for_head(0, head(3), pool, running, reserved);
  REQUIRE(three);
  CHECK(three->shadow_time_s == 10);
  CHECK(three->spare_free_nodes == 0);
  CHECK(reserved.contains(running.at(1).allocation.nodes[0]));
  CHECK(reserved.contains(running.at(1).allocation.nodes[1]));
  CHECK_FALSE(reserved.contains(second.nodes[0]));

  // A 4-PPU head needs all three busy nodes: at 14, and then job 2's node is counted on too.
  const std::optional<Reservation> four = easy.reserve_for_head(0, head(4), pool, running, reserved);
  REQUIRE(four);
  CHECK(four->shadow_time_s == 14);
  CHECK(four->spare_free_nodes == 0);
  CHECK(reserved.contains(second.nodes[0]));

  // After the reservation, a backfilled job joining a counted node does not change the set.
  reserved.freeze(second.nodes);
  Allocation joined;
  joined.nodes = second.nodes;
  running.add(3, 30, joined);
  CHECK(reserved.contains(second.nodes[0]));

  // A head bigger than the cluster's busy and free nodes together never starts.
  CHECK_FALSE(easy.reserve_for_head(0, head(5), pool, running, reserved));
}

TEST_CASE("a spanning job's earliest start counts each pool's nodes free throughout its run",
          "[scheduler][spanning]") {
  // Two pools of 2 nodes of 8 PPUs (a: nodes 0-1, b: nodes 2-3), now = 0. A job on node 0
  // ends at 10, one on node 2 at 30; pool b's profile also holds 1 node over [10, 40).
  //   free_a: 1 on [0, 10), 2 from 10.
  //   free_b: 1 on [0, 10), 0 on [10, 30), 1 on [30, 40), 2 from 40.
  // Together 2 nodes are free at every t in [0, 20), but a job holds the same nodes from start
  // to end: pool a can give min free_a = 1 over [0, 20), pool b 0.
  //   2 nodes for 20 s: at 0, 1 + 0; at 10, [10, 30): 2 + 0 = 2: start 10, both of pool a.
  //   3 nodes for 20 s: at 10, 2; at 30, [30, 50): 2 + min(1, 2) = 3: start 30, 2 of a and 1
  //   of b (most first).
  Scenario s = tiny_scenario(4, 8, 2);
  s.pools = {chip_pool(s, "a", "h800", 2e15, 2, 0), chip_pool(s, "b", "h800", 2e15, 2, 2)};
  ResourcePool pool(make_fat_tree_layout(s), s.pools, PlacementPolicy::Pack);
  RunningJobs running(&pool);
  PlacementRequest in_a;
  in_a.pools = 1;
  PlacementRequest in_b;
  in_b.pools = 2;
  running.add(1, 10, *pool.allocate(8, {}, 1000, -1, in_a));
  running.add(2, 30, *pool.allocate(8, {}, 1000, -1, in_b));
  FreeNodeProfile profile_a(0, pool, running, 0);
  FreeNodeProfile profile_b(0, pool, running, 1);
  profile_b.reserve(1, 10, 30);
  const std::vector<std::pair<int, const FreeNodeProfile*>> group{{0, &profile_a}, {1, &profile_b}};

  const std::optional<SpannedStart> two = earliest_start_across(group, 2, 20);
  REQUIRE(two);
  CHECK(two->start_s == 10);
  CHECK(two->nodes_per_pool == std::vector<std::pair<int, int>>{{0, 2}});
  const std::optional<SpannedStart> three = earliest_start_across(group, 3, 20);
  REQUIRE(three);
  CHECK(three->start_s == 30);
  CHECK(three->nodes_per_pool == std::vector<std::pair<int, int>>{{0, 2}, {1, 1}});
  // Only a start before the bound is sought; 5 nodes never come free.
  CHECK_FALSE(earliest_start_across(group, 3, 20, 30));
  CHECK_FALSE(earliest_start_across(group, 5, 20));

  // A job spanning both pools (node 1 of a, node 3 of b, ending at 50) is filed in each, with
  // its node there: each pool's release order frees its own node at 50.
  pool.allow_spanning();
  const std::optional<Allocation> spanning = pool.allocate(16);
  REQUIRE(spanning);
  REQUIRE(spanning->spanned_pools == 3);
  running.add(3, 50, *spanning);
  CHECK(running.by_expected_end(0).size() == 2);
  CHECK(running.by_expected_end(1).size() == 2);
  CHECK(running.node_release_order(0).release_of(1) == EndKey{50, 3});
  CHECK_FALSE(running.node_release_order(0).release_of(3));
  CHECK(running.node_release_order(1).release_of(3) == EndKey{50, 3});
  CHECK(running.node_release_order(1).busy_nodes() == 2);
  running.remove(3);
  CHECK(running.by_expected_end(1).size() == 1);
  CHECK(running.node_release_order(1).busy_nodes() == 1);
}
