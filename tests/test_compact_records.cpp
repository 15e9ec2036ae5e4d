// The compact storage of a run's per-job data (docs/performance.md, "month-1m"): interned
// strings, heap-held optional parts of a job, and the computing intervals kept outside the job
// records. Each must read back exactly what was stored, and the accounting must not change.
#include <catch2/catch.hpp>
#include <limits>
#include <optional>
#include <string>

#include "sim/core/boxed_optional.hpp"
#include "sim/core/interned_string.hpp"
#include "sim/metrics/run_metrics.hpp"
#include "workloads/job_spec.hpp"

using namespace ppusim;

TEST_CASE("compact: equal texts intern to one table entry, different texts to different ones", "[compact]") {
  const std::string built = std::string("H100") + "-SXM";  // not the literal's own storage
  const InternedString a("H100-SXM");
  const InternedString b(built);
  const InternedString c("A100");
  CHECK(a == b);
  CHECK(&a.str() == &b.str());  // one copy of the text
  CHECK_FALSE(a == c);
  CHECK(a.str() == "H100-SXM");
  CHECK(c == std::string_view("A100"));
  CHECK(a.size() == 8);

  // The empty string takes no table entry and equals the default value.
  const InternedString empty("");
  CHECK(empty.empty());
  CHECK(empty == InternedString());
  CHECK(empty.str().empty());

  // Assigning and concatenating read the text.
  InternedString tenant;
  tenant = std::string("team-a");
  CHECK(tenant == InternedString("team-a"));
  CHECK("tenant " + tenant + "!" == std::string("tenant team-a!"));
  CHECK(sizeof(InternedString) == sizeof(void*));
}

TEST_CASE("compact: a boxed optional holds its value on the heap and copies it", "[compact]") {
  BoxedOptional<ModelDescription> none;
  CHECK_FALSE(none.has_value());
  CHECK_FALSE(none);
  CHECK_THROWS_AS(none.value(), std::bad_optional_access);

  ModelDescription model;
  model.parameters = 7e9;
  model.tokens = 2e12;
  BoxedOptional<ModelDescription> one = model;
  REQUIRE(one);
  CHECK(one->parameters == 7e9);
  CHECK((*one).tokens == 2e12);

  // A copy is its own value: changing it leaves the original alone.
  BoxedOptional<ModelDescription> copy = one;
  copy->tokens = 1e12;
  CHECK(one->tokens == 2e12);
  CHECK(copy->tokens == 1e12);

  copy = std::nullopt;
  CHECK_FALSE(copy);
  copy.emplace().parameters = 1;
  CHECK(copy->parameters == 1);
  one.reset();
  CHECK_FALSE(one.has_value());

  // One pointer in the job, where std::optional<ModelDescription> takes the whole description.
  CHECK(sizeof(BoxedOptional<ModelDescription>) == sizeof(void*));
  CHECK(sizeof(std::optional<ModelDescription>) > sizeof(ModelDescription));
}

TEST_CASE("compact: a computing interval outside the record accounts as the arithmetic says", "[compact]") {
  // Two jobs of 4 PPU-equivalents, bins of 100 s, no horizon.
  //   Job 0 computes at half duty over [100, 300), delivering 1e12 FLOP/s while busy:
  //     compute_s 200 · 0.5 = 100 s; busy 200 · 4 · 0.5 = 400 PPU·s;
  //     delivered 200 · 1e12 · 0.5 = 1e14 FLOP.
  //   Job 1 computes at full duty from 250, still open when the window closes at 400:
  //     compute_s 150 s; busy 150 · 4 = 600 PPU·s; delivered 150 · 2e12 = 3e14 FLOP.
  std::vector<JobRecord> jobs(2);
  for (JobRecord& job : jobs) job.ppu_equivalents = 4;
  RunMetrics metrics(jobs, 100, std::numeric_limits<double>::infinity());
  metrics.job_started(0, 100, 4, 4, 1);
  metrics.job_started(1, 250, 4, 4, 1);

  CHECK(metrics.open_compute(0) == nullptr);
  metrics.begin_compute(0, 100, 0.5, 1e12);
  REQUIRE(metrics.open_compute(0) != nullptr);
  CHECK(metrics.open_compute(0)->since == 100);
  metrics.begin_compute(1, 250, 1.0, 2e12);
  metrics.end_compute(0, 300);
  CHECK(metrics.open_compute(0) == nullptr);  // closed: no longer held
  CHECK(metrics.jobs()[0].compute_s == 100);
  metrics.end_compute(0, 350);  // nothing open: nothing more counted
  CHECK(metrics.jobs()[0].compute_s == 100);

  metrics.close(400);
  CHECK(metrics.open_compute(1) == nullptr);
  CHECK(metrics.jobs()[1].compute_s == 150);
  CHECK(metrics.busy_ppu_s().total() == 400 + 600);
  CHECK(metrics.delivered_flops().total() == 1e14 + 3e14);
  // Per bin of 100 s: [200, 300) has job 0's 100 s · 2 PPU and job 1's 50 s · 4 PPU.
  const std::vector<double> busy = metrics.busy_ppu_s().bins(400);
  REQUIRE(busy.size() == 4);
  CHECK(busy[0] == 0);
  CHECK(busy[1] == 200);
  CHECK(busy[2] == 200 + 200);
  CHECK(busy[3] == 400);
}
