// The scheduling policies first-fit, SJF and conservative backfilling, and the random and FGD
// placements (issue #14), on hand-made examples whose outcomes are derived in the comments.
#include <catch2/catch.hpp>
#include <iterator>
#include <limits>
#include <optional>
#include <stdexcept>
#include <tuple>

#include "sim/app/isolated_run.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/scheduler/first_fit_policy.hpp"
#include "sim/scheduler/fragmentation_gradient.hpp"
#include "sim/scheduler/queue_by_request.hpp"
#include "sim/scheduler/resource_pool.hpp"
#include "sim/scheduler/sjf_policy.hpp"
#include "tests/minimal_scenario_json.hpp"
#include "tests/scenario_fixtures.hpp"
#include "topologies/fat_tree_layout.hpp"

using namespace ppusim;
using namespace ppusim::test;

namespace {

std::vector<double> starts(const IsolatedRunOutput& run) {
  std::vector<double> result;
  for (const auto& job : run.jobs) result.push_back(job["start_s"].get<double>());
  return result;
}

/// Keeps one node out of an allocation.
struct OneNode : NodeSet {
  explicit OneNode(int node) : node(node) {}
  bool contains(int candidate) const override { return candidate == node; }
  int node;
};

Scenario with_policy(Scenario scenario, SchedulingPolicy policy) {
  scenario.scheduler.policy = policy;
  return scenario;
}

/// A tenant round's offer as the engine gives first-fit and SJF: a copy of given jobs in
/// queue order (the streams are the priority policy's shape, not read here).
class CopiedOffer : public RoundOffer {
 public:
  explicit CopiedOffer(const JobQueue& queue) : queue_(queue) {}
  OfferStreams& by_tenant() override { throw std::logic_error("first-fit and sjf read the copy"); }
  JobQueue in_queue_order() override { return queue_; }

 private:
  const JobQueue& queue_;
};

struct RoundOutcome {
  std::vector<int> started;  // ids, in the order they started
  std::vector<std::vector<int>> nodes;
  int first_left = -1;
};

/// The five-job queue of the test below, in queue order, on 2 nodes of 4 PPUs with 3 PPUs of
/// node 0 held: started once through the queue index (no tenants) and once as a tenant round.
std::pair<RoundOutcome, RoundOutcome> indexed_and_round(Scheduler& indexed, Scheduler& round) {
  struct Asked {
    int id, ppus;
    double estimate;
    bool at_head;
  };
  const std::vector<Asked> asked = {
      {0, 4, 20, false}, {1, 2, 10, false}, {2, 8, 5, false}, {3, 1, 10, false}, {4, 2, 10, true}};
  const Scenario scenario = tiny_scenario(2, 4, 2);
  ResourcePool indexed_pool(make_fat_tree_layout(scenario), 4, PlacementPolicy::Pack);
  ResourcePool round_pool(make_fat_tree_layout(scenario), 4, PlacementPolicy::Pack);
  REQUIRE(indexed_pool.allocate(3));
  REQUIRE(round_pool.allocate(3));
  JobQueue queue;
  for (const Asked& a : asked) {
    PendingJob job;
    job.id = a.id;
    job.ppus = a.ppus;
    job.estimated_runtime_s = a.estimate;
    job.tenant = 0;
    if (a.at_head) {
      queue.push_front(job);
    } else {
      queue.push_back(job);
    }
    indexed.queued(a.at_head ? queue.begin() : std::prev(queue.end()), a.at_head, indexed_pool);
  }
  auto outcome_of = [](const std::vector<StartDecision>& decisions) {
    RoundOutcome outcome;
    for (const StartDecision& d : decisions) {
      outcome.started.push_back(d.id);
      outcome.nodes.push_back(d.allocation.nodes);
    }
    return outcome;
  };
  CopiedOffer offer(queue);  // copied before the indexed pass takes jobs out of `queue`
  RunningJobs running_round;
  std::optional<PendingJob> left;
  RoundOutcome by_round = outcome_of(round.schedule_round(0, offer, round_pool, running_round, &left));
  if (left) by_round.first_left = left->id;
  RunningJobs running_indexed;
  const RoundOutcome by_index = outcome_of(indexed.schedule(0, queue, indexed_pool, running_indexed));
  return {by_index, by_round};
}

}  // namespace

