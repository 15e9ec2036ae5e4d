// Jobs across pools of one chip (scheduler.span_pools) and the choice among pools of several
// chips (scheduler.pool_choice): docs/models.md, section (f), "Spanning pools" and "Choosing a
// pool"; docs/config.md, "Node pools". Every figure is worked by hand in the comments;
// simulations run in a child process.
#include <algorithm>
#include <catch2/catch.hpp>

#include "sim/app/isolated_run.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/scheduler/resource_pool.hpp"
#include "tests/minimal_scenario_json.hpp"
#include "tests/scenario_fixtures.hpp"
#include "tests/tenant_fixtures.hpp"
#include "topologies/fat_tree_layout.hpp"
#include "workloads/chip_family_efficiency.hpp"

using namespace ppusim;
using namespace ppusim::test;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

constexpr PoolMask kPoolA = 1;
constexpr PoolMask kPoolB = 2;

PlacementRequest only(PoolMask pools) {
  PlacementRequest request;
  request.pools = pools;
  return request;
}

/// Two pools of one chip ("h800", tiny_scenario's 2e15 FLOP/s at u = 0.5) and one server, 2
/// nodes of 8 PPUs each: pool a is nodes 0-1, pool b nodes 2-3; 2 nodes per leaf group, so each
/// pool is one leaf group and a ring over both crosses the leaf uplinks between them. Each leaf
/// uplink carries (2 · 8 · 50 GB/s) / 8 = 100 GB/s (one 100 GB/s link at 8:1).
Scenario two_h800_pools(SchedulingPolicy policy, bool span) {
  Scenario s = tiny_scenario(4, 8, 2);
  s.topology.link_bandwidth_bytes_per_s = 100e9;
  s.topology.leaf_oversubscription = 8;
  s.scheduler.policy = policy;
  s.scheduler.span_pools = span;
  s.pools = {chip_pool(s, "a", "h800", 2e15, 2, 0), chip_pool(s, "b", "h800", 2e15, 2, 2)};
  s.ppu = s.pools[0].ppu;
  return s;
}

double end_of(const IsolatedRunOutput& run, std::size_t job) { return run.jobs[job]["end_s"].get<double>(); }
double start_of(const IsolatedRunOutput& run, std::size_t job) {
  return run.jobs[job]["start_s"].get<double>();
}

}  // namespace

