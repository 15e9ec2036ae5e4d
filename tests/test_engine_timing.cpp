// End-to-end checks of job timing against hand arithmetic. Each simulation runs in a child
// process (SimGrid allows one engine per process).
#include <catch2/catch.hpp>
#include <memory>

#include "sim/app/isolated_run.hpp"
#include "tests/scenario_fixtures.hpp"

using namespace ppusim;
using namespace ppusim::test;

namespace {

double end_of(const IsolatedRunOutput& run, std::size_t job) { return run.jobs[job]["end_s"].get<double>(); }
double start_of(const IsolatedRunOutput& run, std::size_t job) {
  return run.jobs[job]["start_s"].get<double>();
}

}  // namespace

TEST_CASE("a single job of known FLOPs on an idle cluster ends when arithmetic says", "[engine]") {
  // 16 PPUs × 1e15 FLOP/s delivered = 1.6e16 FLOP/s; 1.6e19 FLOP take exactly 1,000 s.
  const Scenario scenario = tiny_scenario(4, 8, 4);
  const auto run = simulate_in_child_process(scenario, trace_of({flops_job("a", 5, 16, 1.6e19)}));
  CHECK(start_of(run, 0) == 5.0);
  CHECK(end_of(run, 0) == Approx(1005.0).epsilon(1e-12));
  CHECK(run.report["jobs"]["finished"] == 1);
  // Window = [0, 1005]; 16 of 32 PPUs busy for 1,000 s.
  CHECK(run.report["utilization"]["busy"].get<double>() == Approx(16.0 * 1000 / (32 * 1005.0)));
  CHECK(run.report["work"]["delivered_flops"].get<double>() == Approx(1.6e19));
}

TEST_CASE("a data-parallel job inside one leaf pays its ring all-reduce on its NICs", "[engine]") {
  // 2 nodes × 8 PPUs, d = 16. N = 1e9 parameters, 2 bytes each: v = 2·15/16·2e9 = 3.75e9 B
  // per PPU per step. Per node k·v = 8 · 3.75e9 = 3e10 B per step over 400 GB/s = 0.075 s
  // (NVLink: 3.75e9 / 1e12 = 0.00375 s, not the bottleneck).
  // D = 1.6e12 tokens, B = 1.6e10 → 100 steps. Compute: 6·N·D = 9.6e21 / 1.6e16 = 6e5 s.
  const Scenario scenario = tiny_scenario(4, 8, 4);
  const auto run =
      simulate_in_child_process(scenario, trace_of({model_job("m", 0, 16, 1e9, 1.6e12, 1.6e10)}));
  CHECK(end_of(run, 0) == Approx(6e5 + 100 * 0.075).epsilon(1e-12));
  CHECK(run.jobs[0]["leaves_spanned"] == 1);
}

TEST_CASE("link latency adds the ring's alpha term, not a bandwidth penalty", "[engine]") {
  // As the job inside one leaf above, with 1 µs per link: each step adds 2(d − 1) ring hops of
  // 2 links, 2·15·2·1e-6 = 6e-5 s; 100 steps add 6e-3 s.
  Scenario scenario = tiny_scenario(4, 8, 4);
  scenario.topology.link_latency_s = 1e-6;
  const auto run =
      simulate_in_child_process(scenario, trace_of({model_job("m", 0, 16, 1e9, 1.6e12, 1.6e10)}));
  CHECK(end_of(run, 0) == Approx(6e5 + 100 * (0.075 + 6e-5)).epsilon(1e-12));
}

TEST_CASE("a ring crossing an oversubscribed leaf uplink runs at the uplink's rate", "[engine][network]") {
  // One node per leaf, so a 2-node job crosses both leaves' uplinks. Leaf downlink 400 GB/s,
  // oversubscription 4 → 100 GB/s = one 100 GB/s link. Per step each node sends 3e10 B
  // (as above): 3e10 / 1e11 = 0.3 s instead of 0.075 s on the NICs.
  Scenario scenario = tiny_scenario(2, 8, 1);
  scenario.topology.link_bandwidth_bytes_per_s = 100e9;
  scenario.topology.leaf_oversubscription = 4;
  const auto run =
      simulate_in_child_process(scenario, trace_of({model_job("m", 0, 16, 1e9, 1.6e12, 1.6e10)}));
  CHECK(run.report["topology"]["leaf_uplink_bandwidth_bytes_per_s"].get<double>() == 100e9);
  CHECK(run.jobs[0]["leaves_spanned"] == 2);
  CHECK(end_of(run, 0) == Approx(6e5 + 100 * 0.3).epsilon(1e-9));
}

