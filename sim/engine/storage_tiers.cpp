#include "sim/engine/storage_tiers.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ppusim {

StorageTiers::StorageTiers(const StorageSpec& storage)
    : storage_(storage),
      caches_(storage.object_store.has_value()),
      capacity_(storage.capacity_bytes.value_or(std::numeric_limits<double>::infinity())),
      resident_(storage.datasets.size(), 0.0),
      last_read_(storage.datasets.size(), 0) {}

double StorageTiers::resident_bytes(int dataset) const {
  if (!caches_) return storage_.datasets[dataset].bytes;
  return resident_[dataset];
}

namespace {

/// Length of [a, b) ∩ [0, prefix).
double overlap_with_prefix(double a, double b, double prefix) {
  return std::max(0.0, std::min(b, prefix) - a);
}

/// Bytes of [position, position + bytes) of a dataset of `size` read pass after pass (positions
/// taken modulo the size) that fall in its first `prefix` bytes.
double bytes_in_prefix(double position, double bytes, double size, double prefix) {
  const double passes = std::floor(bytes / size);
  const double rest = bytes - passes * size;
  const double start = std::fmod(position, size);
  double hits = passes * prefix;
  if (start + rest <= size) {
    hits += overlap_with_prefix(start, start + rest, prefix);
  } else {
    hits += overlap_with_prefix(start, size, prefix) + overlap_with_prefix(0, start + rest - size, prefix);
  }
  return std::min(hits, bytes);
}

}  // namespace

InputSources StorageTiers::read(int dataset, double position, double bytes, bool from_node_cache) {
  InputSources sources;
  if (from_node_cache) {
    sources.node_cache_bytes = bytes;
  } else if (dataset < 0 || !caches_) {
    sources.store_bytes = bytes;
  } else {
    const double hits =
        bytes_in_prefix(position, bytes, storage_.datasets[dataset].bytes, resident_[dataset]);
    // Less than a byte of misses is rounding, not a miss: positions and the resident prefix are
    // sums of different reads' sizes, whose doubles differ in their last bits (~1e-3 B at 1e13 B).
    const double misses = bytes - hits;
    sources.object_store_bytes = misses < 1 ? 0 : misses;
    sources.store_bytes = bytes - sources.object_store_bytes;
    admit(dataset, sources.object_store_bytes);
  }
  if (dataset >= 0) last_read_[dataset] = ++reads_so_far_;
  reads_.store_bytes += sources.store_bytes;
  reads_.object_store_bytes += sources.object_store_bytes;
  reads_.node_cache_bytes += sources.node_cache_bytes;
  return sources;
}

void StorageTiers::admit(int dataset, double bytes) {
  double& resident = resident_[dataset];
  resident = std::min(resident + bytes, std::min(storage_.datasets[dataset].bytes, capacity_));
  double total = 0;
  for (double r : resident_) total += r;
  while (total > capacity_) {
    int victim = -1;
    for (std::size_t i = 0; i < resident_.size(); ++i) {
      if (static_cast<int>(i) == dataset || resident_[i] <= 0) continue;
      if (victim < 0 || last_read_[i] < last_read_[victim]) victim = static_cast<int>(i);
    }
    if (victim < 0) break;  // only this dataset is resident, and it is capped at the capacity
    total -= resident_[victim];
    resident_[victim] = 0;
    ++reads_.datasets_evicted;
  }
}

}  // namespace ppusim
