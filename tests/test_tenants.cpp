// Tenants, quotas, preemption, the priority policy and chargeback (docs/tenants.md), each
// against hand arithmetic worked in the comments. Simulations run in a child process.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <tuple>

#include "sim/app/isolated_run.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/core/input_error.hpp"
#include "sim/report/tenant_report.hpp"
#include "sim/scheduler/multifactor_priority.hpp"
#include "sim/scheduler/priority_policy.hpp"
#include "sim/scheduler/queue_by_tenant.hpp"
#include "sim/scheduler/tenant_ledger.hpp"
#include "tests/minimal_scenario_json.hpp"
#include "tests/scenario_fixtures.hpp"
#include "topologies/fat_tree_layout.hpp"
#include "workloads/tenant_assignment.hpp"
#include "workloads/trace_reader.hpp"

using namespace ppusim;
using namespace ppusim::test;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

TenantSpec tenant(const std::string& name, std::int64_t guaranteed, std::int64_t burst, double weight = 1) {
  TenantSpec t;
  t.name = name;
  t.guaranteed_ppus = guaranteed;
  t.burst_ppus = burst;
  t.weight = weight;
  t.job_share = weight;
  return t;
}

/// Queued jobs of `ppus` PPUs, ids 0, 1, … in row order, from (tenant index or -1, submit s) rows.
std::vector<PendingJob> pending_jobs(const std::vector<std::tuple<int, double>>& rows, int ppus) {
  std::vector<PendingJob> jobs;
  for (const auto& [tenant_index, submit] : rows) {
    PendingJob& job = jobs.emplace_back();
    job.id = static_cast<int>(jobs.size()) - 1;
    job.ppus = ppus;
    job.tenant = tenant_index;
    job.submit_s = submit;
  }
  return jobs;
}

/// The jobs split into one stream per tenant (3 tenants), those without a tenant last.
std::vector<std::vector<PendingJob>> streams_of_three_tenants(const std::vector<PendingJob>& jobs) {
  std::vector<std::vector<PendingJob>> streams(4);
  for (const PendingJob& job : jobs) streams[job.tenant >= 0 ? job.tenant : 3].push_back(job);
  return streams;
}

JobSpec of_tenant(JobSpec job, int tenant_index, const std::string& name) {
  job.tenant_index = tenant_index;
  job.tenant = name;
  return job;
}

const json& tenant_row(const IsolatedRunOutput& run, const std::string& name) {
  for (const json& row : run.report["tenants"]) {
    if (row["name"] == name) return row;
  }
  FAIL("no tenant row " << name);
  static const json none;
  return none;
}

/// Checks that job `job` of `run` ran from `start_s` to `end_s` (exact arithmetic: no setup).
void check_ran(const IsolatedRunOutput& run, int job, double start_s, double end_s) {
  INFO("job " << job);
  CHECK(run.jobs[job]["start_s"].get<double>() == Approx(start_s).epsilon(1e-12));
  CHECK(run.jobs[job]["end_s"].get<double>() == Approx(end_s).epsilon(1e-12));
}

}  // namespace