TEST_CASE("two rings sharing one uplink each get half its bandwidth", "[engine][network]") {
  // Two leaves of 2 nodes, spread placement: job a gets nodes 0 and 2, job b nodes 1 and 3,
  // so both rings cross leaf0 and leaf1 uplinks (100 GB/s) in the same direction at once.
  // Alone: 3e10 B per step at 100 GB/s = 0.3 s. Together: 50 GB/s each, 0.6 s per step.
  Scenario scenario = tiny_scenario(4, 8, 2);
  scenario.topology.link_bandwidth_bytes_per_s = 100e9;
  scenario.topology.leaf_oversubscription = 8;  // 800 GB/s down / 8 = one 100 GB/s link
  scenario.scheduler.placement = PlacementPolicy::Spread;
  const JobSpec a = model_job("a", 0, 16, 1e9, 1.6e12, 1.6e10);
  const JobSpec b = model_job("b", 0, 16, 1e9, 1.6e12, 1.6e10);
  const auto alone = simulate_in_child_process(scenario, trace_of({a}));
  const auto together = simulate_in_child_process(scenario, trace_of({a, b}));
  CHECK(end_of(alone, 0) == Approx(6e5 + 100 * 0.3).epsilon(1e-9));
  CHECK(end_of(together, 0) == Approx(6e5 + 100 * 0.6).epsilon(1e-9));
  CHECK(end_of(together, 1) == Approx(6e5 + 100 * 0.6).epsilon(1e-9));
}

TEST_CASE("an oversubscribed pod-to-core tier slows a cross-pod ring by its ratio", "[engine][network]") {
  // Three tiers: 2 pods × 1 leaf × 1 node. Leaf uplink 400 GB/s (1:1, four 100 GB/s links);
  // the pod uplink is 400 GB/s at 1:1 and 100 GB/s at 4:1. Per step 3e10 B:
  // 1:1 → 0.075 s (NIC-bound), 4:1 → 0.3 s: the communication time grows 4×.
  Scenario scenario = tiny_scenario(2, 8, 1);
  scenario.topology.tiers = 3;
  scenario.topology.leaves_per_pod = 1;
  scenario.topology.link_bandwidth_bytes_per_s = 100e9;
  const JobSpec job = model_job("m", 0, 16, 1e9, 1.6e12, 1.6e10);
  const auto full = simulate_in_child_process(scenario, trace_of({job}));
  scenario.topology.pod_oversubscription = 4;
  const auto oversubscribed = simulate_in_child_process(scenario, trace_of({job}));
  const double comm_full = end_of(full, 0) - 6e5;
  const double comm_over = end_of(oversubscribed, 0) - 6e5;
  CHECK(comm_full == Approx(7.5).epsilon(1e-6));
  CHECK(comm_over == Approx(30.0).epsilon(1e-6));
  CHECK(comm_over / comm_full == Approx(4.0).epsilon(1e-6));
}

TEST_CASE("segments do not change an uncontended job's time", "[engine]") {
  // Same cross-leaf job as above cut into 10 segments of 10 steps: the sum is unchanged.
  Scenario scenario = tiny_scenario(2, 8, 1);
  scenario.topology.link_bandwidth_bytes_per_s = 100e9;
  scenario.topology.leaf_oversubscription = 4;
  scenario.simulation.segment_s = 6e4;
  const auto run =
      simulate_in_child_process(scenario, trace_of({model_job("m", 0, 16, 1e9, 1.6e12, 1.6e10)}));
  CHECK(run.report["engine"]["segments"] == 11);  // ceil((6e5 + 7.5) / 6e4) = 11 segments
  CHECK(end_of(run, 0) == Approx(6e5 + 100 * 0.3).epsilon(1e-9));
}

TEST_CASE("dataset staging shares the storage link", "[engine][storage]") {
  // Storage: 1e12 B/s aggregate, 10e9 B/s per client. One 1-node job reading 1e12 B alone:
  // 100 s at the per-client cap. 200 such jobs at once would want 2e12 B/s: each gets 5e9 B/s,
  // so staging takes 200 s; here 150 one-PPU jobs on 150 nodes: 1.5e12 wanted, 1e12/150 each.
  Scenario scenario = tiny_scenario(150, 1, 150);
  std::vector<JobSpec> jobs;
  for (int i = 0; i < 150; ++i) {
    JobSpec job = flops_job("s" + std::to_string(i), 0, 1, 1e17);  // 100 s of compute at 1e15
    job.dataset_bytes = 1e12;
    jobs.push_back(job);
  }
  const auto together = simulate_in_child_process(scenario, trace_of(jobs));
  const auto alone = simulate_in_child_process(scenario, trace_of({jobs[0]}));
  CHECK(end_of(alone, 0) == Approx(100.0 + 100.0).epsilon(1e-9));
  CHECK(end_of(together, 0) == Approx(150.0 + 100.0).epsilon(1e-9));
}

