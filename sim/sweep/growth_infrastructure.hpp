// The storage and network a growth plan's period needs beside its PPUs (docs/planning.md,
// "Storage and network"), free of simulation so that tests can check it by hand:
//   datasets   Z_d(k) = Z_d · Σ_{c reads d} d_c(k) / Σ_{c reads d} d_c
//              (a dataset grows with the compute of the classes that read it; unread: as is)
//   capacity   C(k)  = Σ_d Z_d(k)            (the datasets held; the base writes no checkpoints)
//   read rate  R(k)  = bytes of streaming input read in the window / window (the mean)
//   peak       P(k)  = the highest bin of the window's read-rate series (bytes read from shared
//                      storage per time-series bin / bin width)
//   bandwidth  B(k)  = P(k)                 (the busiest bin's reads: a store slower than that
//                                            makes that bin's steps wait; the mean understates it)
//   network    the period's fat-tree as `ppusim topology` builds it: switches by tier, cables,
//              transceivers; its cost is the network share of the owned capex
//              (network_capex_fraction) or is in the rental price
#pragma once

#include <cstdint>
#include <vector>

#include "sim/config/scenario.hpp"
#include "sim/sweep/growth_spec.hpp"

namespace ppusim {

/// Each dataset's bytes in period k, in the order of spec.datasets.
std::vector<double> grown_dataset_bytes(const GrowthSpec& spec, std::size_t period);

/// The storage a period's cluster has: capacity held and aggregate read bandwidth.
struct PeriodStorage {
  double capacity_bytes = 0;         // datasets held
  double read_bytes_per_s = 0;       // R(k), measured in the window
  double peak_read_bytes_per_s = 0;  // P(k), the busiest bin of the window
  double bandwidth_bytes_per_s = 0;  // B(k) = P(k)
  double input_wait_ppu_hours = 0;   // the window's, scaled to the period
};

PeriodStorage period_storage(const std::vector<double>& dataset_bytes, double input_bytes_read,
                             double peak_read_bytes_per_s, double window_s);

/// The period's network, from `ppusim topology`'s analysis of the window's scenario.
struct PeriodNetwork {
  std::int64_t leaf_switches = 0, spine_switches = 0, core_switches = 0, switches = 0;
  std::int64_t cables = 0, transceivers = 0;
};

PeriodNetwork period_network(const Scenario& window_scenario);

}  // namespace ppusim