TEST_CASE("a job within its guarantee preempts a borrower, which loses its work since its last checkpoint",
          "[tenants]") {
  // One node of 8 PPUs, each 1e15 FLOP/s. Tenant A is guaranteed 4 PPUs; tenant B has no
  // guarantee and may burst to 8. Checkpoints every C = 100 s of progress; each job's state,
  // 1e9 B, moves over the node's 10 GB/s storage link in 0.1 s.
  //   b (B, 8 PPUs, 8e18 FLOP = 1,000 s) starts at 0: loads 0.1 s, trains from 0.1, writes at
  //     progress 100 and 200 (0.1 s each): it borrows all 8 PPUs.
  //   a (A, 4 PPUs, 4e18 FLOP = 1,000 s) arrives at 250.3, within A's guarantee (0 + 4 <= 4),
  //     and does not fit: b is preempted at once. Its progress is 250.3 − 0.1 − 0.2 = 250 s,
  //     of which 200 s saved: lost 50 s, i.e. 50 · 8 / 3600 PPU-h. It gives its PPUs back at
  //     250.3 and is queued again; a starts at 250.3.
  //   a ends at 250.3 + 0.1 (load) + 1,000 + 9 · 0.1 (writes at 100 … 900) = 1,251.3.
  //   b (8 PPUs, does not fit beside a) restarts at 1,251.3 from its checkpoint: 800 s left,
  //     writes at 100 … 700: ends at 1,251.3 + 0.1 + 800 + 0.7 = 2,052.1.
  // The same under the default policy (easy-backfill) and under the two that pass over what
  // does not fit: at 250.3 the first round offers only a (B has no guarantee; b runs), which
  // does not fit, so a is the first job left with a tenant in any order, and b is preempted at
  // once. With b back in the queue, a is again the only job the first round offers.
  for (const SchedulingPolicy policy :
       {SchedulingPolicy::EasyBackfill, SchedulingPolicy::FirstFit, SchedulingPolicy::ShortestJobFirst}) {
    INFO("policy " << static_cast<int>(policy));
    Scenario scenario = tiny_scenario(1, 8, 1);
    scenario.scheduler.policy = policy;
    scenario.failures.enabled = true;
    scenario.failures.checkpoint.interval_s = 100;
    scenario.tenants.tenants = {tenant("A", 4, 8), tenant("B", 0, 8)};
    JobSpec b = of_tenant(flops_job("b", 0, 8, 8e18), 1, "B");
    JobSpec a = of_tenant(flops_job("a", 250.3, 4, 4e18), 0, "A");
    b.checkpoint_bytes = 1e9;
    a.checkpoint_bytes = 1e9;
    const auto run = simulate_in_child_process(scenario, trace_of({b, a}));
    CHECK(run.jobs[1]["start_s"].get<double>() == Approx(250.3).epsilon(1e-12));
    CHECK(run.jobs[1]["end_s"].get<double>() == Approx(1251.3).epsilon(1e-9));
    CHECK(run.jobs[0]["end_s"].get<double>() == Approx(2052.1).epsilon(1e-9));
    CHECK(run.jobs[0]["productive_s"].get<double>() == Approx(1000).epsilon(1e-9));
    // A preemption is not a failure.
    CHECK(run.report["failures"]["interruptions"] == 0);
    const json& row_b = tenant_row(run, "B");
    CHECK(row_b["preemptions"] == 1);
    CHECK(row_b["preempted_lost_ppu_hours"].get<double>() == Approx(50.0 * 8 / 3600).epsilon(1e-9));
    // Allocated: A 4 · (1,251.3 − 250.3) = 4,004 PPU-s; B 8 · 250.3 + 8 · (2,052.1 − 1,251.3) =
    // 8,408.8 PPU-s, all of it borrowed (B has no guarantee); A borrows nothing.
    const json& row_a = tenant_row(run, "A");
    CHECK(row_a["allocated_ppu_hours"].get<double>() == Approx(4004.0 / 3600).epsilon(1e-9));
    CHECK(row_b["allocated_ppu_hours"].get<double>() == Approx(8408.8 / 3600).epsilon(1e-9));
    CHECK(row_a["mean_borrowed_ppus"].get<double>() == 0);
    CHECK(row_b["mean_borrowed_ppus"].get<double>() == Approx(8408.8 / 2052.1).epsilon(1e-9));
    CHECK(row_a["allocated_share"].get<double>() == Approx(4004.0 / (4004.0 + 8408.8)).epsilon(1e-9));
    // Chargeback: the shares, in cents, sum to the run's cost.
    const double total = run.report["cost"]["total_usd"].get<double>();
    const std::int64_t cents = std::llround(row_a["chargeback_usd"].get<double>() * 100) +
                               std::llround(row_b["chargeback_usd"].get<double>() * 100);
    CHECK(cents == std::llround(total * 100));
    CHECK(run.report["tenants"].size() == 2);  // no "(no tenant)" row: every job has a tenant
  }
}

TEST_CASE("a borrower whose rings are timed by arithmetic is preempted when the arithmetic says",
          "[tenants][network]") {
  // Three nodes of 8 PPUs, one per leaf group, 1:1 (docs/engine.md, "Ring flows on an
  // uncontended fabric"): no storage, no failures, so although tenants preempt, every ring is
  // timed by arithmetic. Tenant A is guaranteed 16 PPUs; B has no guarantee and bursts to 16.
  //   m (B, 16 PPUs on 2 nodes in 2 leaf groups; the model job of "a ring crossing a
  //     non-blocking fabric is timed by arithmetic": 100 steps, each 6,000 s of compute and
  //     a boundary flow of 3e10 B on its 400 GB/s NIC, 0.075 s, no longer than its private ring
  //     time) starts at 0 and would end at 6e5 + 100 · 0.075 = 600,007.5. It borrows 16.
  //   a (A, 16 PPUs, 1.6e19 FLOP = 1,000 s on 16 PPUs of 1e15) arrives at 1,000 within A's
  //     guarantee (0 + 16 <= 16) and finds one free node: m is preempted at 1,000. Without
  //     checkpoints all its progress, 1,000 s on 16 PPUs, is lost: 16,000 PPU-s = 4.444 PPU-h.
  //   a starts at 1,000 and ends at 2,000; m, queued at the head, restarts at 2,000 with all
  //     its work: it ends at 2,000 + 600,007.5 = 602,007.5.
  // Both of m's attempts and a run as local jobs: no actor, no flow.
  Scenario scenario = tiny_scenario(3, 8, 1);
  scenario.tenants.tenants = {tenant("A", 16, 16), tenant("B", 0, 16)};
  const JobSpec m = of_tenant(model_job("m", 0, 16, 1e9, 1.6e12, 1.6e10), 1, "B");
  const JobSpec a = of_tenant(flops_job("a", 1000, 16, 1.6e19), 0, "A");
  const auto run = simulate_in_child_process(scenario, trace_of({m, a}));
  CHECK(run.report["engine"]["network_jobs"] == 0);
  CHECK(run.report["engine"]["flows"] == 0);
  CHECK(run.report["engine"]["local_jobs"] == 3);
  CHECK(run.jobs[0]["leaves_spanned"] == 2);
  CHECK(run.jobs[1]["start_s"].get<double>() == Approx(1000).epsilon(1e-12));
  CHECK(run.jobs[1]["end_s"].get<double>() == Approx(2000).epsilon(1e-12));
  CHECK(run.jobs[0]["end_s"].get<double>() == Approx(602007.5).epsilon(1e-12));
  CHECK(run.jobs[0]["productive_s"].get<double>() == Approx(600007.5).epsilon(1e-12));
  CHECK(tenant_row(run, "B")["preemptions"] == 1);
  CHECK(tenant_row(run, "B")["preempted_lost_ppu_hours"].get<double>() ==
        Approx(16000.0 / 3600).epsilon(1e-12));

  // The same run behind 2:1 leaf uplinks (leaf groups of two nodes and one, spread placement:
  // m on nodes 0 and 2, a on 1 and then 0 or 2), where m's rings are SimGrid flows (m's two
  // attempts are network jobs); alone on the uplinks, they take the same time, and the
  // preemption, the lost work and the requeue are as above.
  Scenario blocking = tiny_scenario(3, 8, 2);
  blocking.topology.leaf_oversubscription = 2;
  blocking.scheduler.placement = PlacementPolicy::Spread;
  blocking.tenants.tenants = scenario.tenants.tenants;
  const auto simulated = simulate_in_child_process(blocking, trace_of({m, a}));
  CHECK(simulated.report["engine"]["network_jobs"] == 2);
  CHECK(simulated.jobs[1]["start_s"].get<double>() == Approx(1000).epsilon(1e-12));
  CHECK(simulated.jobs[0]["end_s"].get<double>() ==
        Approx(run.jobs[0]["end_s"].get<double>()).epsilon(1e-12));
  CHECK(tenant_row(simulated, "B")["preempted_lost_ppu_hours"].get<double>() ==
        Approx(16000.0 / 3600).epsilon(1e-12));
}