TEST_CASE("a tenant round under first-fit or SJF starts what the queue index starts",
          "[scheduler][policies][tenants]") {
  // 2 nodes of 4 PPUs; node 0 holds 3 (free: 1 on node 0, 4 on node 1). Queued, all of one
  // tenant: q0 (4 PPUs, estimate 20), q1 (2, 10), q2 (8, 5), q3 (1, 10), then q4 (2, 10)
  // queued at the head (a restart): queue order q4 q0 q1 q2 q3.
  // SJF: q2, then the ties at 10 in queue order q4, q1, q3 (as the sequence numbers order them
  // without tenants), then q0. q2 needs 2 whole nodes (1 free): passed over, the first left.
  // q4 packs onto node 1 (node 0 has 1 free), q1 fills node 1, q3 takes node 0's last PPU; q0
  // finds no node with 4 free.
  ShortestJobFirstPolicy sjf_indexed;
  ShortestJobFirstPolicy sjf_round;
  const auto [sjf_by_index, sjf_by_round] = indexed_and_round(sjf_indexed, sjf_round);
  CHECK(sjf_by_round.started == std::vector<int>{4, 1, 3});
  CHECK(sjf_by_round.nodes == std::vector<std::vector<int>>{{1}, {1}, {0}});
  CHECK(sjf_by_round.first_left == 2);
  CHECK(sjf_by_index.started == sjf_by_round.started);
  CHECK(sjf_by_index.nodes == sjf_by_round.nodes);
  // First-fit, in queue order: q4 to node 1; q0 (4 free nowhere) passed over, the first left;
  // q1 fills node 1; q2 passed over; q3 takes node 0's last PPU.
  FirstFitPolicy first_fit_indexed;
  FirstFitPolicy first_fit_round;
  const auto [ff_by_index, ff_by_round] = indexed_and_round(first_fit_indexed, first_fit_round);
  CHECK(ff_by_round.started == std::vector<int>{4, 1, 3});
  CHECK(ff_by_round.first_left == 0);
  CHECK(ff_by_index.started == ff_by_round.started);
  CHECK(ff_by_index.nodes == ff_by_round.nodes);
}

// 4 nodes of 1 PPU delivering 1e15 FLOP/s each (tiny_scenario): a job of P PPUs and T seconds
// has P·T·1e15 FLOPs.

TEST_CASE("first-fit skips a large head job and starts the small ones behind it", "[scheduler][policies]") {
  // j1 (2 PPUs) runs 0–10. j2 (4 PPUs, t=1) does not fit: first-fit passes over it. j3 (1 PPU,
  // 12 s) starts at 2, j4 (1 PPU, 7 s) at 3: the cluster is full. j5 (t=4) waits until 10,
  // when j1 and j4 end (3 free): j2 still does not fit, j5 starts 10–15. j3 ends at 14 and j5
  // at 15: only then are the 4 PPUs free, and j2 runs from 15.
  // FIFO on the same trace (test_scheduling.cpp): 0, 10, 15, 15, 15.
  const JobTrace trace = trace_of({flops_job("j1", 0, 2, 2 * 10e15), flops_job("j2", 1, 4, 4 * 5e15),
                                   flops_job("j3", 2, 1, 1 * 12e15), flops_job("j4", 3, 1, 1 * 7e15),
                                   flops_job("j5", 4, 1, 1 * 5e15)});
  const auto run =
      simulate_in_child_process(with_policy(tiny_scenario(4, 1, 4), SchedulingPolicy::FirstFit), trace);
  CHECK(starts(run) == std::vector<double>{0, 15, 2, 3, 10});
  CHECK(run.report["scenario"]["scheduler"] == "first-fit");
}

