// The physical plausibility bounds of every quantity a scenario file holds, in one place.
//
// A number can be a valid double and still describe no machine: a link latency of 1e12 s
// makes SimGrid allocate for ever, a bandwidth of 1e-300 b/s deadlocks its solver, a TDP of
// 1e308 W turns the energy bill into inf and the cost into NaN. The loaders read each such
// quantity with one of these ranges, so a scenario that validates is one the simulator can run
// to a meaningful report. Each bound is generous (10x to 1000x beyond today's hardware) so that
// no real design is refused; docs/config.md, "Plausibility bounds", gives the reason for each.
// Messages come from NumberRange::describe(): "found 1e+12, expected a number in [0, 1]".
#pragma once

#include "sim/core/json_reader.hpp"

namespace ppusim::plausible {

// --- Time ---------------------------------------------------------------------------------------

/// Longest duration of anything simulated (horizon, job, delay, repair): about 31.7 years,
/// longer than any cluster's life.
inline constexpr double kMaxDurationS = 1e9;
/// A positive duration: (0, 1e9] s.
inline NumberRange duration() { return NumberRange::positive().at_most(kMaxDurationS); }
/// A duration that may be zero (a delay, an offset, a time of day of an event): [0, 1e9] s.
inline NumberRange delay() { return NumberRange::non_negative().at_most(kMaxDurationS); }
/// One network or storage hop: [0, 1] s. A WAN round trip across the planet is 0.3 s.
inline NumberRange latency() { return NumberRange::non_negative().at_most(1); }
/// Width of a time-series bin or an engine segment: [1, 1e9] s. Finer bins multiply memory
/// and output by the horizon without telling a planner more.
inline NumberRange bin_width() { return NumberRange::at_least(1).at_most(kMaxDurationS); }

// --- Network and memory -------------------------------------------------------------------------

/// A network port, in bits per second: [1 Mb/s, 100 Tb/s]. Below 1 Mb/s a collective of a
/// real model takes years and SimGrid's solver stalls; 100 Tb/s is 60x a 1.6 Tb/s port.
inline NumberRange link_bits_per_s() { return NumberRange::at_least(1e6).at_most(1e14); }
/// A link or per-client path in bytes per second: the same range as link_bits_per_s() / 8.
inline NumberRange link_bytes_per_s() { return NumberRange::at_least(1.25e5).at_most(1.25e13); }
/// A shared store's aggregate bandwidth, in bytes per second: [125 kB/s, 1 PB/s].
inline NumberRange aggregate_bytes_per_s() { return NumberRange::at_least(1.25e5).at_most(1e15); }
/// An optional bandwidth where 0 means "not modelled": [0, 1 PB/s].
inline NumberRange optional_bytes_per_s() { return NumberRange::non_negative().at_most(1e15); }
/// Oversubscription of a switch tier: [1, 1024]. Beyond, the uplinks are a cut, not a network.
inline NumberRange oversubscription() { return NumberRange::at_least(1).at_most(1024); }

// --- One accelerator and its node ---------------------------------------------------------------

/// Peak rate of one accelerator: [1 GFLOP/s, 1 EFLOP/s] (a B200 is 2.25 PFLOP/s BF16).
inline NumberRange flops_per_s() { return NumberRange::at_least(1e9).at_most(1e18); }
/// HBM per accelerator: [1 MB, 100 TB] (a B200 has 192 GB).
inline NumberRange hbm_bytes() { return NumberRange::at_least(1e6).at_most(1e14); }
/// HBM bandwidth: [1 MB/s, 1 PB/s] (a B200 has 8 TB/s).
inline NumberRange hbm_bytes_per_s() { return NumberRange::at_least(1e6).at_most(1e15); }
/// Power of one accelerator: (0, 10 kW] (a B200 is 1 kW); idle power [0, 10 kW].
inline NumberRange ppu_watts() { return NumberRange::positive().at_most(1e4); }
inline NumberRange ppu_idle_watts() { return NumberRange::non_negative().at_most(1e4); }
/// Host power of one node beyond its accelerators: [0, 100 kW].
inline NumberRange host_watts() { return NumberRange::non_negative().at_most(1e5); }

// --- Money and the facility ---------------------------------------------------------------------

/// Capital cost of one node: [0, $100M] (a 2025 8-GPU node is about $0.3M-0.5M).
inline NumberRange capex_per_node_usd() { return NumberRange::non_negative().at_most(1e8); }
/// Cloud price of one accelerator-hour: (0, $10,000].
inline NumberRange usd_per_ppu_hour() { return NumberRange::positive().at_most(1e4); }
/// Electricity: [0, $10/kWh] (retail prices are $0.03-0.50).
inline NumberRange usd_per_kwh() { return NumberRange::non_negative().at_most(10); }
/// Power usage effectiveness: [1, 3]. 1 is the physical floor; 3 is a very poor old room.
inline NumberRange pue() { return NumberRange::at_least(1).at_most(3); }
/// Depreciation period, years: [0.1, 100]. Five weeks is shorter than any depreciation schedule;
/// 5e-324 years (which (0, 100] accepted) made the capital cost per hour inf (found by the
/// whole-pipeline fuzz target, docs/robustness.md).
inline NumberRange amortization_years() { return NumberRange::at_least(0.1).at_most(100); }
/// Colocation per kW-month: [0, $10,000] (market prices are $100-300).
inline NumberRange usd_per_kw_month() { return NumberRange::non_negative().at_most(1e4); }
/// Staff per node-year: [0, $10M].
inline NumberRange usd_per_node_year() { return NumberRange::non_negative().at_most(1e7); }
/// Staff per job: [0, $1e6] (a million dollars of people's time for one job is a project).
inline NumberRange usd_per_job() { return NumberRange::non_negative().at_most(1e6); }

// --- Rates and counts ---------------------------------------------------------------------------

/// Arrivals per second (jobs or requests): (0, 1e6]. The resource estimate bounds the total.
inline NumberRange rate_per_s() { return NumberRange::positive().at_most(1e6); }
/// Mean time between failures of one component: [0.01, 1e8] hours (36 s to 11,000 years). A part
/// failing every 36 s is already a broken machine room; 5e-324 h, which (0, 1e8] accepted, drew
/// failures without end (10 GB in 2 minutes; found by the whole-pipeline fuzz target).
inline NumberRange mtbf_hours() { return NumberRange::at_least(0.01).at_most(1e8); }
/// Weibull shape: (0, 100]. Below about 0.05 the mean overflows a double.
inline NumberRange weibull_shape() { return NumberRange::at_least(0.05).at_most(100); }
/// Spot preemptions per node-hour: (0, 3600], at most one a second.
inline NumberRange preemptions_per_node_hour() { return NumberRange::positive().at_most(3600); }

}  // namespace ppusim::plausible
