// What the storage tiers cost over the window (docs/economics.md, "Storage"):
//   shared store  = capacity_bytes / 1e9 × usd_per_gb_month × window / month
//   object store  = Σ dataset bytes / 1e9 × usd_per_gb_month × window / month
//   node caches   = nodes × capacity_bytes / 1e9 × usd_per_gb_month × window / month
// Provisioned tiers (a parallel file system, NVMe) are paid by capacity; an object store is
// paid by what it stores, the datasets it holds.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/config/scenario.hpp"

namespace ppusim {

struct StorageCost {
  double store_usd = 0;
  double object_store_usd = 0;
  double node_cache_usd = 0;
  double total_usd() const { return store_usd + object_store_usd + node_cache_usd; }
};

StorageCost storage_cost(const Scenario& scenario, double window_s);

/// Whether any tier has a price: then the cost breakdown has a storage line.
bool storage_is_priced(const StorageSpec& storage);

/// One tier as `ppusim topology` sizes it: what it holds and serves, in all and per PPU, and
/// what it costs a month (the formulas above with a window of one month).
struct StorageTierSizing {
  std::string tier;                      // "shared store", "object store", "node caches"
  std::optional<double> capacity_bytes;  // all nodes together for node caches; absent: not limited
  double bandwidth_bytes_per_s = 0;      // all clients together
  double bandwidth_per_ppu_bytes_per_s = 0;
  double usd_per_month = 0;
};

/// The scenario's storage tiers, nearest the PPUs last: shared store, object store, node caches.
std::vector<StorageTierSizing> storage_sizing(const Scenario& scenario);

}  // namespace ppusim