TEST_CASE("a job spans pools of one chip and server only when no single pool places it now",
          "[pools][spanning]") {
  const Scenario s = two_h800_pools(SchedulingPolicy::Fifo, true);
  const FatTreeLayout layout = make_fat_tree_layout(s);
  ResourcePool pool(layout, s.pools, PlacementPolicy::Pack);
  // Spanning not allowed: 24 PPUs = 3 nodes, no pool has more than 2.
  CHECK_FALSE(pool.allocate(24));
  pool.allow_spanning();
  CHECK(pool.span_group(0) == (kPoolA | kPoolB));
  // Both pools have 2 free nodes: pool a (first listed, most free) gives 2, pool b 1.
  std::optional<Allocation> wide = pool.allocate(24);
  REQUIRE(wide);
  CHECK(wide->spanned_pools == (kPoolA | kPoolB));
  CHECK(wide->pool == 0);
  CHECK(wide->held_ppus() == 24);
  CHECK(wide->whole_nodes);
  REQUIRE(wide->nodes.size() == 3);
  CHECK(wide->nodes[0] == 0);
  CHECK(wide->nodes[1] == 1);
  CHECK(wide->nodes[2] >= 2);  // one of pool b's
  CHECK(pool.free_node_count() == 1);
  pool.release(*wide);
  CHECK(pool.free_node_count() == 4);
  CHECK(pool.pool(0).free_node_count() == 2);
  CHECK(pool.pool(1).free_node_count() == 2);

  // A 16-PPU job fits pool a whole: it does not span.
  std::optional<Allocation> one = pool.allocate(16);
  REQUIRE(one);
  CHECK(one->spanned_pools == 0);
  CHECK(one->pool == 0);
  pool.release(*one);
  // One node of each pool busy: no pool holds 16 PPUs now, together they do.
  const std::optional<Allocation> busy_a = pool.allocate(8, {}, 1000, -1, only(kPoolA));
  const std::optional<Allocation> busy_b = pool.allocate(8, {}, 1000, -1, only(kPoolB));
  REQUIRE((busy_a && busy_b));
  CHECK(pool.span_fits_now(kAnyPool, 16));
  CHECK_FALSE(pool.span_fits_now(kPoolA, 16));  // a job of pool a alone cannot span
  std::optional<Allocation> split = pool.allocate(16);
  REQUIRE(split);
  CHECK(split->spanned_pools == (kPoolA | kPoolB));
  CHECK_FALSE(pool.span_fits_now(kAnyPool, 16));

  // Another chip on the same server is another span group: no spanning.
  Scenario mixed = s;
  mixed.pools[1] = chip_pool(s, "b", "h20", 1e15, 2, 2);
  ResourcePool chips(layout, mixed.pools, PlacementPolicy::Pack);
  chips.allow_spanning();
  CHECK(chips.span_group(0) == kPoolA);
  CHECK_FALSE(chips.allocate(24));
  // The same chip on a server of other figures (here 4 NICs instead of 8) is the same span
  // group (tests/test_pool_spanning_servers.cpp times such a job), unless spanning stays within
  // one server shape, as with tenants.
  Scenario servers = s;
  servers.pools[1].node.nics_per_node = 4;
  ResourcePool shapes(layout, servers.pools, PlacementPolicy::Pack);
  shapes.allow_spanning();
  CHECK(shapes.allocate(24));
  ResourcePool one_shape(layout, servers.pools, PlacementPolicy::Pack);
  one_shape.allow_spanning(false);
  CHECK_FALSE(one_shape.allocate(24));
}

TEST_CASE("a 24-PPU job runs across two pools of 16 and pays its ring on the link between them",
          "[pools][spanning][engine]") {
  // d = 24 PPUs on 3 nodes of 8 (k = 8): N = 1e9 parameters of 2 bytes, so each PPU moves
  // v = 2 · 23/24 · 2e9 = 3.8333e9 B per step. D = 2.4e12 tokens, B = 2.4e10: 100 steps.
  // Compute: 6 · N · D / (24 · 2e15 · 0.5) = 1.44e22 / 2.4e16 = 6e5 s.
  // Nodes 0, 1 (pool a, leaf 0) and one node of pool b (leaf 1): the ring's edges 1 → b and
  // b → 0 cross the two leaf uplinks, one each way. Per step each carries k · v = 3.0667e10 B
  // at 100 GB/s: 0.30667 s, more than the NICs' 3.0667e10 / 4e11 = 0.076667 s. One segment:
  // 6e5 + 100 · 0.30667 = 600030.667 s.
  const JobTrace trace = trace_of({model_job("wide", 0, 24, 1e9, 2.4e12, 2.4e10)});
  const double expected = 6e5 + 100 * 8 * (2.0 * 23 / 24 * 2e9) / 100e9;
  for (const SchedulingPolicy policy : {SchedulingPolicy::Fifo, SchedulingPolicy::FirstFit}) {
    INFO("policy " << static_cast<int>(policy));
    const auto run = simulate_in_child_process(two_h800_pools(policy, true), trace);
    CHECK(start_of(run, 0) == 0);
    CHECK(run.jobs[0]["leaves_spanned"] == 2);
    CHECK(run.jobs[0]["held_ppus"] == 24);
    CHECK(run.jobs[0]["pool"] == "a+b");
    CHECK(end_of(run, 0) == Approx(expected).epsilon(1e-9));
    // Its PPU-time counts in each pool by its nodes there: 16 of pool a's 16 PPUs, 8 of pool
    // b's 16, over the whole window [0, end].
    CHECK(run.report["pools"][0]["allocated_utilization"].get<double>() == Approx(1.0).epsilon(1e-12));
    CHECK(run.report["pools"][1]["allocated_utilization"].get<double>() == Approx(0.5).epsilon(1e-12));
  }
  // On a non-blocking fabric (1:1, 400 GB/s links: each leaf uplink carries its 2 nodes' NICs)
  // nothing can slow the ring's flows (docs/engine.md, "Ring flows on an uncontended fabric"):
  // they are timed by arithmetic at the NIC, 3.0667e10 / 4e11 = 0.076667 s per step, no more
  // than the private ring time, and the job needs no SimGrid actor: 6e5 + 100 · 0.076667.
  Scenario open_fabric = two_h800_pools(SchedulingPolicy::Fifo, true);
  open_fabric.topology.link_bandwidth_bytes_per_s = 400e9;
  open_fabric.topology.leaf_oversubscription = 1;
  const auto folded = simulate_in_child_process(open_fabric, trace);
  CHECK(folded.jobs[0]["leaves_spanned"] == 2);
  CHECK(folded.report["engine"]["network_jobs"] == 0);
  CHECK(end_of(folded, 0) == Approx(6e5 + 100 * 8 * (2.0 * 23 / 24 * 2e9) / 400e9).epsilon(1e-12));
  // Without span_pools the job is larger than each pool and is rejected at arrival.
  const auto refused = simulate_in_child_process(two_h800_pools(SchedulingPolicy::Fifo, false), trace);
  CHECK(refused.report["jobs"]["rejected"] == 1);
  CHECK(refused.jobs[0]["reject_reason"] == "needs 24 PPUs, pool a has 16");
}

