// The scheduling policies on several node pools (docs/config.md, "Node pools"; docs/models.md,
// section (f)): first-fit and sjf ask each pool its own node shape, backfilling reserves the
// head job in one pool and holds backfilled jobs to it only there. Every figure is worked by
// hand in the comments; simulations run in a child process.
#include <catch2/catch.hpp>
#include <list>
#include <tuple>

#include "sim/app/isolated_run.hpp"
#include "sim/scheduler/easy_backfill_policy.hpp"
#include "sim/scheduler/queue_by_request.hpp"
#include "tests/scenario_fixtures.hpp"
#include "topologies/fat_tree_layout.hpp"
#include "workloads/chip_family_efficiency.hpp"

using namespace ppusim;
using namespace ppusim::test;

namespace {

constexpr PoolMask kPoolA = 1;
constexpr PoolMask kPoolB = 2;

PlacementRequest only(PoolMask pools) {
  PlacementRequest request;
  request.pools = pools;
  return request;
}

PendingJob pending(int id, int ppus, PoolMask pools) {
  PendingJob job;
  job.id = id;
  job.ppus = ppus;
  job.request = only(pools);
  return job;
}

/// Pool "slow" (chip slow-ppu, 1e15 FLOP/s per PPU) of `slow_nodes` nodes, then pool "fast"
/// (fast-ppu, 4e15) of `fast_nodes`; nodes of 8 PPUs. The step-time model's MFU u is the
/// generic chip family's for both chips.
Scenario slow_and_fast(int slow_nodes, int fast_nodes, SchedulingPolicy policy) {
  Scenario s = tiny_scenario(slow_nodes + fast_nodes, 8, slow_nodes + fast_nodes);
  s.workload.model_flops_utilization_given = false;
  s.scheduler.policy = policy;
  s.pools = {chip_pool(s, "slow", "slow-ppu", 1e15, slow_nodes, 0),
             chip_pool(s, "fast", "fast-ppu", 4e15, fast_nodes, slow_nodes)};
  s.ppu = s.pools[0].ppu;
  return s;
}

JobSpec on_chip(JobSpec job, const std::string& chip) {
  job.request = std::make_shared<const ResourceRequest>(ResourceRequest{{chip}, 0, 0});
  return job;
}

std::vector<double> starts(const IsolatedRunOutput& run) {
  std::vector<double> out;
  for (const auto& job : run.jobs) out.push_back(job["start_s"].get<double>());
  return out;
}

double unshaped_mfu() { return chip_family_efficiency("").unshaped_mfu; }

}  // namespace