TEST_CASE("SJF starts the shortest jobs first and skips one that does not fit", "[scheduler][policies]") {
  // X takes all 4 PPUs 0–10. Queued meanwhile: a (1 PPU, 40 s), b (3 PPUs, 30 s),
  // c (2 PPUs, 20 s), d (1 PPU, 10 s). At 10 SJF takes them as d, c, b, a: d starts (3 free
  // left), c starts (1 left), b does not fit and is skipped, a fits and starts (0 left). At 20
  // d ends (1 free): b still waits. At 30 c ends (3 free): b runs 30–60.
  // FIFO runs a and b at 10 (0 free), then c blocks d until b ends at 40: c and d start at 40.
  const JobTrace trace = trace_of({flops_job("X", 0, 4, 4 * 10e15), flops_job("a", 1, 1, 1 * 40e15),
                                   flops_job("b", 2, 3, 3 * 30e15), flops_job("c", 3, 2, 2 * 20e15),
                                   flops_job("d", 4, 1, 1 * 10e15)});
  const Scenario scenario = tiny_scenario(4, 1, 4);
  const auto sjf =
      simulate_in_child_process(with_policy(scenario, SchedulingPolicy::ShortestJobFirst), trace);
  CHECK(starts(sjf) == std::vector<double>{0, 10, 30, 10, 10});
  const auto fifo = simulate_in_child_process(with_policy(scenario, SchedulingPolicy::Fifo), trace);
  CHECK(starts(fifo) == std::vector<double>{0, 10, 10, 40, 40});
  // Mean queueing delay, SJF: (0 + 9 + 28 + 7 + 6) / 5 = 10 s; FIFO: (0 + 9 + 8 + 37 + 36) / 5 = 18 s.
  CHECK(sjf.report["jobs"]["queueing_delay_s"]["mean"].get<double>() == Approx(10));
  CHECK(fifo.report["jobs"]["queueing_delay_s"]["mean"].get<double>() == Approx(18));
}

TEST_CASE("conservative backfill lets a job jump ahead only if no reservation moves",
          "[scheduler][policies]") {
  // j0 (1 PPU) runs 0–20, j1 (2 PPUs) 0–10: 1 PPU free. Queued: h (2 PPUs, 10 s, t=1) and
  // s (4 PPUs, 10 s, t=2). Profile of free nodes: 1 until 10, 3 from 10 (j1 ends), 4 from 20.
  // h is reserved [10, 20) (3 ≥ 2 from 10); then s needs 4: free is 1 − 0, 3 − 2 = 1, then
  // 4 from 20: s is reserved [20, 30). b (1 PPU, t=3) fits on the free node now:
  //   case 1, b runs 7 s (to 10): the free node is spare over [3, 10) (1 free, nothing reserved
  //     there), no reservation moves: b backfills at 3. h 10–20, s 20–30.
  //   case 2, b runs 25 s (to 28): over [20, 28) s holds all 4 nodes (0 spare): b would move s's
  //     reservation, so b waits for its own: 1 node for 25 s, first from 30 (after s). h 10–20,
  //     s 20–30, b 30.
  // EASY protects h alone: in case 2 it backfills b at 3 (h's 2 nodes at 10 are j1's), and s,
  // which needs all 4, waits until b ends at 28.
  auto trace = [](double b_runtime_s) {
    return trace_of({flops_job("j0", 0, 1, 1 * 20e15), flops_job("j1", 0, 2, 2 * 10e15),
                     flops_job("h", 1, 2, 2 * 10e15), flops_job("s", 2, 4, 4 * 10e15),
                     flops_job("b", 3, 1, 1 * b_runtime_s * 1e15)});
  };
  const Scenario conservative = with_policy(tiny_scenario(4, 1, 4), SchedulingPolicy::ConservativeBackfill);
  CHECK(starts(simulate_in_child_process(conservative, trace(7))) == std::vector<double>{0, 0, 10, 20, 3});
  CHECK(starts(simulate_in_child_process(conservative, trace(25))) == std::vector<double>{0, 0, 10, 20, 30});
  const Scenario easy = with_policy(tiny_scenario(4, 1, 4), SchedulingPolicy::EasyBackfill);
  CHECK(starts(simulate_in_child_process(easy, trace(25))) == std::vector<double>{0, 0, 10, 28, 3});
}