TEST_CASE("with spanning allowed a job that fits one pool stays in it, and waits for it under FIFO",
          "[pools][spanning][engine]") {
  // Flops jobs at 1e15 FLOP/s per PPU (2e15 · 0.5).
  //   job 0 at 0: 8 PPUs, 8e18 FLOP: 1,000 s on node 0 (pool a), ends at 1000.
  //   job 1 at 1: 16 PPUs, 1.6e19: 1,000 s. Pool a has 1 free node, pool b 2: it takes pool
  //     b's two nodes (leaves_spanned 1, pool b), ends at 1001.
  //   job 2 at 2: 16 PPUs, 1.6e19: pool a's 1 free node is all that is free; no single pool
  //     and no span holds it. It starts when job 0 ends, at 1000, on pool a, and ends at 2000.
  const JobTrace trace =
      trace_of({flops_job("j0", 0, 8, 8e18), flops_job("j1", 1, 16, 1.6e19), flops_job("j2", 2, 16, 1.6e19)});
  const auto run = simulate_in_child_process(two_h800_pools(SchedulingPolicy::Fifo, true), trace);
  CHECK(start_of(run, 1) == 1);
  CHECK(end_of(run, 1) == Approx(1001).epsilon(1e-12));
  CHECK(run.jobs[1]["leaves_spanned"] == 1);
  CHECK(run.jobs[1]["pool"] == "b");
  CHECK(start_of(run, 2) == Approx(1000).epsilon(1e-12));
  CHECK(end_of(run, 2) == Approx(2000).epsilon(1e-12));
  CHECK(run.jobs[2]["leaves_spanned"] == 1);
  CHECK(run.report["pools"][0]["jobs"] == 2);
  CHECK(run.report["pools"][1]["jobs"] == 1);
}

