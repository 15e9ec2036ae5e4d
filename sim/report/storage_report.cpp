#include "sim/report/storage_report.hpp"

namespace ppusim {

std::optional<ReportStorage> storage_section(const Scenario& scenario, const SimulationResult& result,
                                             double allocated_ppu_s) {
  const StorageReads& reads = result.storage_reads;
  // Reports keep their old shape when no job streams and the scenario gives no tiers.
  if (reads.streaming_jobs == 0 && !scenario.storage.uses_tiers()) return std::nullopt;
  ReportStorage section;
  section.streaming_jobs = reads.streaming_jobs;
  const double waited = result.metrics.input_wait_ppu_s();
  section.input_wait_ppu_hours = waited / 3600.0;
  section.input_wait_share_of_allocated_ppu_time = allocated_ppu_s > 0 ? waited / allocated_ppu_s : 0.0;
  section.store_bytes_read = reads.store_bytes;
  section.object_store_bytes_read = reads.object_store_bytes;
  section.node_cache_bytes_read = reads.node_cache_bytes;
  const double shared = reads.store_bytes + reads.object_store_bytes;
  if (scenario.storage.object_store && shared > 0) section.cache_hit_ratio = reads.store_bytes / shared;
  section.datasets_evicted = reads.datasets_evicted;
  return section;
}

}  // namespace ppusim
