#include "sim/economics/storage_cost.hpp"

#include <algorithm>

#include "sim/economics/cost_breakdown.hpp"

namespace ppusim {

namespace {

constexpr double kBytesPerGb = 1e9;

double monthly_usd(double bytes, double usd_per_gb_month, double window_s) {
  return bytes / kBytesPerGb * usd_per_gb_month * window_s / kSecondsPerMonth;
}

}  // namespace

bool storage_is_priced(const StorageSpec& storage) {
  return storage.usd_per_gb_month > 0 ||
         (storage.object_store && storage.object_store->usd_per_gb_month > 0) ||
         (storage.node_cache && storage.node_cache->usd_per_gb_month > 0);
}

StorageCost storage_cost(const Scenario& scenario, double window_s) {
  const StorageSpec& storage = scenario.storage;
  StorageCost cost;
  if (storage.capacity_bytes)
    cost.store_usd = monthly_usd(*storage.capacity_bytes, storage.usd_per_gb_month, window_s);
  if (storage.object_store) {
    double stored = 0;
    for (const DatasetSpec& dataset : storage.datasets) stored += dataset.bytes;
    cost.object_store_usd = monthly_usd(stored, storage.object_store->usd_per_gb_month, window_s);
  }
  if (storage.node_cache) {
    cost.node_cache_usd = monthly_usd(storage.node_cache->capacity_bytes * scenario.cluster.nodes,
                                      storage.node_cache->usd_per_gb_month, window_s);
  }
  return cost;
}

std::vector<StorageTierSizing> storage_sizing(const Scenario& scenario) {
  const StorageSpec& storage = scenario.storage;
  const double ppus = static_cast<double>(scenario.total_ppus());
  const StorageCost month = storage_cost(scenario, kSecondsPerMonth);
  std::vector<StorageTierSizing> tiers;
  // The shared store serves at most its aggregate, and at most every node's client link.
  const double client =
      std::min(storage.per_client_bandwidth_bytes_per_s, scenario.node.node_nic_bandwidth_bytes_per_s());
  const double store_bandwidth =
      std::min(storage.aggregate_bandwidth_bytes_per_s, client * scenario.cluster.nodes);
  tiers.push_back(
      {"shared store", storage.capacity_bytes, store_bandwidth, store_bandwidth / ppus, month.store_usd});
  if (storage.object_store) {
    const double bandwidth = storage.object_store->effective_bandwidth_bytes_per_s();
    tiers.push_back({"object store", storage.object_store->capacity_bytes, bandwidth, bandwidth / ppus,
                     month.object_store_usd});
  }
  if (storage.node_cache) {
    const double nodes = scenario.cluster.nodes;
    const double bandwidth = storage.node_cache->bandwidth_bytes_per_s * nodes;
    tiers.push_back({"node caches", storage.node_cache->capacity_bytes * nodes, bandwidth, bandwidth / ppus,
                     month.node_cache_usd});
  }
  return tiers;
}

}  // namespace ppusim