TEST_CASE("the queue index offers only the classes that fit the pool now", "[scheduler][policies]") {
  // 2 nodes of 4 PPUs; node 0 holds a 3-PPU job: free are 1 whole node and 1 PPU on node 0.
  ResourcePool pool(make_fat_tree_layout(tiny_scenario(2, 4, 2)), 4, PlacementPolicy::Pack);
  REQUIRE(pool.allocate(3));
  std::list<PendingJob> queue;
  for (const auto& [id, ppus, milli] :
       {std::tuple{0, 8, 1000}, {1, 5, 1000}, {2, 4, 1000}, {3, 2, 1000}, {4, 1, 300}, {5, 12, 1000}}) {
    PendingJob& job = queue.emplace_back();
    job.id = id;
    job.ppus = ppus;
    job.ppu_milli = milli;
  }
  QueueByRequest index;
  long long sequence = 0;
  for (auto it = queue.begin(); it != queue.end(); ++it)
    index.add(it, {0, ++sequence}, QueueByRequest::class_of(*it));
  // Whole nodes: 8 PPUs = 2 nodes, 5 = 2 nodes, 12 = 3 nodes: 1 node free, none fits.
  // On one node: 4 and 2 PPUs fit (a whole free node). Fraction 300: fits (a PPU is free).
  std::vector<long long> offered;
  for (const QueueByRequest::Head& head : index.fitting_heads(pool)) offered.push_back(head.key.sequence);
  CHECK(offered == std::vector<long long>{4, 3, 5});  // whole PPUs by size (2, 4), then 300 milli
  // Take the free node: only node 0's 1 free PPU is left, and of the queue only the fraction fits.
  REQUIRE(pool.allocate(4));
  offered.clear();
  for (const QueueByRequest::Head& head : index.fitting_heads(pool)) offered.push_back(head.key.sequence);
  CHECK(offered == std::vector<long long>{5});
}

TEST_CASE("FGD's fragmentation measure follows the paper's definition", "[scheduler][policies][fgd]") {
  // Workload: half the jobs ask 2 PPUs, a quarter 1 PPU, a quarter half a PPU (500 milli).
  const RequestMix mix = RequestMix::of({{2, 1000, {}}, {2, 1000, {}}, {1, 1000, {}}, {1, 500, {}}});
  REQUIRE(mix.requests.size() == 3);
  const FragmentationGradient gradient(mix, 4);
  // A node of 4 PPUs with 2 wholly free and one shared PPU with 500 of 1000 free:
  //   2 PPUs: fits; the shared PPU's 0.5 is partly free (< 1): 0.5 stranded    × 0.5  = 0.25
  //   1 PPU:  fits; 0.5 stranded                                                × 0.25 = 0.125
  //   0.5:    fits; no PPU has 0 < free < 0.5                                   × 0.25 = 0
  CHECK(gradient.fragmentation(2, {500}) == Approx(0.375));
  // 1 PPU wholly free, no shared PPU: the 2-PPU job does not fit: all free (1) stranded × 0.5.
  CHECK(gradient.fragmentation(1, {}) == Approx(0.5));
  // A 300-milli room on a shared PPU, nothing else free: 2 PPUs and 1 PPU do not fit (0.3
  // stranded each); 0.5 does not fit either: 0.3 × (0.5 + 0.25 + 0.25) = 0.3.
  CHECK(gradient.fragmentation(0, {300}) == Approx(0.3));
}

