// The energy and cost formulas on round inputs.
#include <catch2/catch.hpp>

#include "sim/economics/cost_breakdown.hpp"
#include "sim/economics/energy_model.hpp"
#include "tests/scenario_fixtures.hpp"

using namespace ppusim;

TEST_CASE("energy: idle floor, busy increment, host power and PUE", "[economics]") {
  // 10 nodes × 8 PPUs; idle 100 W, TDP 700 W; host 1,000 W per node; PUE 1.5; 1 hour window
  // with 40 PPU-hours busy.
  // host: 10 × 1000 × 3600 = 3.6e7 J; idle: 80 × 100 × 3600 = 2.88e7 J;
  // busy extra: 600 × 40 × 3600 = 8.64e7 J; IT = 1.512e8 J = 42 kWh; facility 63 kWh.
  Scenario s = test::tiny_scenario(10, 8, 10);
  s.node.host_watts = 1000;
  s.economics.pue = 1.5;
  const EnergyBreakdown e = compute_energy(s, 3600, 40 * 3600);
  CHECK(e.it_joules == Approx(1.512e8));
  CHECK(e.it_joules / kJoulesPerKwh == Approx(42.0));
  CHECK(e.facility_joules / kJoulesPerKwh == Approx(63.0));
}

namespace {

CostInputs inputs_for(double window_s, double facility_joules, double delivered_flops,
                      double allocated_ppu_s) {
  CostInputs in;
  in.window_s = window_s;
  in.energy.facility_joules = facility_joules;
  in.delivered_flops = delivered_flops;
  in.allocated_ppu_s = allocated_ppu_s;
  in.billed_ppu_s = allocated_ppu_s;
  in.busy_ppu_s = allocated_ppu_s;
  return in;
}

}  // namespace

TEST_CASE("owned cost per delivered PetaFLOP-day", "[economics]") {
  // 10 nodes × $100,000, network 20 % of the cluster → cluster $1.25M; amortized over 1 year,
  // a window of 0.1 year costs $125,000 (servers $100,000, network $25,000).
  // Energy: 1,000 kWh facility (3.6e9 J) at $0.10 = $100. Total $125,100.
  // Delivered 8.64e19 × 100 FLOP = 100 PF-days → $1,251 per PF-day.
  Scenario s = test::tiny_scenario(10, 8, 10);
  s.economics.capex_per_node_usd = 100000;
  s.economics.network_capex_fraction = 0.2;
  s.economics.amortization_years = 1.0;
  s.economics.power_price_usd_per_kwh = 0.10;
  const double window = 0.1 * kSecondsPerYear;
  const CostBreakdown cost =
      compute_cost(s, inputs_for(window, 3.6e9, 100 * kFlopsPerPetaflopDay, 3600.0 * 1000));
  CHECK(cost.capex_compute_usd == Approx(100000));
  CHECK(cost.capex_network_usd == Approx(25000));
  CHECK(cost.energy_usd == Approx(100));
  CHECK(cost.total_usd == Approx(125100));
  CHECK(cost.delivered_pflop_days == Approx(100));
  CHECK(*cost.usd_per_delivered_pflop_day == Approx(1251));
  CHECK(*cost.usd_per_allocated_ppu_hour == Approx(125.1));  // 1,000 PPU-hours allocated
}

TEST_CASE("owned cost: colocation on peak IT power, staff per node", "[economics]") {
  // 10 nodes × (8 × 700 W + 0 W host) = 56 kW peak IT; $200 per kW-month for one month =
  // $11,200. Staff $12,000 per node-year for one month: 10 × 1,000 = $10,000.
  Scenario s = test::tiny_scenario(10, 8, 10);
  s.economics.capex_per_node_usd = 0;
  s.economics.colocation_usd_per_kw_month = 200;
  s.economics.staff_usd_per_node_year = 12000;
  const CostBreakdown cost = compute_cost(s, inputs_for(kSecondsPerMonth, 0, 0, 0));
  CHECK(cost.colocation_usd == Approx(11200));
  CHECK(cost.staff_usd == Approx(10000));
  CHECK(cost.total_usd == Approx(21200));
  // Nothing allocated: all of it is idle spending.
  CHECK(cost.spent_idle_usd == Approx(21200));
}

TEST_CASE("cloud cost: allocated billing pays held PPU-time, reserved pays the cluster", "[economics]") {
  // 80 PPUs, one day; jobs held 500 PPU-hours (billed the same, granularity already applied).
  // Allocated at $2/PPU-h: $1,000, nothing idle. Reserved at $2/PPU-h: 80 × 24 × 2 = $3,840,
  // of which (1,920 − 500)/1,920 is idle.
  Scenario s = test::tiny_scenario(10, 8, 10);
  s.economics.model = CostModel::Cloud;
  s.economics.usd_per_ppu_hour = 2;
  const CostInputs in = inputs_for(86400, 0, 0, 500 * 3600.0);
  const CostBreakdown allocated = compute_cost(s, in);
  CHECK(allocated.cloud_bill_usd == Approx(1000));
  CHECK(allocated.total_usd == Approx(1000));
  CHECK(allocated.spent_idle_usd == Approx(0));
  s.economics.billing = CloudBilling::Reserved;
  const CostBreakdown reserved = compute_cost(s, in);
  CHECK(reserved.cloud_bill_usd == Approx(3840));
  CHECK(reserved.spent_idle_usd == Approx(3840.0 * (1920 - 500) / 1920));
}

TEST_CASE("nothing delivered: no cost per PF-day rather than infinity", "[economics]") {
  Scenario s = test::tiny_scenario(1, 8, 1);
  const CostBreakdown cost = compute_cost(s, inputs_for(3600, 0, 0, 0));
  CHECK_FALSE(cost.usd_per_delivered_pflop_day.has_value());
  CHECK_FALSE(cost.usd_per_allocated_ppu_hour.has_value());
  CHECK(cost.usd_per_available_ppu_hour.has_value());
}

TEST_CASE("staff: per node-year on premise, per job on both models", "[economics][staff]") {
  // Owned: 10 nodes at $12,000 per node-year for one month = $10,000, plus 4 jobs started at
  // $250 = $1,000: staff $11,000.
  Scenario s = test::tiny_scenario(10, 8, 10);
  s.economics.capex_per_node_usd = 0;
  s.economics.staff_usd_per_node_year = 12000;
  s.economics.staff_usd_per_job = 250;
  CostInputs in = inputs_for(kSecondsPerMonth, 0, 0, 0);
  in.jobs_started = 4;
  CHECK(compute_cost(s, in).staff_usd == Approx(11000));
  CHECK(staff_cost_usd(s, kSecondsPerMonth, 4) == Approx(11000));
  // Managed cloud: the provider's operations staff is in the PPU-hour price, so the node-year
  // rate does not apply; the user's own staff per job does: 4 × $250 = $1,000, on top of the
  // bill of 100 PPU-hours at $2 = $200.
  s.economics.model = CostModel::Cloud;
  s.economics.usd_per_ppu_hour = 2;
  in.allocated_ppu_s = in.billed_ppu_s = in.busy_ppu_s = 100 * 3600.0;
  const CostBreakdown cloud = compute_cost(s, in);
  CHECK(cloud.staff_usd == Approx(1000));
  CHECK(cloud.cloud_bill_usd == Approx(200));
  CHECK(cloud.total_usd == Approx(1200));
}