TEST_CASE("no preemption when the waiting job already borrows", "[tenants]") {
  // Same node; A's guarantee is 2, so a (4 PPUs) would borrow: it waits for b instead, and b
  // is not preempted: a starts when b ends at 1,000 (no checkpoints).
  Scenario scenario = tiny_scenario(1, 8, 1);
  scenario.tenants.tenants = {tenant("A", 2, 8), tenant("B", 0, 8)};
  const auto run =
      simulate_in_child_process(scenario, trace_of({of_tenant(flops_job("b", 0, 8, 8e18), 1, "B"),
                                                    of_tenant(flops_job("a", 250, 4, 4e18), 0, "A")}));
  CHECK(run.jobs[1]["start_s"].get<double>() == Approx(1000).epsilon(1e-12));
  CHECK(tenant_row(run, "B")["preemptions"] == 0);
}

TEST_CASE("first-fit with tenants passes over a borrowed job that does not fit and starts a later one",
          "[tenants][scheduler]") {
  // One node of 8 PPUs, each 1e15 FLOP/s of work (no checkpoints, no setup). A is guaranteed 4,
  // B and C nothing; each may burst to 8.
  //   j0 (A, 4 PPUs, 4e18 FLOP = 1,000 s) starts at 0 within A's guarantee.
  //   j1 (B, 8 PPUs, 1,000 s) arrives at 10: it would borrow (0 + 8 > 0), so the first round
  //     does not offer it (nothing waits within a guarantee: no preemption); the borrowing
  //     round does (0 + 8 <= 8), but only 4 PPUs are free.
  //   j2 (C, 2 PPUs, 2e17 FLOP = 100 s) arrives at 20 and borrows too. The borrowing round
  //     offers j1 then j2: first-fit passes over j1 and starts j2 at 20; it ends at 120.
  //   j1 starts when j0 ends, at 1,000, and ends at 2,000.
  // FIFO stops at j1 instead: j1 runs 1,000 … 2,000 and j2 starts only at 2,000.
  auto run_with = [](SchedulingPolicy policy) {
    Scenario scenario = tiny_scenario(1, 8, 1);
    scenario.scheduler.policy = policy;
    scenario.tenants.tenants = {tenant("A", 4, 8), tenant("B", 0, 8), tenant("C", 0, 8)};
    return simulate_in_child_process(scenario, trace_of({of_tenant(flops_job("j0", 0, 4, 4e18), 0, "A"),
                                                         of_tenant(flops_job("j1", 10, 8, 8e18), 1, "B"),
                                                         of_tenant(flops_job("j2", 20, 2, 2e17), 2, "C")}));
  };
  const auto first_fit = run_with(SchedulingPolicy::FirstFit);
  check_ran(first_fit, 0, 0, 1000);
  check_ran(first_fit, 2, 20, 120);
  check_ran(first_fit, 1, 1000, 2000);
  CHECK(tenant_row(first_fit, "B")["preemptions"] == 0);
  const auto fifo = run_with(SchedulingPolicy::Fifo);
  CHECK(fifo.jobs[1]["start_s"].get<double>() == Approx(1000).epsilon(1e-12));
  CHECK(fifo.jobs[2]["start_s"].get<double>() == Approx(2000).epsilon(1e-12));
}

