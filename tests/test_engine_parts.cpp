// The engine's event queue and a training job's attempts, on their own (docs/engine.md).
#include <catch2/catch.hpp>
#include <cmath>
#include <optional>
#include <utility>
#include <vector>

#include "sim/engine/engine_event.hpp"
#include "sim/engine/job_attempts.hpp"

using namespace ppusim;

TEST_CASE("events at one instant come in phase order, local job ends by job index", "[engine]") {
  EventQueue queue;
  queue.push({.time_s = 5, .type = EventType::Arrival, .target = 9});
  queue.push({.time_s = 5, .type = EventType::NodeBack, .target = 3});
  queue.push({.time_s = 5, .type = EventType::LocalJobEnd, .target = 7});
  queue.push({.time_s = 5, .type = EventType::ComponentFailure});
  queue.push({.time_s = 5, .type = EventType::LocalJobEnd, .target = 2});
  queue.push({.time_s = 5, .type = EventType::SpareBack});
  queue.push({.time_s = 5, .type = EventType::NetworkJobDone, .target = 8});
  queue.push({.time_s = 4, .type = EventType::Arrival, .target = 1});
  REQUIRE(queue.next_time() == 4);

  std::vector<std::pair<EventType, int>> order;
  while (!queue.empty()) {
    const EngineEvent event = queue.pop();
    order.emplace_back(event.type, event.target);
  }
  // Time first; then network ends, local ends (job 2 before job 7 though pushed after),
  // failures, their consequences in the order queued (NodeBack before SpareBack), arrivals.
  const std::vector<std::pair<EventType, int>> expected{
      {EventType::Arrival, 1},     {EventType::NetworkJobDone, 8},   {EventType::LocalJobEnd, 2},
      {EventType::LocalJobEnd, 7}, {EventType::ComponentFailure, 0}, {EventType::NodeBack, 3},
      {EventType::SpareBack, 0},   {EventType::Arrival, 9}};
  CHECK(order == expected);
  CHECK(std::isinf(queue.next_time()));
}

TEST_CASE("an interruption keeps the progress saved by the last checkpoint", "[engine][failures]") {
  JobWork work;
  work.total_flops = 1000;
  work.compute_s = 100;
  work.steps = 10;
  JobAttempts attempts(1);
  attempts.arrived(0, work);
  Allocation allocation;
  allocation.nodes = {0, 1};
  allocation.ppus_per_node = 4;

  // Starts at 0, trains from 10 (setup), computes half the time at 2 FLOP/s.
  attempts.started(0, allocation, 2, 2.0, 0.5, 0.0);
  attempts.steps_began(0, 10);
  CHECK(attempts.progress_s(0, 40) == 30);
  // A checkpoint written from 40 to 45 saves 40 % of the work; writing is not progress.
  attempts.checkpoint_write_began(0, 40);
  CHECK(attempts.checkpoint_written(0, 45, 0.4) == 5);
  CHECK(attempts.progress_s(0, 60) == 45);  // 60 - 10 - 5

  // Interrupted at 60 during a second write begun at 55: 40 s of progress, 30 s saved.
  attempts.checkpoint_write_began(0, 55);
  const std::optional<JobAttempts::Interruption> cost = attempts.interrupt(0, 60);
  REQUIRE(cost);
  CHECK(cost->progress_s == 40);  // 55 - 10 - 5
  CHECK(cost->kept_s == 30);
  CHECK(cost->lost_s == 10);
  CHECK(cost->lost_flops == 10);  // 10 s × busy 0.5 × 2 FLOP/s
  CHECK(cost->write_open);
  CHECK(cost->open_write_s == 5);
  CHECK(attempts.current(0) == 1);
  CHECK_FALSE(attempts.is_current(0, 0));
  CHECK_FALSE(attempts.interrupt(0, 61));  // already down

  // Released at 90 after holding its nodes 30 s; the next attempt has 60 % of the work left.
  const auto released = attempts.release_interrupted(0, 90);
  REQUIRE(released);
  CHECK(released->first.nodes == allocation.nodes);
  CHECK(released->second == 30);
  CHECK_FALSE(attempts.holds_nodes(0));
  CHECK(attempts.has_checkpoint(0));
  const JobWork left = attempts.remaining_work(0);
  CHECK(left.compute_s == Approx(60));
  CHECK(left.total_flops == Approx(600));
  CHECK(left.steps == Approx(6));
}

TEST_CASE("an attempt's state lives while it holds nodes; the job's work until it ends", "[engine]") {
  JobWork work;
  work.compute_s = 50;
  JobAttempts attempts(3);
  attempts.arrived(2, work);
  CHECK_FALSE(attempts.holds_nodes(2));
  CHECK_FALSE(attempts.is_running(2));
  CHECK(attempts.progress_s(2, 10) == 0);  // no attempt holds nodes: no progress

  Allocation allocation;
  allocation.nodes = {4};
  allocation.ppus_per_node = 8;
  attempts.started(2, allocation, 1, 1.0, 1.0, 5.0);
  attempts.steps_began(2, 7);
  CHECK(attempts.is_running(2));
  CHECK(attempts.started_at(2) == 5);
  CHECK(attempts.progress_s(2, 20) == 13);  // 20 - 7
  CHECK(attempts.remaining_work(2).compute_s == 50);

  const std::optional<Allocation> held = attempts.finish(2);
  REQUIRE(held);
  CHECK(held->nodes == std::vector<int>{4});
  CHECK_FALSE(attempts.holds_nodes(2));
  CHECK_FALSE(attempts.finish(2));  // nothing held any more
  CHECK(attempts.running_progress(30).empty());
}