TEST_CASE("EASY and conservative reserve a spanning head across both pools and backfill around it",
          "[pools][spanning][engine][backfill]") {
  // Flops jobs at 1e15 FLOP/s per PPU; pool a is nodes 0-1, pool b nodes 2-3, 8 PPUs a node.
  // At 0, four one-node jobs: j0 1000 s (node 0, pool a), jx 10 s (node 1, pool a), j1 2000 s
  // (node 2, pool b), j2 5000 s (node 3, pool b). jx ends at 10: node 1 is free.
  // At 20, in this order: the head, 24 PPUs = 3 nodes for 1000 s, larger than either pool
  // (it may only span); long, 8 PPUs for 3000 s; short, 8 PPUs for 1000 s.
  //   The head's reservation over a + b: 1 node free, 2 missing. Busy nodes come free at 1000
  //   (node 0, pool a), 2000 (node 2, pool b), 5000 (node 3): the 2nd is at 2000, the shadow
  //   time, counting on nodes of both pools. Spare nodes then: 1 + 2 - 3 = 0.
  //   EASY: long would end at 3020 > 2000 and may take no free node (no spare): it waits.
  //     short ends at 1020 <= 2000: it is backfilled on node 1 at 20.
  //   Conservative: the head is reserved at the earliest s where the nodes each pool holds free
  //     throughout [s, s + 1000) add up to 3: at 20 a 1 + b 0; at 1000 a 2 (node 1 back at
  //     1020... counted free in the profile from 1000 on, node 0 from 1000) + b 0; at 2000 a 2 +
  //     b 1 = 3. So 2 nodes of a and 1 of b over [2000, 3000). long (one node) on node 1 would
  //     hold it past 2000, where pool a has no node spare: it is reserved at 3000 instead. short
  //     holds node 1 until 1020, when pool a's profile has that node to spare: it starts at 20.
  // Both: at 2000 j1 ends and the head starts on nodes 0, 1 (a) and 2 (b), ending at 3000; long
  // starts then, on pool a, and ends at 6000. Without a reservation across the pools, EASY
  // backfills nothing behind a head that no pool holds (short waits until 3000), and
  // conservative starts long at 20 on node 1, delaying the head to 3020.
  const JobTrace trace =
      trace_of({flops_job("j0", 0, 8, 8e18), flops_job("jx", 0, 8, 8e16), flops_job("j1", 0, 8, 1.6e19),
                flops_job("j2", 0, 8, 4e19), flops_job("head", 20, 24, 2.4e19),
                flops_job("long", 20, 8, 2.4e19), flops_job("short", 20, 8, 8e18)});
  for (const SchedulingPolicy policy :
       {SchedulingPolicy::EasyBackfill, SchedulingPolicy::ConservativeBackfill}) {
    INFO("policy " << static_cast<int>(policy));
    const auto run = simulate_in_child_process(two_h800_pools(policy, true), trace);
    CHECK(run.jobs[1]["pool"] == "a");
    CHECK(run.jobs[2]["pool"] == "b");
    CHECK(run.jobs[3]["pool"] == "b");
    CHECK(start_of(run, 6) == 20);
    CHECK(end_of(run, 6) == Approx(1020).epsilon(1e-12));
    CHECK(run.jobs[6]["pool"] == "a");
    CHECK(start_of(run, 4) == Approx(2000).epsilon(1e-12));
    CHECK(end_of(run, 4) == Approx(3000).epsilon(1e-12));
    CHECK(run.jobs[4]["pool"] == "a+b");
    CHECK(run.jobs[4]["held_ppus"] == 24);
    CHECK(start_of(run, 5) == Approx(3000).epsilon(1e-12));
    CHECK(end_of(run, 5) == Approx(6000).epsilon(1e-12));
    CHECK(run.jobs[5]["pool"] == "a");
  }
}

