// EASY's availability profile, kept up to date as jobs start and end (node_release_order.hpp):
// the order in which the running jobs' expected ends leave nodes wholly free, and the head
// job's reservation read from it.
#include <catch2/catch.hpp>

#include "sim/scheduler/easy_backfill_policy.hpp"
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