TEST_CASE("a ring crossing a non-blocking fabric is timed by arithmetic, as SimGrid would time it",
          "[engine][network]") {
  // One node per leaf at 1:1: each leaf uplink carries 400 GB/s, its one node's NIC bandwidth,
  // and nothing but ring edges crosses it (no storage, no failures), so no flow can slow
  // another (docs/engine.md, "Ring flows on an uncontended fabric"). The 2-node job holds both
  // nodes whole: each step's boundary flow of k·v = 3e10 B takes 3e10 / 4e11 = 0.075 s on its
  // NIC, no longer than the private ring time (0.075 s), so a step costs compute + 0.075 s and
  // the job runs without a SimGrid actor or flow: 6e5 + 100 · 0.075.
  Scenario scenario = tiny_scenario(2, 8, 1);
  const JobSpec job = model_job("m", 0, 16, 1e9, 1.6e12, 1.6e10);
  const auto analytic = simulate_in_child_process(scenario, trace_of({job}));
  CHECK(analytic.jobs[0]["leaves_spanned"] == 2);
  CHECK(analytic.report["engine"]["network_jobs"] == 0);
  CHECK(analytic.report["engine"]["flows"] == 0);
  CHECK(end_of(analytic, 0) == Approx(6e5 + 100 * 0.075).epsilon(1e-12));

  // The same job with a latency of 1 µs per link: 2(d − 1) = 30 ring hops of 4 links per step
  // (NIC, uplink, uplink, NIC) add 30 · 4 · 1e-6 = 1.2e-4 s to each step.
  scenario.topology.link_latency_s = 1e-6;
  const auto with_latency = simulate_in_child_process(scenario, trace_of({job}));
  CHECK(end_of(with_latency, 0) == Approx(6e5 + 100 * (0.075 + 1.2e-4)).epsilon(1e-12));
  scenario.topology.link_latency_s = 0;

  // Two nodes per leaf at 2:1, the job spread over both leaves: each uplink (400 GB/s) could
  // be asked for two NICs' worth, so the job's flows go through SimGrid; alone, they get
  // 400 GB/s all the same, and SimGrid's time agrees with the arithmetic to rounding.
  Scenario blocking = tiny_scenario(4, 8, 2);
  blocking.topology.leaf_oversubscription = 2;
  blocking.scheduler.placement = PlacementPolicy::Spread;
  const auto simulated = simulate_in_child_process(blocking, trace_of({job}));
  CHECK(simulated.jobs[0]["leaves_spanned"] == 2);
  CHECK(simulated.report["engine"]["network_jobs"] == 1);
  CHECK(simulated.report["engine"]["flows"] == 2);
  CHECK(end_of(simulated, 0) == Approx(end_of(analytic, 0)).epsilon(1e-12));
}

TEST_CASE("a ring is timed by arithmetic beside another job's storage traffic", "[engine][network]") {
  // As above (non-blocking, 2 nodes in 2 leaves, 1 more node for a third job), but another job
  // of the trace stages a dataset. Its flows (one per node, through the node's storage client)
  // cross its leaf group's uplink while the ring's edges may: one flow per node below the
  // uplink at a time, each at most a NIC's rate, which the 1:1 uplink carries, so the ring's
  // edges still get their NICs' rate (docs/engine.md, "Ring flows on an uncontended fabric").
  // Only the reader needs an actor; the ring takes 6e5 + 100 · 0.075 s.
  Scenario scenario = tiny_scenario(3, 8, 1);
  JobSpec reader = flops_job("r", 0, 1, 1e17);
  reader.dataset_bytes = 1e9;
  const JobSpec ring = model_job("m", 0, 16, 1e9, 1.6e12, 1.6e10);
  const auto run = simulate_in_child_process(scenario, trace_of({ring, reader}));
  CHECK(run.report["engine"]["network_jobs"] == 1);  // the reader
  CHECK(end_of(run, 0) == Approx(6e5 + 100 * 0.075).epsilon(1e-12));
}

TEST_CASE("a ring stays a SimGrid flow when the trace streams input", "[engine][network]") {
  // The ring job of the tests above, on its non-blocking 2 leaf groups, reads 1e6 B of input a
  // step: its reads cross the uplinks in the same segments as its ring edges, so the fabric's
  // count of one flow per node no longer holds and the ring stays SimGrid flows: 2 edges
  // (leaf0 → leaf1, leaf1 → leaf0) in each of its 100 one-step segments (segment_s 6,000:
  // ⌈600,007.5 / 6,000⌉ = 101, at most 100 steps), plus the reads. Each node reads 5e5 B a step
  // at its 10 GB/s client link (5e-5 s), well inside the step: the job takes 6e5 + 100 · 0.075
  // s all the same, and SimGrid's time agrees with the arithmetic to rounding.
  Scenario scenario = tiny_scenario(2, 8, 1);
  scenario.simulation.segment_s = 6000;
  JobSpec ring = model_job("m", 0, 16, 1e9, 1.6e12, 1.6e10);
  ring.input = std::make_shared<const StreamingInput>(StreamingInput{1e6, InputUnit::PerStep, ""});
  const auto run = simulate_in_child_process(scenario, trace_of({ring}));
  CHECK(run.jobs[0]["leaves_spanned"] == 2);
  CHECK(run.report["engine"]["network_jobs"] == 1);
  CHECK(run.report["engine"]["flows"].get<long long>() >= 2 * 100);
  CHECK(end_of(run, 0) == Approx(6e5 + 100 * 0.075).epsilon(1e-9));
}