TEST_CASE("an any-chip job goes to the pool where it would finish first with pool_choice fastest",
          "[pools][policies]") {
  // Pool "slow" (1e15 FLOP/s per PPU) listed before pool "fast" (4e15), one node of 8 each;
  // the generic family's MFU u for both. One job of any chip, 8 PPUs, 8e18 FLOP:
  //   on slow 8e18 / (8 · 1e15 · u) = T = 1000 / u s; on fast T / 4.
  // first-listed: slow is free, it runs there and ends at T. fastest: its estimate is T/4 on
  // fast, T on slow; both are free, so it runs on fast and ends at T / 4.
  const double t = 1000 / chip_family_efficiency("").unshaped_mfu;
  Scenario s = tiny_scenario(2, 8, 2);
  s.workload.model_flops_utilization_given = false;
  s.scheduler.policy = SchedulingPolicy::Fifo;
  s.pools = {chip_pool(s, "slow", "slow-ppu", 1e15, 1, 0), chip_pool(s, "fast", "fast-ppu", 4e15, 1, 1)};
  s.ppu = s.pools[0].ppu;
  const JobTrace trace = trace_of({flops_job("any", 0, 8, 8e18)});
  const auto listed = simulate_in_child_process(s, trace);
  CHECK(end_of(listed, 0) == Approx(t).epsilon(1e-9));
  CHECK(listed.report["pools"][0]["jobs"] == 1);
  CHECK(listed.jobs[0]["pool"] == "slow");
  s.scheduler.pool_choice = PoolPreference::Fastest;
  const auto fastest = simulate_in_child_process(s, trace);
  CHECK(end_of(fastest, 0) == Approx(t / 4).epsilon(1e-9));
  CHECK(fastest.report["pools"][1]["jobs"] == 1);
  CHECK(fastest.jobs[0]["pool"] == "fast");
  // The fast pool busy (a fast-only job of 8e18 first, T/4), the any-chip job submitted at 1
  // does not wait for it: it starts on slow at once and ends at 1 + T.
  const auto busy = simulate_in_child_process(
      s,
      trace_of({[] {
                  JobSpec job = flops_job("fast-only", 0, 8, 8e18);
                  job.request = std::make_shared<const ResourceRequest>(ResourceRequest{{"fast-ppu"}, 0, 0});
                  return job;
                }(),
                flops_job("any", 1, 8, 8e18)}));
  CHECK(start_of(busy, 1) == 1);
  CHECK(busy.jobs[1]["pool"] == "slow");
  CHECK(end_of(busy, 1) == Approx(1 + t).epsilon(1e-9));
}

TEST_CASE("with pool_choice least-allocated a job tries the pool with the least share held first",
          "[pools][policies]") {
  // Pool a: 3 nodes of 8 PPUs (24), pool b: 1 node (8). Jobs of 2 PPUs, none ending. The held
  // shares before each job, a | b, and where it goes (ties to the listed order, a):
  //   1: 0/24 | 0/8 tie -> a;  2: 2/24 | 0/8 -> b;  3: 2/24 | 2/8 -> a;  4: 4/24 | 2/8 -> a;
  //   5: 6/24 | 2/8 tie -> a;  6: 8/24 | 2/8 -> b.
  Scenario s = tiny_scenario(4, 8, 2);
  s.pools = {chip_pool(s, "a", "h800", 2e15, 3, 0), chip_pool(s, "b", "h800", 2e15, 1, 3)};
  const FatTreeLayout layout = make_fat_tree_layout(s);
  ResourcePool least(layout, s.pools, PlacementPolicy::Pack);
  least.prefer_least_allocated();
  ResourcePool listed(layout, s.pools, PlacementPolicy::Pack);
  const std::vector<int> expected = {0, 1, 0, 0, 0, 1};
  for (std::size_t job = 0; job < expected.size(); ++job) {
    INFO("job " << job + 1);
    const std::optional<Allocation> there = least.allocate(2);
    REQUIRE(there);
    CHECK(there->pool == expected[job]);
    const std::optional<Allocation> first = listed.allocate(2);
    REQUIRE(first);
    CHECK(first->pool == 0);  // first-listed: a has room for all six
  }
  // A job that names its own order (pool_choice "fastest") keeps it.
  const std::vector<std::uint8_t> b_first = {1, 0};
  PlacementRequest ordered;
  ordered.order = b_first;
  const std::optional<Allocation> named = least.allocate(2, {}, 1000, -1, ordered);
  REQUIRE(named);
  CHECK(named->pool == 1);
}