TEST_CASE("FGD places where the expected fragmentation grows the least, on two nodes",
          "[scheduler][policies][fgd]") {
  // Two nodes of 4 PPUs; workload as above: 2 PPUs (share 0.5), 1 PPU (0.25), 500 milli (0.25).
  // With f whole free PPUs and no shared PPU, a node's fragmentation is
  //   F(f) = 0.5 · (f < 2 ? f : 0) + 0.25 · (f < 1 ? f : 0),  so F(4) = F(3) = F(2) = 0, F(1) = 0.5.
  // 1. A 1-PPU job: both nodes free, growth F(3) − F(4) = 0 on either: node 0 (as pack).
  // 2. A 2-PPU job: node 0 (f = 3) grows F(1) − F(3) = 0.5, node 1 (f = 4) F(2) − F(4) = 0:
  //    FGD takes node 1. Pack's best fit takes node 0 (3 free, the fewest that hold it).
  // 3. A 500-milli job opens a shared PPU (room 500 after): the new room strands nothing for
  //    the 0.5 request (500 is not < 500) but 0.5 PPU for the whole-PPU requests (share 0.75):
  //    0.375. On node 0 (f 3 → 2): 0.375 + F(2) − F(3) = 0.375; on node 1 (f 2 → 1):
  //    0.375 + F(1) − F(2) = 0.875. FGD opens it on node 0; pack on node 1 (best fit, 2 free).
  const RequestMix mix = RequestMix::of({{2, 1000, {}}, {2, 1000, {}}, {1, 1000, {}}, {1, 500, {}}});
  const FatTreeLayout layout = make_fat_tree_layout(tiny_scenario(2, 4, 2));
  ResourcePool fgd(layout, 4, PlacementPolicy::Fgd, {0, mix});
  ResourcePool pack(layout, 4, PlacementPolicy::Pack);
  CHECK(fgd.allocate(1)->nodes == std::vector<int>{0});
  CHECK(pack.allocate(1)->nodes == std::vector<int>{0});
  CHECK(fgd.allocate(2)->nodes == std::vector<int>{1});
  CHECK(pack.allocate(2)->nodes == std::vector<int>{0});
  CHECK(fgd.allocate(1, {}, 500)->nodes == std::vector<int>{0});
  // Pack on the same free counts, mirrored (node 0: 2 free, node 1: 3 free), opens the shared
  // PPU on the node with 2 free (best fit), where FGD chose the one with 3.
  ResourcePool pack_same(layout, 4, PlacementPolicy::Pack);
  REQUIRE(pack_same.allocate(2)->nodes == std::vector<int>{0});
  const OneNode node_0(0);
  AllocationLimits not_node_0;
  not_node_0.excluded_nodes = &node_0;
  REQUIRE(pack_same.allocate(1, not_node_0)->nodes == std::vector<int>{1});
  CHECK(pack_same.allocate(1, {}, 500)->nodes == std::vector<int>{0});
  CHECK(fgd.free_ppus_on(0) == 2);
  CHECK(fgd.free_ppus_on(1) == 2);
}

TEST_CASE("FGD reads the host: a request the node's free cores cannot hold strands its PPUs",
          "[scheduler][policies][fgd]") {
  // Workload: half the jobs ask 1 PPU and 2 cores (m1), half 2 PPUs and 4 cores (m2). Two nodes
  // of 4 PPUs and 8 cores. By the paper's definition a request that does not fit the node (PPUs
  // or CPU) counts every free PPU as fragment; one that fits counts the partly free PPUs (none).
  const RequestMix mix = RequestMix::of({{1, 1000, {2, 0}}, {2, 1000, {4, 0}}});
  const FragmentationGradient gradient(mix, 4);
  REQUIRE(gradient.reads_hosts());
  const HostResources hosts(2, 8.0, std::nullopt);
  const double unlimited = std::numeric_limits<double>::infinity();
  // 2 PPUs and 6 cores free: both fit, F = 0. 2 PPUs and 2 cores free: m2 lacks cores, so its
  // 2 free PPUs are stranded: F = 0.5 · 2 = 1. Without the host the two nodes look alike (0).
  CHECK(gradient.fragmentation_with_host(2, {}, {6, unlimited}, hosts) == Approx(0.0));
  CHECK(gradient.fragmentation_with_host(2, {}, {2, unlimited}, hosts) == Approx(1.0));
  CHECK(gradient.fragmentation(2, {}) == Approx(0.0));
  // A 1-PPU, 2-core job with node 0 at (2 PPUs, 6 cores) free and node 1 at (2 PPUs, 2 cores):
  //   node 0: after (1 PPU, 4 cores): m1 fits (0), m2 lacks a PPU (1 stranded · 0.5): 0.5 − 0 = 0.5;
  //   node 1: after (1 PPU, 0 cores): m1 and m2 lack cores: 1 · (0.5 + 0.5) = 1, before 1: 0.
  // FGD takes node 1, whose PPUs the 2-PPU jobs could not use anyway, and keeps node 0 whole for
  // them; pack (best fit, a tie at 2 free) takes node 0.
  const FatTreeLayout layout = make_fat_tree_layout(tiny_scenario(2, 4, 2));
  auto place_setup = [](NodePool& pool) {
    const OneNode node_0(0), node_1(1);
    AllocationLimits on_node_0, on_node_1;
    on_node_0.excluded_nodes = &node_1;
    on_node_1.excluded_nodes = &node_0;
    REQUIRE(pool.allocate(2, on_node_0, 1000, -1, {2, 0})->nodes == std::vector<int>{0});
    REQUIRE(pool.allocate(2, on_node_1, 1000, -1, {6, 0})->nodes == std::vector<int>{1});
  };
  NodePool fgd(layout, 4, PlacementPolicy::Fgd, {0, mix}, {}, hosts);
  place_setup(fgd);
  CHECK(fgd.allocate(1, {}, 1000, -1, {2, 0})->nodes == std::vector<int>{1});
  NodePool pack(layout, 4, PlacementPolicy::Pack, {}, {}, hosts);
  place_setup(pack);
  CHECK(pack.allocate(1, {}, 1000, -1, {2, 0})->nodes == std::vector<int>{0});
  // The same FGD without hosts in its mix (PPUs only) cannot tell them apart: node 0, as pack.
  NodePool fgd_ppus_only(layout, 4, PlacementPolicy::Fgd, {0, RequestMix::of({{1, 1000, {}}, {2, 1000, {}}})},
                         {}, hosts);
  place_setup(fgd_ppus_only);
  CHECK(fgd_ppus_only.allocate(1, {}, 1000, -1, {2, 0})->nodes == std::vector<int>{0});
}

