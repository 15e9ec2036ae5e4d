// Where a training job's streaming input is read from, segment by segment (docs/models.md,
// section c2), and what each storage tier served over the run.
//
// Tiers, from the PPUs outwards:
//   - a node-local cache (NVMe): once a job has read its share of a dataset, later passes over
//     it come from the node's own disk, if the share fits (decided by the job's actor);
//   - the shared store (`storage`: a parallel file system or distributed cache);
//   - an object store behind it (`storage.object_store`), the datasets' home. With one, the
//     shared store caches datasets. Every job reads a dataset in the same order (its shards
//     in a fixed order, pass after pass), so what is resident is a prefix of that order: a read
//     of bytes [p, p + b) of a pass hits where it overlaps the resident prefix and goes to the
//     object store elsewhere. What came from the object store becomes resident (read-through,
//     up to the dataset's size or the cache's capacity), and when the cache is full the least
//     recently read other datasets are evicted, whole (LRU by dataset).
// Without an object store the shared store holds every dataset: every read is a hit.
#pragma once

#include <vector>

#include "sim/config/scenario.hpp"

namespace ppusim {

/// What one read of a segment's input takes from each tier (bytes, all the job's nodes).
struct InputSources {
  double store_bytes = 0;
  double object_store_bytes = 0;
  double node_cache_bytes = 0;
};

/// The run's reads by tier, and the PPU-time spent waiting on them (for the report).
struct StorageReads {
  long long streaming_jobs = 0;  // trace jobs with a streaming input
  double store_bytes = 0;
  double object_store_bytes = 0;
  double node_cache_bytes = 0;
  long long datasets_evicted = 0;  // whole datasets dropped from the cache to make room
};

class StorageTiers {
 public:
  explicit StorageTiers(const StorageSpec& storage);

  /// Splits a read of `bytes` (all the job's nodes) of `dataset` (-1: none named), starting
  /// `position` bytes into the job's reading of it (any number of passes), between the tiers,
  /// records it, and warms the cache with what came from the object store.
  /// `from_node_cache`: the job's nodes already hold their share (the actor decides).
  InputSources read(int dataset, double position, double bytes, bool from_node_cache);

  /// The part of the dataset resident in the shared store's cache (its size without an object
  /// store).
  double resident_bytes(int dataset) const;
  void count_streaming_job() { ++reads_.streaming_jobs; }
  const StorageReads& reads() const { return reads_; }

 private:
  /// Makes `bytes` more of the dataset resident, evicting least recently read others for room.
  void admit(int dataset, double bytes);

  const StorageSpec& storage_;
  bool caches_;      // an object store sits behind the store, which then caches
  double capacity_;  // of the cache; infinite when not given
  std::vector<double> resident_;
  std::vector<long long> last_read_;  // a counter of reads, for LRU
  long long reads_so_far_ = 0;
  StorageReads reads_;
};

}  // namespace ppusim