TEST_CASE("with pool_choice least-fragmenting a job goes to the pool where FGD's measure grows the least",
          "[pools][policies][fgd]") {
  // Pool "four": 1 node of 4 PPUs (listed first); pool "two": 1 node of 2 PPUs. Workload: half
  // the jobs ask 1 PPU, half 4 PPUs (on "two" a 4-PPU job takes whole nodes, so a node not
  // wholly free is fragment to it). With f PPUs free on the node:
  //   four: F(f) = 0.5 · (f < 4 ? f : 0)            -> a 1-PPU job there grows F(3) − F(4) = 1.5
  //   two:  F(f) = 0.5 · (f < 2 ? f : 0)            -> F(1) − F(2) = 0.5, then F(0) − F(1) = −0.5
  // So the 1-PPU jobs go to "two", "two", then (full) "four"; first-listed puts all on "four".
  Scenario s = tiny_scenario(2, 4, 2);
  PoolSpec four = chip_pool(s, "four", "h800", 2e15, 1, 0);
  PoolSpec two = chip_pool(s, "two", "h800", 2e15, 1, 1);
  two.node.ppus_per_node = 2;
  s.pools = {four, two};
  const RequestMix mix = RequestMix::of({{1, 1000, {}}, {4, 1000, {}}});
  const FatTreeLayout layout = make_fat_tree_layout(s);
  ResourcePool least(layout, s.pools, PlacementPolicy::Fgd, {0, mix});
  least.prefer_least_fragmenting();
  ResourcePool listed(layout, s.pools, PlacementPolicy::Fgd, {0, mix});
  const std::vector<int> expected = {1, 1, 0};
  for (std::size_t job = 0; job < expected.size(); ++job) {
    INFO("job " << job + 1);
    const std::optional<Allocation> there = least.allocate(1);
    REQUIRE(there);
    CHECK(there->pool == expected[job]);
    const std::optional<Allocation> first = listed.allocate(1);
    REQUIRE(first);
    CHECK(first->pool == 0);
  }
  // Now "four" has 3 free: a 1-PPU job would grow F(2) − F(3) = 1 − 1.5 = −0.5; "two" is full.
  CHECK(least.pool(0).fgd_least_growth(1) == Approx(-0.5));
  CHECK_FALSE(least.pool(1).fgd_least_growth(1).has_value());
}

namespace {

/// two_h800_pools with spanning and tenants: "owner" guaranteed 24 PPUs of any type and
/// "borrower" with none, both bursting to `burst` PPUs.
Scenario spanning_tenants(SchedulingPolicy policy, std::int64_t burst) {
  Scenario s = two_h800_pools(policy, true);
  TenantSpec owner;
  owner.name = "owner";
  owner.guaranteed_ppus = 24;
  owner.burst_ppus = burst;
  TenantSpec borrower;
  borrower.name = "borrower";
  borrower.burst_ppus = burst;
  s.tenants.tenants = {owner, borrower};
  s.tenants.ppu_types = {"h800"};
  s.tenants.pool_types = {0, 0};
  return s;
}

}  // namespace