TEST_CASE("random placement: same seed, same placements; only nodes that fit", "[scheduler][policies]") {
  const FatTreeLayout layout = make_fat_tree_layout(tiny_scenario(16, 4, 4));
  auto placements = [&](std::uint64_t seed) {
    ResourcePool pool(layout, 4, PlacementPolicy::Random, {seed, {}});
    std::vector<std::vector<int>> nodes;
    for (int job = 0; job < 12; ++job) {
      const int ppus = job % 3 == 0 ? 8 : 1 + job % 4;  // 8 PPUs: 2 whole nodes
      std::vector<int> free_before;
      for (int node = 0; node < 16; ++node) free_before.push_back(pool.free_ppus_on(node));
      const std::optional<Allocation> allocation = pool.allocate(ppus);
      REQUIRE(allocation);
      // A whole-node job lands on wholly free nodes, a smaller one where its PPUs were free.
      for (int node : allocation->nodes) CHECK(free_before[node] >= std::min(ppus, 4));
      nodes.push_back(allocation->nodes);
    }
    // 4 jobs of 8 PPUs (jobs 0, 3, 6, 9) and 2 + 3 + 1 + 2 + 4 + 1 + 3 + 4 = 20 PPUs: 12 free.
    CHECK(pool.free_ppus() == 12);
    return nodes;
  };
  CHECK(placements(7) == placements(7));
  CHECK(placements(7) != placements(8));
  // End to end: the same scenario and seed give the same report.
  Scenario scenario = tiny_scenario(8, 4, 4);
  scenario.scheduler.placement = PlacementPolicy::Random;
  std::vector<JobSpec> jobs;
  for (int i = 0; i < 30; ++i)
    jobs.push_back(flops_job("r" + std::to_string(i), i * 3.0, 1 + i % 6, 1e17 * (1 + i % 4)));
  const auto first = simulate_in_child_process(scenario, trace_of(jobs));
  const auto second = simulate_in_child_process(scenario, trace_of(jobs));
  CHECK(first.jobs.dump() == second.jobs.dump());
  CHECK(first.report["scenario"]["placement"] == "random");
}

TEST_CASE("a misspelt policy or placement gets a did-you-mean", "[config][policies]") {
  using Catch::Matchers::Contains;
  nlohmann::json doc = minimal_scenario();
  doc["scheduler"] = {{"policy", "first-fti"}};
  CHECK_THROWS_WITH(parse_scenario(doc, "configs/x.json"), Contains("did you mean \"first-fit\"?"));
  doc["scheduler"] = {{"placement", "fdg"}};
  CHECK_THROWS_WITH(parse_scenario(doc, "configs/x.json"), Contains("did you mean \"fgd\"?"));
}