TEST_CASE("sjf with tenants starts the shortest job the round admits first", "[tenants][scheduler]") {
  // One node of 8 PPUs, each 1e15 FLOP/s of work (no checkpoints, no setup). A and B are each
  // guaranteed 4 and may burst to 8. Two jobs without a tenant start at 0: z0 (4 PPUs,
  // 1,000 s) and z1 (4 PPUs, 3,000 s); nothing else fits until z0 ends at 1,000.
  //   j1 (A, 4 PPUs, 2.4e18 FLOP = 600 s), submitted at 10
  //   j2 (A, 4 PPUs, 4e17 FLOP = 100 s), at 20: the shortest job queued
  //   j3 (B, 4 PPUs, 1.2e18 FLOP = 300 s), at 30
  // At 1,000 (4 PPUs free) the first round admits A's jobs in queue order while they keep A
  // within 4: j1 (0 + 4 <= 4), not j2 (4 + 4 > 4); and B's j3 (0 + 4 <= 4). SJF takes j3
  // (300 s) before j1 (600 s): j3 runs 1,000 … 1,300. j1, left waiting within A's guarantee,
  // finds no borrower to preempt (B holds 4, its guarantee; z0 and z1 have no tenant), and the
  // borrowing round (j1, j2) has no free PPU.
  // At 1,300 the first round admits j1 again, not j2: j1 runs 1,300 … 1,900; then j2, within
  // A's guarantee once j1 ends, runs 1,900 … 2,000.
  // Without tenants SJF would start j2 (100 s) at 1,000, then j3 at 1,100 and j1 at 1,400.
  auto run_with = [](bool tenants) {
    Scenario scenario = tiny_scenario(1, 8, 1);
    scenario.scheduler.policy = SchedulingPolicy::ShortestJobFirst;
    if (tenants) scenario.tenants.tenants = {tenant("A", 4, 8), tenant("B", 4, 8)};
    auto with_tenant = [tenants](JobSpec job, int index, const std::string& name) {
      return tenants ? of_tenant(std::move(job), index, name) : job;
    };
    return simulate_in_child_process(scenario,
                                     trace_of({flops_job("z0", 0, 4, 4e18), flops_job("z1", 0, 4, 12e18),
                                               with_tenant(flops_job("j1", 10, 4, 2.4e18), 0, "A"),
                                               with_tenant(flops_job("j2", 20, 4, 4e17), 0, "A"),
                                               with_tenant(flops_job("j3", 30, 4, 1.2e18), 1, "B")}));
  };
  const auto run = run_with(true);
  check_ran(run, 0, 0, 1000);
  check_ran(run, 1, 0, 3000);
  check_ran(run, 4, 1000, 1300);
  check_ran(run, 2, 1300, 1900);
  check_ran(run, 3, 1900, 2000);
  CHECK(tenant_row(run, "B")["preemptions"] == 0);
  const auto without = run_with(false);
  CHECK(without.jobs[3]["start_s"].get<double>() == Approx(1000).epsilon(1e-12));
  CHECK(without.jobs[4]["start_s"].get<double>() == Approx(1100).epsilon(1e-12));
  CHECK(without.jobs[2]["start_s"].get<double>() == Approx(1400).epsilon(1e-12));
}

TEST_CASE("the priority policy orders four jobs by fair share", "[tenants][scheduler]") {
  // One PPU of 1e15 FLOP/s; tenants X and Y, equal weights (S = 1/2 each), a half-life so long
  // that usage does not decay in 130 s (2^(−130/1e9) = 1 − 9e−8).
  //   j0 (X, 100 s) starts at 0. j1 (X) at 10, j2 (Y) at 20, j3 (Y) at 30, each 10 s, wait.
  //   At 100: usage X 100, Y 0 PPU-s: U_X = 1, F_X = 2^(−1/0.5) = 0.25; F_Y = 2^0 = 1.
  //     Priorities (fair-share weight 10,000, age weight 1,000 over 7 days: under 0.15):
  //     j2 ≈ j3 ≈ 10,000 > j1 ≈ 2,500; j2 is older than j3: j2 runs 100–110.
  //   At 110: X 100, Y 10: U_Y = 10/110, F_Y = 2^(−0.18) = 0.88 > F_X = 2^(−1.82) = 0.28:
  //     j3 runs 110–120, then j1 120–130. FIFO would have run j1, j2, j3.
  Scenario scenario = tiny_scenario(1, 1, 1);
  scenario.scheduler.policy = SchedulingPolicy::Priority;
  scenario.scheduler.fair_share_half_life_s = 1e9;
  scenario.tenants.tenants = {tenant("X", 0, 1), tenant("Y", 0, 1)};
  const auto run =
      simulate_in_child_process(scenario, trace_of({of_tenant(flops_job("j0", 0, 1, 100e15), 0, "X"),
                                                    of_tenant(flops_job("j1", 10, 1, 10e15), 0, "X"),
                                                    of_tenant(flops_job("j2", 20, 1, 10e15), 1, "Y"),
                                                    of_tenant(flops_job("j3", 30, 1, 10e15), 1, "Y")}));
  std::vector<double> starts;
  for (const json& job : run.jobs) starts.push_back(job["start_s"].get<double>());
  CHECK(starts == std::vector<double>{0, 120, 100, 110});
  CHECK(run.report["scenario"]["scheduler"] == "priority");
}

namespace {

/// An offer as fixed streams, each already in (submit, index) order.
class FixedStreams : public OfferStreams {
 public:
  explicit FixedStreams(std::vector<std::vector<PendingJob>> streams)
      : streams_(std::move(streams)), next_(streams_.size(), 0) {}
  int count() const override { return static_cast<int>(streams_.size()); }
  const PendingJob* peek(int s) override {
    return next_[s] < streams_[s].size() ? &streams_[s][next_[s]] : nullptr;
  }
  void pop(int s) override { ++next_[s]; }

