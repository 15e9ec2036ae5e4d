// The energy and cost formulas on round inputs.
#include <catch2/catch.hpp>

#include "sim/economics/energy_model.hpp"
#include "sim/economics/owned_cost_model.hpp"
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

TEST_CASE("owned cost per delivered PetaFLOP-day", "[economics]") {
  // 10 nodes × $100,000, network 20 % of the cluster → cluster $1.25M; amortized over 1 year,
  // a window of 0.1 year costs $125,000 (servers $100,000, network $25,000).
  // Energy: 1,000 kWh facility (3.6e9 J) at $0.10 = $100. Total $125,100.
  // Delivered 8.64e19 × 100 FLOP = 100 PF-days → $1,251 per PF-day.
  Scenario s = test::tiny_scenario(10, 8, 10);
  s.economics = {100000, 0.2, 1.0, 0.10, 1.0};
  EnergyBreakdown energy;
  energy.facility_joules = 3.6e9;
  const double window = 0.1 * kSecondsPerYear;
  const OwnedCost cost = compute_owned_cost(s, window, energy, 100 * kFlopsPerPetaflopDay, 3600.0 * 1000);
  CHECK(cost.capex_compute_usd == Approx(100000));
  CHECK(cost.capex_network_usd == Approx(25000));
  CHECK(cost.energy_usd == Approx(100));
  CHECK(cost.total_usd == Approx(125100));
  CHECK(cost.delivered_pflop_days == Approx(100));
  CHECK(*cost.usd_per_delivered_pflop_day == Approx(1251));
  CHECK(*cost.usd_per_allocated_ppu_hour == Approx(125.1));  // 1,000 PPU-hours allocated
}

TEST_CASE("nothing delivered: no cost per PF-day rather than infinity", "[economics]") {
  Scenario s = test::tiny_scenario(1, 8, 1);
  const OwnedCost cost = compute_owned_cost(s, 3600, EnergyBreakdown{}, 0, 0);
  CHECK_FALSE(cost.usd_per_delivered_pflop_day.has_value());
  CHECK_FALSE(cost.usd_per_allocated_ppu_hour.has_value());
}