TEST_CASE("a tenant's job spanning two pools counts its whole size against the quota",
          "[pools][spanning][tenants]") {
  // The owner is guaranteed 24 and may burst to 24. Flops jobs at 1e15 FLOP/s per PPU:
  //   job 0 at 0: 24 PPUs (3 nodes), 2.4e19 FLOP: 1,000 s. Within the guarantee (0 + 24 <= 24);
  //     no pool has 3 nodes, so it spans: both pools have 2 free nodes, so pool a (listed
  //     first) gives its 2 and pool b 1 (a+b). It holds 24 PPUs of the owner's one account.
  //   job 1 at 1: 8 PPUs, 8e18 FLOP: 1,000 s. A node of pool b is free, but 24 + 8 > 24 in
  //     both rounds (guarantee and burst), so it is not offered: it starts when job 0 ends, at
  //     1,000, and ends at 2,000. Counting only job 0's 16 PPUs in its first pool a would have
  //     started it at 1 (16 + 8 <= 24).
  // The owner's quota use over [0, 10): 24 PPUs.
  const SchedulingPolicy policy = GENERATE(
      SchedulingPolicy::Fifo, SchedulingPolicy::FirstFit, SchedulingPolicy::ShortestJobFirst,
      SchedulingPolicy::Priority, SchedulingPolicy::EasyBackfill, SchedulingPolicy::ConservativeBackfill);
  const auto run = simulate_in_child_process(
      spanning_tenants(policy, 24), trace_of({of_tenant(flops_job("wide", 0, 24, 2.4e19), 0, "owner"),
                                              of_tenant(flops_job("small", 1, 8, 8e18), 0, "owner")}));
  CHECK(start_of(run, 0) == 0);
  CHECK(run.jobs[0]["pool"] == "a+b");
  CHECK(end_of(run, 0) == Approx(1000).epsilon(1e-12));
  CHECK(start_of(run, 1) == Approx(1000).epsilon(1e-12));
  CHECK(end_of(run, 1) == Approx(2000).epsilon(1e-12));
  CHECK(tenant_row(run, "owner")["mean_allocated_ppus_by_bin"][0] == 24.0);
}

TEST_CASE("a spanning job within its guarantee preempts borrowers in two pools",
          "[pools][spanning][tenants]") {
  // Both tenants may burst to the cluster's 32. At 0 the borrower's jobs 0-3 (8 PPUs, 8e18
  // FLOP: 1,000 s each) borrow: jobs 0 and 1 take pool a's nodes, jobs 2 and 3 pool b's.
  // At 100 the owner's o (job 4: 24 PPUs = 3 nodes, 2.4e19 FLOP: 1,000 s) is within its
  // guarantee (0 + 24 <= 24) and nothing is free. In pool a alone even both borrowers free 2
  // nodes < 3, and the same in pool b; across the span group {a, b} the candidates are jobs
  // 0-3, all with 100 s of lost work and started at 0, so the highest index goes first: jobs 3,
  // 2 (pool b) and 1 (pool a) free 3 nodes, and the borrower still borrows after each (32, 24,
  // 16 > 0 before). They are preempted at 100, and o starts at 100 over pool b's 2 nodes and
  // pool a's 1 (a+b), ending at 1,100. Job 0 runs on to 1,000. Lost: 3 · 8 PPUs · 100 s.
  // The victims restart as borrowers when nodes free: one at 1,000 (job 0's node), two at
  // 1,100 (o's), each running its whole 1,000 s again.
  const SchedulingPolicy policy = GENERATE(
      SchedulingPolicy::Fifo, SchedulingPolicy::FirstFit, SchedulingPolicy::ShortestJobFirst,
      SchedulingPolicy::Priority, SchedulingPolicy::EasyBackfill, SchedulingPolicy::ConservativeBackfill);
  std::vector<JobSpec> jobs;
  for (int i = 0; i < 4; ++i)
    jobs.push_back(of_tenant(flops_job("b" + std::to_string(i), 0, 8, 8e18), 1, "borrower"));
  jobs.push_back(of_tenant(flops_job("o", 100, 24, 2.4e19), 0, "owner"));
  const auto run = simulate_in_child_process(spanning_tenants(policy, 32), trace_of(jobs));
  CHECK(start_of(run, 4) == Approx(100).epsilon(1e-12));
  CHECK(end_of(run, 4) == Approx(1100).epsilon(1e-12));
  CHECK(run.jobs[4]["pool"] == "a+b");
  CHECK(end_of(run, 0) == Approx(1000).epsilon(1e-12));
  std::vector<double> victims_ends = {end_of(run, 1), end_of(run, 2), end_of(run, 3)};
  std::sort(victims_ends.begin(), victims_ends.end());
  CHECK(victims_ends[0] == Approx(2000).epsilon(1e-12));
  CHECK(victims_ends[1] == Approx(2100).epsilon(1e-12));
  CHECK(victims_ends[2] == Approx(2100).epsilon(1e-12));
  const json& borrower = tenant_row(run, "borrower");
  CHECK(borrower["preemptions"] == 3);
  CHECK(borrower["preempted_lost_ppu_hours"].get<double>() == Approx(3 * 8 * 100.0 / 3600).epsilon(1e-9));
}