 private:
  std::vector<std::vector<PendingJob>> streams_;
  std::vector<std::size_t> next_;
};

}  // namespace

TEST_CASE("the priority policy's merge of tenant streams starts what sorting the whole offer starts",
          "[tenants][scheduler]") {
  // Three tenants: X has used 4 PPUs for a half-life (F_X = 2^(−U/S) = 2^(−3) with S = 1/3, U
  // = 1), Y and Z nothing (F = 1); Z has the top tenant priority. At now = 1,000 s with
  // max_age 600 s, jobs submitted at or before 400 s have the full age factor: their priority
  // ties within a tenant and the submit time, then the index, decides. One node of 16 PPUs
  // holds jobs of 4 PPUs until the fifth, which does not fit, stops the pass. Sorting the
  // whole offer and merging the streams start the same jobs, and leave the same first waiting
  // job with a tenant.
  TenantsSpec tenants;
  tenants.tenants = {tenant("X", 0, 64), tenant("Y", 0, 64), tenant("Z", 0, 64)};
  tenants.tenants[2].priority = 1;
  TenantLedger ledger(tenants, 3600);
  ledger.started(99, 0, {.ppu_milli = 4 * TenantLedger::kMilli}, 0, 0);
  ledger.stopped(99, 3600);
  SchedulerSpec spec;
  spec.max_age_s = 600;
  spec.age_weight = 1000;
  spec.fair_share_weight = 1000;
  spec.tenant_weight = 500;
  const std::vector<std::tuple<int, double>> rows = {{0, 100}, {1, 300}, {2, 900}, {-1, 50},
                                                     {1, 300}, {0, 400}, {2, 990}, {-1, 800},
                                                     {1, 950}, {0, 200}, {2, 400}};
  const std::vector<PendingJob> jobs = pending_jobs(rows, 4);
  std::vector<std::vector<PendingJob>> streams = streams_of_three_tenants(jobs);
  for (auto& stream : streams) {
    std::sort(stream.begin(), stream.end(), [](const PendingJob& a, const PendingJob& b) {
      return std::tuple(a.submit_s, a.id) < std::tuple(b.submit_s, b.id);
    });
  }
  const auto layout = make_fat_tree_layout(tiny_scenario(1, 16, 1));
  PriorityPolicy sorted_policy(spec, ledger);
  PriorityPolicy merged_policy(spec, ledger);
  ResourcePool sorted_pool(layout, 16, PlacementPolicy::Pack);
  ResourcePool merged_pool(layout, 16, PlacementPolicy::Pack);
  RunningJobs sorted_running;
  RunningJobs merged_running;
  JobQueue queue;
  for (const PendingJob& job : jobs) queue.push_back(job);
  const double now = 1000;
  std::vector<int> by_sort;
  for (const StartDecision& start : sorted_policy.schedule(now, queue, sorted_pool, sorted_running))
    by_sort.push_back(start.id);
  FixedStreams offer(streams);
  std::optional<PendingJob> waiting;
  std::vector<int> by_merge;
  for (const StartDecision& start :
       merged_policy.schedule_streams(now, offer, merged_pool, merged_running, &waiting))
    by_merge.push_back(start.id);
  // By hand, priority = 1,000·A + 1,000·F + 500·P with F_X = 0.125, else 1, and P_Z = 1:
  //   10 (Z, 400: A = 1) 2,500; 3 (none, 50), 1 and 4 (Y, 300) all 2,000: by submit, then
  //   index; 2 (Z, 900: A = 1/6) 1,666.7; 6 (Z, 990) 1,516.7; 7 (none, 800) 1,333.3; 0, 9, 5
  //   (X, full age) 1,125; 8 (Y, 950) 1,083.3.
  // Four jobs of 4 PPUs fill the node: 10, 3, 1, 4 start; 2 is the first left, with a tenant.
  CHECK(by_sort == std::vector<int>{10, 3, 1, 4});
  CHECK(by_merge == by_sort);
  const auto first_waiting =
      std::find_if(queue.begin(), queue.end(), [](const PendingJob& j) { return j.tenant >= 0; });
  REQUIRE(waiting);
  CHECK(waiting->id == 2);
  CHECK(first_waiting->id == 2);
}