TEST_CASE("the request index asks each pool its own node shape", "[pools][scheduler]") {
  // Pool A: nodes 0-1 of 4 PPUs; pool B: node 2 of 8 PPUs. B holds a 4-PPU job: A has 2 free
  // nodes, B 4 PPUs free on its one node.
  const FatTreeLayout layout = make_fat_tree_layout(tiny_scenario(3, 8, 3));
  Scenario base = tiny_scenario(3, 8, 3);
  PoolSpec a = chip_pool(base, "a", "a-ppu", 1e15, 2, 0);
  a.node.ppus_per_node = 4;
  const PoolSpec b = chip_pool(base, "b", "b-ppu", 1e15, 1, 2);
  ResourcePool pool(layout, {a, b}, PlacementPolicy::Pack);
  REQUIRE(pool.allocate(4, {}, 1000, -1, only(kPoolB))->pool == 1);

  std::list<PendingJob> queue{pending(0, 8, kAnyPool), pending(1, 8, kPoolB), pending(2, 4, kPoolB),
                              pending(3, 5, kPoolA), pending(4, 3, kAnyPool)};
  QueueByRequest index;
  long long sequence = 0;
  for (auto it = queue.begin(); it != queue.end(); ++it)
    index.add(it, {0, ++sequence}, QueueByRequest::class_of(*it));
  auto offered = [&] {
    std::vector<long long> ids;
    for (const QueueByRequest::Head& head : index.fitting_heads(pool)) ids.push_back(head.key.sequence - 1);
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  //   job 0, 8 PPUs, any pool: 2 whole nodes of A, 2 free -> may fit.
  //   job 1, 8 PPUs, B only: one node of B, 4 free on it  -> not.
  //   job 2, 4 PPUs, B only: 4 <= 4                        -> may fit.
  //   job 3, 5 PPUs, A only: 2 whole nodes of A            -> may fit.
  //   job 4, 3 PPUs, any: on one node                      -> may fit.
  CHECK(offered() == std::vector<long long>{0, 2, 3, 4});
  // Take one node of A (a 4-PPU job fills it): A has 1 free node. Job 0 needs 2 nodes of A or
  // 8 PPUs on B's node (4 free): not; job 3 needs 2 nodes of A: not.
  REQUIRE(pool.allocate(4, {}, 1000, -1, only(kPoolA))->pool == 0);
  CHECK(offered() == std::vector<long long>{2, 4});
}

TEST_CASE("first-fit skips a head job that fits no pool now and starts the next in another pool",
          "[pools][policies]") {
  // Pools "slow" and "fast", one node of 8 PPUs each. T = 1000 / u s.
  //   job 0 at 0: 8 PPUs on slow-ppu, 8e18 FLOP: 8e18 / (8 · 1e15 · u) = T, ends at T.
  //   job 1 at 1: 8 PPUs on slow-ppu: slow is busy until T; fast is not its chip.
  //   job 2 at 2: 8 PPUs, any chip: fast is free.
  // First-fit passes over job 1 and starts job 2 on fast at 2; job 1 starts at T.
  // FIFO waits for job 1: at T job 1 takes slow and job 2, behind it, takes fast.
  const double t = 1000 / unshaped_mfu();
  const JobTrace trace =
      trace_of({on_chip(flops_job("j0", 0, 8, 8e18), "slow-ppu"),
                on_chip(flops_job("j1", 1, 8, 8e18), "slow-ppu"), flops_job("j2", 2, 8, 8e18)});
  const auto first_fit = simulate_in_child_process(slow_and_fast(1, 1, SchedulingPolicy::FirstFit), trace);
  CHECK(starts(first_fit)[1] == Approx(t).epsilon(1e-9));
  CHECK(starts(first_fit)[2] == 2);
  CHECK(first_fit.report["pools"][1]["jobs"] == 1);  // job 2 ran on fast
  const auto fifo = simulate_in_child_process(slow_and_fast(1, 1, SchedulingPolicy::Fifo), trace);
  CHECK(starts(fifo)[1] == Approx(t).epsilon(1e-9));
  CHECK(starts(fifo)[2] == Approx(t).epsilon(1e-9));
}

TEST_CASE("sjf orders by estimate and starts each job in a pool of its chip", "[pools][policies]") {
  // Pools "slow" and "fast", one node of 8 PPUs each; every job takes 8 PPUs, so one job per
  // pool at a time. T = 1000 / u s; a job's runtime is F / (8 · peak · u).
  //   job 0 at 0, slow only, 8e18:  T on slow, ends at T.
  //   job 1 at 0, fast only, 32e18: T on fast, ends at T.
  //   at 1: job 2 slow only 16e18 (estimate 2T), job 3 fast only 8e18 (T/4),
  //         job 4 slow only 4e18 (T/2), job 5 fast only 64e18 (2T).
  // At T both pools free. SJF order: 3 (T/4), 4 (T/2), 2 (2T), 5 (2T, submitted after 2).
  // Job 3 takes fast, job 4 slow; 2 and 5 do not fit and are skipped.
  // At T + T/4 job 3 ends: job 5 takes fast. At T + T/2 job 4 ends: job 2 takes slow.
  // (FIFO would start job 2 at T and hold 4 and 5 behind it.)
  const double t = 1000 / unshaped_mfu();
  const JobTrace trace = trace_of(
      {on_chip(flops_job("j0", 0, 8, 8e18), "slow-ppu"), on_chip(flops_job("j1", 0, 8, 32e18), "fast-ppu"),
       on_chip(flops_job("j2", 1, 8, 16e18), "slow-ppu"), on_chip(flops_job("j3", 1, 8, 8e18), "fast-ppu"),
       on_chip(flops_job("j4", 1, 8, 4e18), "slow-ppu"), on_chip(flops_job("j5", 1, 8, 64e18), "fast-ppu")});
  const auto run = simulate_in_child_process(slow_and_fast(1, 1, SchedulingPolicy::ShortestJobFirst), trace);
  const std::vector<double> s = starts(run);
  CHECK(s[0] == 0);
  CHECK(s[1] == 0);
  CHECK(s[3] == Approx(t).epsilon(1e-9));
  CHECK(s[4] == Approx(t).epsilon(1e-9));
  CHECK(s[5] == Approx(1.25 * t).epsilon(1e-9));
  CHECK(s[2] == Approx(1.5 * t).epsilon(1e-9));
}

TEST_CASE("EASY reserves the head job in the pool where it can start first", "[pools][scheduler]") {
  // 4 nodes of 1 PPU: pool A nodes 0-1, pool B nodes 2-3. A job holds both of A until 10,
  // another both of B until 5.
  const Scenario base = tiny_scenario(4, 1, 4);
  ResourcePool pool(make_fat_tree_layout(base),
                    {chip_pool(base, "a", "a-ppu", 1e15, 2, 0), chip_pool(base, "b", "b-ppu", 1e15, 2, 2)},
                    PlacementPolicy::Pack);
  RunningJobs running;
  running.add(1, 10, *pool.allocate(2, {}, 1000, -1, only(kPoolA)));
  running.add(2, 5, *pool.allocate(2, {}, 1000, -1, only(kPoolB)));
  EasyBackfillPolicy easy(100);
  ReservedNodes reserved;
  // A 2-PPU head of any pool: A frees at 10, B at 5: reserved in B at 5, B's nodes counted on.
  // The same head asking for A: at 10, in A, A's nodes counted on.
  for (const auto& [asks, pool_index, shadow_s, counted, not_counted] :
       {std::tuple{kAnyPool, 1, 5.0, 2, 0}, std::tuple{kPoolA, 0, 10.0, 0, 2}}) {
    const std::optional<Reservation> made =
        easy.reserve_for_head(0, pending(9, 2, asks), pool, running, reserved);
    REQUIRE(made);
    CHECK(made->pool == pool_index);
    CHECK(made->shadow_time_s == shadow_s);
    CHECK(reserved.contains(counted));
    CHECK_FALSE(reserved.contains(not_counted));
  }
}

TEST_CASE("backfilling holds a job to the head's reservation only in the head's pool", "[pools][policies]") {
  // Pool "slow": 2 nodes of 8 PPUs (a0, a1); pool "fast": 1 node of 8. T = 1000 / u s; a job's
  // runtime on slow is F / (P · 1e15 · u), on fast F / (P · 4e15 · u); a job's estimate is its
  // runtime on the first pool it may use.
  //   job 0 at 0: slow, 8 PPUs, 8e18: takes a0 until T.
  //   job 1 at 1: slow, 16 PPUs (both nodes), 16e18: T. The head: a1 is free, a0 comes free at
  //     T. EASY: shadow time T in slow, no spare node. Conservative: reserved on slow over [T, 2T).
  //   job 2 at 2: any chip, 8 PPUs, 32e18: estimate on slow 4T, past the shadow time, so not on
  //     a1; fast is not the head's pool: it starts there at 2 (and runs T on fast).
  //   job 3 at 3: slow, 8 PPUs, 8e18: estimate T, ends past T on a1, which the head needs:
  //     it waits until the head ends at 2T.
  //   job 4 at 4: slow, 8 PPUs, 4e18: estimate T/2, ends at 4 + T/2 < T: backfilled on a1 at 4.
  // The head starts at T on a0 and a1.
  const double t = 1000 / unshaped_mfu();
  const JobTrace trace = trace_of(
      {on_chip(flops_job("j0", 0, 8, 8e18), "slow-ppu"), on_chip(flops_job("j1", 1, 16, 16e18), "slow-ppu"),
       flops_job("j2", 2, 8, 32e18), on_chip(flops_job("j3", 3, 8, 8e18), "slow-ppu"),
       on_chip(flops_job("j4", 4, 8, 4e18), "slow-ppu")});
  for (const SchedulingPolicy policy :
       {SchedulingPolicy::EasyBackfill, SchedulingPolicy::ConservativeBackfill}) {
    const auto run = simulate_in_child_process(slow_and_fast(2, 1, policy), trace);
    const std::vector<double> s = starts(run);
    INFO("policy " << static_cast<int>(policy));
    CHECK(s[0] == 0);
    CHECK(s[1] == Approx(t).epsilon(1e-9));
    CHECK(s[2] == 2);
    CHECK(s[3] == Approx(2 * t).epsilon(1e-9));
    CHECK(s[4] == 4);
    CHECK(run.report["pools"][1]["jobs"] == 1);  // job 2, on fast
  }
}

TEST_CASE("first-fit and sjf pass over a job whose CPU request does not fit and start a smaller one",
          "[pools][policies]") {
  // One node of 8 PPUs (1e15 FLOP/s delivered each) with 16 CPU cores. Every job takes 2 PPUs
  // and 2e18 FLOP: 2e18 / (2 · 1e15) = 1000 s, so estimates tie and sjf keeps submission order.
  //   a at 0, 12 cores: starts at 0 (16 − 12 = 4 cores left), ends at 1000.
  //   b at 1, 12 cores: 4 left: waits; c at 2, 4 cores: fits beside a: starts at 2.
  //   d at 3, 12 cores, the same request as b: waits with it.
  //   At 1000 a ends: 16 − 4 = 12 cores free: b starts (0 left). c ends at 1002 (4 free):
  //   d still waits; at 2000 b ends: d starts.
  // FIFO would start c only behind b, at 1000.
  for (const SchedulingPolicy policy : {SchedulingPolicy::FirstFit, SchedulingPolicy::ShortestJobFirst}) {
    Scenario scenario = tiny_scenario(1, 8, 1);
    scenario.scheduler.policy = policy;
    PoolSpec pool = chip_pool(scenario, "cpu", scenario.ppu.name, scenario.ppu.peak_bf16_flops_per_s, 1, 0);
    pool.set_host(16, std::nullopt);
    scenario.pools = {pool};
    auto asking = [](const std::string& id, double submit_s, double cores) {
      JobSpec job = flops_job(id, submit_s, 2, 2e18);
      job.request = std::make_shared<const ResourceRequest>(ResourceRequest{{}, cores, 0});
      return job;
    };
    const auto run = simulate_in_child_process(
        scenario, trace_of({asking("a", 0, 12), asking("b", 1, 12), asking("c", 2, 4), asking("d", 3, 12)}));
    INFO("policy " << static_cast<int>(policy));
    CHECK(starts(run) == std::vector<double>{0, 1000, 2, 2000});
  }
}