TEST_CASE("a failure interrupts a job whose ring is timed by arithmetic: it ends when arithmetic says",
          "[engine][network][failures]") {
  // The ring job above (one node per leaf, 1:1), with a 2e9 B checkpoint: 1e9 B per node,
  // moved at the 10 GB/s client link in 0.1 s (the store, 1e12 B/s, and the 400 GB/s uplinks
  // are far from it), loaded before the first step and written every C = 1e5 s of progress.
  // Failures interrupt jobs, and the job writes checkpoints through its leaf groups' uplinks,
  // yet its ring edges cannot be slowed (docs/engine.md): the job keeps an actor for its
  // checkpoints, and its ring is timed by arithmetic, 0.075 s a step.
  //   Attempt 1: load 0–0.1; node 0 fails at 5e4, at progress 49,999.9 < C: nothing saved.
  //   Repair and recovery take no time: attempt 2 starts at 5e4, loads (0.1 s), runs its
  //   100 steps of 6,000.075 s (one a segment: segment_s 6,000, ⌈600,007.5 / 6,000⌉ = 101,
  //   at most 100 steps), and writes at progress 1e5, …, 6e5 (each inside a compute
  //   phase; none at the very end), 6 × 0.1 s:
  //     end = 5e4 + 0.1 + 600,007.5 + 0.6 = 650,008.2 s.
  //   Flows: only checkpoints, one per leaf group: 2 loads per attempt + 6 writes × 2 = 16.
  Scenario scenario = tiny_scenario(2, 8, 1);
  scenario.simulation.segment_s = 6000;
  scenario.failures.enabled = true;
  scenario.failures.events = {{5e4, ComponentKind::Node, 0}};
  scenario.failures.checkpoint.interval_s = 1e5;
  JobSpec job = model_job("m", 0, 16, 1e9, 1.6e12, 1.6e10);
  job.checkpoint_bytes = 2e9;
  const auto analytic = simulate_in_child_process(scenario, trace_of({job}));
  CHECK(analytic.jobs[0]["interruptions"] == 1);
  CHECK(analytic.jobs[0]["leaves_spanned"] == 2);
  CHECK(analytic.report["engine"]["network_jobs"] == 2);  // one actor per attempt
  CHECK(analytic.report["engine"]["flows"] == 16);
  CHECK(end_of(analytic, 0) == Approx(650008.2).epsilon(1e-12));
  CHECK(analytic.jobs[0]["checkpoint_write_s"].get<double>() == Approx(0.6).epsilon(1e-9));

  // Without its checkpoint the job moves nothing through storage: failures on, it still needs
  // no actor. Interrupted at 5e4 with nothing saved, it restarts at once and runs all of it:
  //   end = 5e4 + 600,007.5 s, with no flow at all.
  JobSpec plain = model_job("m", 0, 16, 1e9, 1.6e12, 1.6e10);
  const auto local = simulate_in_child_process(scenario, trace_of({plain}));
  CHECK(local.jobs[0]["interruptions"] == 1);
  CHECK(local.report["engine"]["network_jobs"] == 0);
  CHECK(local.report["engine"]["flows"] == 0);
  CHECK(end_of(local, 0) == Approx(650007.5).epsilon(1e-12));

  // The fabric must refuse a 2:1 leaf uplink (two nodes per leaf, the job spread over both
  // leaves): its ring edges are SimGrid flows, at least 2 per segment of attempt 2 beside the
  // 16 checkpoint flows. Alone, they get the uplink's 400 GB/s, the NIC's rate: the same end.
  Scenario blocking = tiny_scenario(4, 8, 2);
  blocking.topology.leaf_oversubscription = 2;
  blocking.scheduler.placement = PlacementPolicy::Spread;
  blocking.failures = scenario.failures;
  blocking.simulation.segment_s = 6000;
  const auto simulated = simulate_in_child_process(blocking, trace_of({job}));
  CHECK(simulated.jobs[0]["interruptions"] == 1);
  CHECK(simulated.report["engine"]["flows"].get<long long>() >= 16 + 2 * 100);
  CHECK(end_of(simulated, 0) == Approx(650008.2).epsilon(1e-12));
}