TEST_CASE("under DRF the merge of tenant streams fills progressively, as the queue read whole does",
          "[tenants][scheduler][drf]") {
  // One node of 16 PPUs (no CPU or memory modelled); X already holds 4 of them (d_X = 1/4).
  // Tenants X, Y, Z of equal weight (S = 1/3); pure DRF (age and tenant weights 0), so a job's
  // priority is 1,000 · F with F = 2^(−d/S) = 2^(−3d), ties by submit time, then index.
  // Jobs of 2 PPUs (1/8 of the PPUs each): X 0 (submit 10), 3 (40); Y 1 (20), 4 (50), 6 (70);
  // Z 2 (30), 5 (60); 7 (5) has no tenant (F = 1).
  //   F_X = 2^(−3/4) = 0.59, F_Y = F_Z = 1: 7 (earliest of the F = 1 heads), then 1 (Y);
  //   d_Y = 1/8, F_Y = 2^(−3/8) = 0.77 < F_Z = 1: 2 (Z), d_Z = 1/8.
  //   Y4 (0.77, 50) before Z5 (0.77, 60): 4, d_Y = 1/4, F_Y = 0.59; then 5, d_Z = 1/4.
  //   X0 (0.59, 10) ties Y6 (0.59, 70) and is older: 0, d_X = 3/8, F_X = 2^(−9/8) = 0.46.
  //   The node is full (4 + 6 · 2 = 16): Y6 (0.59 > 0.46) does not fit, the pass stops.
  // Without progressive filling (F fixed at the pass's start) Y's three jobs would all pass X0.
  TenantsSpec tenants;
  tenants.tenants = {tenant("X", 0, 64), tenant("Y", 0, 64), tenant("Z", 0, 64)};
  TenantLedger ledger(tenants, 3600);
  ledger.started(99, 0, {.ppu_milli = 4 * TenantLedger::kMilli}, 0, 0);
  SchedulerSpec spec;
  spec.fair_share = FairShareModel::DominantResource;
  spec.age_weight = 0;
  spec.tenant_weight = 0;
  spec.fair_share_weight = 1000;
  const std::vector<PendingJob> jobs =
      pending_jobs({{0, 10}, {1, 20}, {2, 30}, {0, 40}, {1, 50}, {2, 60}, {1, 70}, {-1, 5}}, 2);
  std::vector<std::vector<PendingJob>> streams = streams_of_three_tenants(jobs);
  const auto layout = make_fat_tree_layout(tiny_scenario(1, 16, 1));
  ResourcePool queue_pool(layout, 16, PlacementPolicy::Pack);
  ResourcePool merged_pool(layout, 16, PlacementPolicy::Pack);
  REQUIRE(queue_pool.allocate(4));  // X's 4 PPUs
  REQUIRE(merged_pool.allocate(4));
  PriorityPolicy queue_policy(spec, ledger);
  PriorityPolicy merged_policy(spec, ledger);
  RunningJobs queue_running;
  RunningJobs merged_running;
  JobQueue queue;
  for (const PendingJob& job : jobs) queue.push_back(job);
  std::vector<int> from_queue;
  for (const StartDecision& start : queue_policy.schedule(0, queue, queue_pool, queue_running))
    from_queue.push_back(start.id);
  FixedStreams offer(streams);
  std::optional<PendingJob> waiting;
  std::vector<int> by_merge;
  for (const StartDecision& start :
       merged_policy.schedule_streams(0, offer, merged_pool, merged_running, &waiting))
    by_merge.push_back(start.id);
  CHECK(by_merge == std::vector<int>{7, 1, 2, 4, 5, 0});
  CHECK(from_queue == by_merge);
  REQUIRE(waiting);
  CHECK(waiting->id == 6);
  // The queue keeps what did not start, in its order.
  std::vector<int> left;
  for (const PendingJob& job : queue) left.push_back(job.id);
  CHECK(left == std::vector<int>{3, 6});
}

TEST_CASE("the queue by tenant keeps each tenant's queue order and knows when arrivals are in submit order",
          "[tenants][scheduler]") {
  // Tenant 0 gets a (submit 10) and b (submit 5) at the back: b after a is out of submit order.
  // Removing b mends it; c queued at the head comes first in queue order; d (submit 20) at the
  // back keeps the order; removing a, the first back job, leaves d first. A job without a
  // tenant goes to the last stream.
  JobQueue queue;
  QueueByTenant by_tenant(1);
  auto add = [&](int id, int tenant, double submit, bool at_head) {
    PendingJob job;
    job.id = id;
    job.tenant = tenant;
    job.submit_s = submit;
    if (at_head) {
      queue.push_front(job);
      by_tenant.queued(queue.begin(), true);
    } else {
      queue.push_back(job);
      by_tenant.queued(std::prev(queue.end()), false);
    }
  };
  auto back_ids = [&](int s) {
    std::vector<int> ids;
    for (auto it = by_tenant.back_begin(s); it != by_tenant.end(s); ++it) ids.push_back(it->job->id);
    return ids;
  };
  add(0, 0, 10, false);
  add(1, 0, 5, false);
  CHECK_FALSE(by_tenant.back_in_submit_order(0));
  by_tenant.removed(1);
  CHECK(by_tenant.back_in_submit_order(0));
  add(2, 0, 30, true);
  add(3, 0, 20, false);
  add(4, -1, 0, false);
  CHECK(by_tenant.back_in_submit_order(0));
  REQUIRE(std::distance(by_tenant.begin(0), by_tenant.back_begin(0)) == 1);
  CHECK(by_tenant.begin(0)->job->id == 2);
  CHECK(back_ids(0) == std::vector<int>{0, 3});
  CHECK(by_tenant.find(3)->submit_s == 20);
  by_tenant.removed(0);
  CHECK(back_ids(0) == std::vector<int>{3});
  CHECK(back_ids(1) == std::vector<int>{4});
  // Ordering every stream's entries by place gives the queue's order: f (no tenant, queued at
  // the head last), c (at the head before it), then d and e as they came to the back.
  add(5, -1, 40, true);
  std::vector<std::pair<std::int64_t, int>> by_place;
  for (int s = 0; s < by_tenant.stream_count(); ++s) {
    for (auto it = by_tenant.begin(s); it != by_tenant.end(s); ++it)
      by_place.emplace_back(it->place, it->job->id);
  }
  std::sort(by_place.begin(), by_place.end());
  std::vector<int> placed;
  for (const auto& [place, id] : by_place) placed.push_back(id);
  CHECK(placed == std::vector<int>{5, 2, 3, 4});
}