TEST_CASE("span_pools and pool_choice are read with every policy, and with tenants", "[pools][config]") {
  json doc = minimal_scenario_for_pools();
  const json node = minimal_pool_node();
  doc["cluster"] = {{"pools", json::array({{{"name", "a"}, {"node", node}, {"nodes", 8}},
                                           {{"name", "b"}, {"node", node}, {"nodes", 8}}})}};
  doc["scheduler"] = {{"policy", "fifo"}, {"span_pools", true}, {"pool_choice", "fastest"}};
  const Scenario ok = parse_scenario(doc, "x.json");
  CHECK(ok.scheduler.span_pools);
  CHECK(ok.scheduler.pool_choice == PoolPreference::Fastest);
  for (const char* policy : {"first-fit", "sjf", "priority", "easy-backfill", "conservative-backfill"}) {
    json other = doc;
    other["scheduler"]["policy"] = policy;
    CHECK(parse_scenario(other, "x.json").scheduler.span_pools);
  }
  json defaulted = doc;
  defaulted["scheduler"].erase("policy");  // the default, easy-backfill
  CHECK(parse_scenario(defaulted, "x.json").scheduler.span_pools);
  json bad = doc;
  // Tenants span pools under every policy.
  json tenants = doc;
  tenants["tenants"] = json::parse(R"([{"name": "t", "guaranteed_ppus": 8}])");
  for (const char* policy :
       {"fifo", "first-fit", "sjf", "priority", "easy-backfill", "conservative-backfill"}) {
    tenants["scheduler"]["policy"] = policy;
    const Scenario with_tenants = parse_scenario(tenants, "x.json");
    CHECK(with_tenants.scheduler.span_pools);
    CHECK(with_tenants.tenants.count() == 1);
  }
  bad = doc;
  json least = doc;
  least["scheduler"]["pool_choice"] = "least-allocated";
  CHECK(parse_scenario(least, "x.json").scheduler.pool_choice == PoolPreference::LeastAllocated);
  bad["scheduler"]["pool_choice"] = "quickest";
  CHECK_THROWS_WITH(parse_scenario(bad, "x.json"), Contains("/scheduler/pool_choice"));
  // least-fragmenting compares pools by FGD's measure: only with FGD placement.
  json fragmenting = doc;
  fragmenting["scheduler"]["pool_choice"] = "least-fragmenting";
  fragmenting["scheduler"]["placement"] = "fgd";
  CHECK(parse_scenario(fragmenting, "x.json").scheduler.pool_choice == PoolPreference::LeastFragmenting);
  fragmenting["scheduler"]["placement"] = "pack";
  CHECK_THROWS_WITH(parse_scenario(fragmenting, "x.json"),
                    Contains("/scheduler/pool_choice") && Contains("placement \"pack\""));
  bad = doc;
  bad["scheduler"]["span_pools"] = "yes";
  CHECK_THROWS_WITH(parse_scenario(bad, "x.json"), Contains("/scheduler/span_pools"));
}