TEST_CASE("the fair-share factor is 2^(-U/S) of decayed usage", "[tenants][scheduler]") {
  // X holds 4 PPUs for one half-life h = 3,600 s: usage 4 · h / ln 2 · (1 − 1/2) = 10,387.6
  // PPU-s; Y none. U_X = 1, S_X = 1/2: F_X = 2^(−2) = 0.25; F_Y = 2^0 = 1.
  TenantsSpec tenants;
  tenants.tenants = {tenant("X", 0, 8), tenant("Y", 0, 8)};
  TenantLedger ledger(tenants, 3600);
  ledger.started(0, 0, {.ppu_milli = 4 * TenantLedger::kMilli}, 0, 0);
  ledger.stopped(0, 3600);
  CHECK(ledger.decayed_usage(0) == Approx(4 * 3600 / std::log(2.0) * 0.5).epsilon(1e-12));
  SchedulerSpec spec;
  MultifactorPriority priority(spec);
  const ResourcePool pool(make_fat_tree_layout(tiny_scenario(1, 8, 1)), 8, PlacementPolicy::Pack);
  priority.refresh(ledger, pool);
  CHECK(priority.fair_share_factor(0) == Approx(0.25).epsilon(1e-12));
  CHECK(priority.fair_share_factor(1) == 1.0);
  // Another half-life with nothing running halves X's usage, but U_X stays 1: F_X unchanged.
  ledger.advance(7200);
  CHECK(ledger.decayed_usage(0) == Approx(4 * 3600 / std::log(2.0) * 0.25).epsilon(1e-12));
  // Age: 1,000 · min(1, age / 7 days) + 10,000 · F.
  CHECK(priority.priority(1, 0, 302400) == Approx(500 + 10000).epsilon(1e-12));
  // Y starts 4 PPUs at 7,200 s. Until the usages move on, F holds (a pass's second round
  // refreshes to the same factors); one half-life later Y's usage is 4 · h / ln 2 · ½ as X's
  // was, X's has halved again to a quarter of that: U_X = 1/5, U_Y = 4/5, F_X = 2^(−2/5),
  // F_Y = 2^(−8/5).
  ledger.started(1, 1, {.ppu_milli = 4 * TenantLedger::kMilli}, 0, 7200);
  priority.refresh(ledger, pool);
  CHECK(priority.fair_share_factor(0) == Approx(0.25).epsilon(1e-12));
  CHECK(priority.fair_share_factor(1) == 1.0);
  ledger.advance(10800);
  priority.refresh(ledger, pool);
  CHECK(priority.fair_share_factor(1) == Approx(std::pow(2.0, -1.6)).epsilon(1e-12));
  CHECK(priority.fair_share_factor(0) == Approx(std::pow(2.0, -0.4)).epsilon(1e-12));
}

TEST_CASE("chargeback shares are whole cents that sum to the total", "[tenants][cost]") {
  // 100.00 USD over three equal allocations: 33.333… each; the floors give 9,999 cents, the
  // cent left goes to the first of the equal remainders.
  CHECK(chargeback_cents(100, {1, 1, 1}, {1, 1, 1}) == std::vector<std::int64_t>{3334, 3333, 3333});
  // 10.01 USD in proportion 1 : 3: 250.25 and 750.75 cents: floors 250 + 750, the cent left to
  // the larger remainder (0.75).
  CHECK(chargeback_cents(10.01, {1, 3}, {1, 1}) == std::vector<std::int64_t>{250, 751});
  // Nothing allocated: by the fallback weights.
  CHECK(chargeback_cents(9, {0, 0}, {1, 2}) == std::vector<std::int64_t>{300, 600});
}

TEST_CASE("no \"(no tenant)\" row when every job has a tenant, whatever the rounding of the sums",
          "[tenants][report]") {
  // Three tenants, one job each, holding 0.2, 0.3 and 0.1 PPUs for one second. The run's total
  // adds them in the order the jobs end (0.1, 0.2, 0.3): 0.1 + 0.2 = 0.30000000000000004, + 0.3
  // = 0.6000000000000001; the tenants' sum in tenant order (0.2 + 0.3 = 0.5, + 0.1) is 0.6. The
  // difference, 1.1e-16 PPU-s, is rounding, not work without a tenant: no fourth row.
  Scenario scenario = tiny_scenario(1, 8, 1);
  scenario.tenants.tenants = {tenant("A", 0, 8), tenant("B", 0, 8), tenant("C", 0, 8)};
  const std::vector<double> held = {0.2, 0.3, 0.1};
  std::vector<JobRecord> jobs(3);
  for (int j = 0; j < 3; ++j) jobs[j].tenant = j;
  RunMetrics metrics(jobs, 10, std::numeric_limits<double>::infinity());
  metrics.set_tenant_guarantees({0, 0, 0});
  for (int j = 0; j < 3; ++j) {
    metrics.job_started(j, 0, 1, held[j], 1);
    metrics.tenant_allocation_changed(j, 0, held[j]);
  }
  for (int j : {2, 0, 1}) {
    metrics.job_finished(j, 1);
    metrics.tenant_allocation_changed(j, 1, 0);
  }
  metrics.close(1);
  REQUIRE(metrics.allocated_ppu_s().total() > 0.2 + 0.3 + 0.1);  // the rounding this is about
  const std::vector<ReportTenant> rows = tenant_section(scenario, metrics, 100);
  REQUIRE(rows.size() == 3);
  CHECK(rows[2].name == "C");
  CHECK(rows[0].allocated_ppu_hours == Approx(0.2 / 3600).epsilon(1e-12));
}

TEST_CASE("bad tenants are errors naming the JSON path", "[tenants][config]") {
  json doc = minimal_scenario();  // 16 nodes of 8 PPUs: 128 PPUs
  doc["tenants"] = json::parse(R"([{"name": "a", "guaranteed_ppus": 64}, {"name": "b", "weight": 0}])");
  REQUIRE_THROWS_WITH(parse_scenario(doc, "x.json"),
                      Contains("x.json: /tenants/1/weight: found 0, expected a number in (0, 1000000000]"));
  doc["tenants"] = json::parse(R"([{"name": "a", "guaranteed_ppus": 0}])");
  REQUIRE_THROWS_WITH(parse_scenario(doc, "x.json"),
                      Contains("/tenants/0/guaranteed_ppus: found 0, expected a positive integer"));
  doc["tenants"] =
      json::parse(R"([{"name": "a", "guaranteed_ppus": 64}, {"name": "b", "guaranteed_ppus": 65}])");
  REQUIRE_THROWS_WITH(
      parse_scenario(doc, "x.json"),
      Contains("/tenants/1/guaranteed_ppus: found 65, expected guarantees that sum to at most the "
               "cluster's 128 PPUs (tenants 0..1 sum to 129)"));
  doc["tenants"] = json::parse(R"([{"name": "a", "guaranteed_ppus": 8, "burst_ppus": 4}])");
  REQUIRE_THROWS_WITH(parse_scenario(doc, "x.json"), Contains("/tenants/0/burst_ppus: found 4"));
  doc["tenants"] = json::parse(R"([{"name": "a"}, {"name": "a"}])");
  REQUIRE_THROWS_WITH(parse_scenario(doc, "x.json"), Contains("/tenants/1/name"));
  doc["tenants"] = json::parse(R"([{"name": "a", "guaranteed_ppus": 64, "burst_ppus": 96, "weight": 2,
                                    "priority": 3, "job_share": 0.5}])");
  const Scenario ok = parse_scenario(doc, "x.json");
  REQUIRE(ok.tenants.count() == 1);
  CHECK(ok.tenants.tenants[0].burst_ppus == 96);
  CHECK(ok.tenants.tenants[0].job_share == 0.5);
}

TEST_CASE("tenants are accepted with every scheduling policy", "[tenants][config]") {
  // Each policy reads a tenant round its own way (Scheduler::schedule_round); none is refused.
  json doc = minimal_scenario();
  doc["tenants"] = json::parse(R"([{"name": "a", "guaranteed_ppus": 64}])");
  for (const char* policy :
       {"fifo", "easy-backfill", "conservative-backfill", "first-fit", "sjf", "priority"}) {
    doc["scheduler"]["policy"] = policy;
    CHECK(parse_scenario(doc, "x.json").tenants.count() == 1);
  }
}

TEST_CASE("a trace row naming an unknown tenant is an error with its line, or skipped", "[tenants][trace]") {
  const std::filesystem::path path = std::filesystem::temp_directory_path() / "ppusim_tenants_trace.jsonl";
  {
    std::ofstream out(path);
    out << R"({"id": "j0", "submit_s": 0, "ppus": 1, "flops": 1e15, "tenant": "alpha"})"
        << "\n";
    out << R"({"id": "j1", "submit_s": 1, "ppus": 1, "flops": 1e15, "tenant": "alpah"})"
        << "\n";
  }
  TenantsSpec tenants;
  tenants.tenants = {tenant("alpha", 0, 8)};
  JobTrace trace = read_job_trace(path.string(), false);
  REQUIRE_THROWS_WITH(resolve_tenants(trace, tenants, false),
                      Contains(path.string() + ":2: /tenant: found \"alpah\", expected one of the scenario's "
                                               "tenants (did you mean \"alpha\"?)"));
  resolve_tenants(trace, tenants, true);
  CHECK(trace.jobs.size() == 1);
  CHECK(trace.skipped_rows == 1);
  CHECK(trace.jobs[0].tenant_index == 0);
  std::filesystem::remove(path);
}

TEST_CASE("the generator draws tenants by job share, on a stream of its own", "[tenants][generator]") {
  JobTrace trace;
  trace.jobs.resize(4000);
  TenantsSpec tenants;
  tenants.tenants = {tenant("big", 0, 8, 3), tenant("small", 0, 8, 1)};
  draw_tenants(trace, tenants, 7);
  long long big = 0;
  for (const JobSpec& job : trace.jobs) big += job.tenant_index == 0 ? 1 : 0;
  // Binomial(4000, 3/4): mean 3,000, standard deviation 27; 5 sigma either side.
  CHECK(std::abs(big - 3000) < 137);
  CHECK(trace.jobs[0].tenant == (trace.jobs[0].tenant_index == 0 ? "big" : "small"));
}
